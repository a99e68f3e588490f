import numpy as np
# Long streams from a seed whose first 5000 draws reach the tails past r (they take extra
# draws; a stream that differs there differs for good), so the last values check it all.
for dtype in [np.float64, np.float32]:
    x = np.random.default_rng(88).standard_normal(5000, dtype=dtype)
    print(x.dtype, np.sum(np.abs(x) > 3.6541528853610088), repr(x[::625]), repr(x[-2:]))
    print(repr(float(x.astype(np.float64).sum())), repr(float(x.min())), repr(float(x.max())))
    y = np.random.default_rng(88).standard_exponential(5000, dtype=dtype)
    print(y.dtype, np.sum(y > 7.6971174701310497), repr(y[::625]), repr(y[-2:]))
    print(repr(float(y.astype(np.float64).sum())), repr(float(y.max())))
rng = np.random.default_rng(2024)
z = rng.normal(np.arange(4.0), [0.5, 1, 2, 4], size=(1000, 4))
print(repr(z[-1]), repr(float(z.sum())))
w = rng.exponential([1.0, 0.1], size=(1500, 2))
print(repr(w[-1]), repr(float(w.sum())))
print(repr(rng.standard_normal()), repr(rng.random()))
