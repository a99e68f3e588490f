import numpy as np
# Generator.random(dtype=np.float32): 24 bits of a 32-bit draw; two float32 draws per 64-bit
# word, so float32 and float64 draws interleave as NumPy's buffered next_uint32 does.
rng = np.random.default_rng(7)
a = rng.random(5, dtype=np.float32)
print(a.dtype, a)
print(rng.random(dtype=np.float32))
print(rng.random(2))
print(rng.random((2, 3), dtype="float32"))
print(rng.random(3, dtype=np.float64))
b = np.random.default_rng(2024).random(4000, dtype=np.float32)
print(b.dtype, b.shape, b[:4], b[-3:], b.min(), b.max())
print(float(b.sum(dtype=np.float64)))
try:
    rng.random(3, dtype=np.int32)
except TypeError as error:
    print("TypeError", error)
