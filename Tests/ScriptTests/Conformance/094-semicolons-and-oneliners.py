def f(x): return x + 1
class C: pass
if True: print("yes"); print("also")
for i in range(2): print(i)
while False: pass
print(f(1), C.__name__)
