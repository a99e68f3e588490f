import numpy as np
rng = np.random.default_rng(0)
try:
    rng.choice(3, 2, p=[0.5, 0.6, 0.1])
except ValueError as e:
    print("ValueError:", e)
try:
    rng.choice(3, 2, replace=False, p=[1.0, 0.0, 0.0])
except ValueError as e:
    print("ValueError:", e)
try:
    rng.choice(3, 2, p=[0.5, 0.5])
except ValueError as e:
    print("ValueError:", e)
rng.choice(3, 5, replace=False)
