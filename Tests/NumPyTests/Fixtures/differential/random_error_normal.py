import numpy as np
rng = np.random.default_rng(1)
for call in [lambda: rng.normal(0, -1), lambda: rng.normal(0, [1, -0.0]), lambda: rng.exponential(-2),
             lambda: rng.normal([1, 2, 3], [1, 2]), lambda: rng.normal(np.zeros((3, 2)), 1, size=2),
             lambda: rng.exponential([1, 2, 3], size=(2,)), lambda: rng.normal(0, [1, 2], size=3),
             lambda: rng.standard_normal(dtype=np.int32), lambda: rng.standard_exponential(dtype='int64'),
             lambda: rng.normal('a'), lambda: rng.normal(None), lambda: rng.standard_normal(size=(2, -1))]:
    try:
        print(call())
    except Exception as error:
        print(type(error).__name__, error)
print(rng.standard_normal(2))
