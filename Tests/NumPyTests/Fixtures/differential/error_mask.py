import numpy as np
x = np.arange(4)
print(x[np.array([True, False])])
