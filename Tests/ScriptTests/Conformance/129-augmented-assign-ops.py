x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 2; x %= 7
print(x)
s = "a"; s *= 3; print(s)
l = [1]; l += [2]; l *= 2; print(l)
