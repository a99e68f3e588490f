import numpy as np
a = np.arange(6).reshape(2, 3)
b = np.arange(6).reshape(3, 2) * 1.5
v = np.array([1.0, 2.0, 3.0])
print(a @ b)
print(np.dot(a, b))
print(np.matmul(a, v))
print(v @ v, np.dot(v, v))
print(np.dot(v, b))
print(np.outer(np.arange(3), np.arange(4)))
print(np.dot(2, 3))
print(np.matmul(np.ones((2, 2, 3)), np.ones((3, 4))).shape)
