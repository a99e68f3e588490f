# A generator body runs only as next() asks: the prints interleave with the consumer's.
def numbers():
    print("start")
    for i in range(3):
        print("before", i)
        yield i
        print("after", i)
    print("end")

g = numbers()
print("created", type(g).__name__)
print("got", next(g))
print("got", next(g))
for x in g:
    print("loop", x)
print(next(g, "exhausted"))
