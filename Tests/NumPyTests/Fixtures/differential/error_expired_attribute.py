import numpy as np
try:
    print(np.NaN)
except AttributeError as e:
    print("AttributeError:", e)
try:
    x = np.zeros(2, dtype=np.float_)
except AttributeError as e:
    print("AttributeError:", e)
best = np.Inf
