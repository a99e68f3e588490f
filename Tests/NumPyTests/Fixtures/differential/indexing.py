import numpy as np
x = np.arange(20).reshape(4, 5)
print(x[1])
print(x[-1, -2])
print(x[1:3, ::2])
print(x[::-1, 0])
print(x[x > 12])
print(x[[0, 2]])
print(x[[3, -1, 0], :])
print(x[np.array([1, 1, 2]), 1:3])
print(x[x[:, 0] > 4])
print(x[..., 1])
m = np.array([True, False, True, False])
print(x[m, 0])
x[0, 0] = 100
x[1] = 0
x[2, 1:3] = [7, 8]
x[x > 50] = -1
x[[3], :] = 9
print(x)
z = np.zeros(5)
z[1] = 2.5
z[3] += 1
z[-1] = z[1] * 2
print(z)
f = np.zeros((2, 3), dtype=np.int64)
f[0, 1] = 3.9
f[:, 2] = np.array([1, 2])
print(f)
b = np.array([1, 2, 3]) > 1
print(~b)
print(~np.array([1, 2], dtype=np.int64))
print((x > 2) & (x < 9))
print((x < 2) | (x > 8))
c = np.arange(6.0)
c[c > 2] = 0.5
print(c)
