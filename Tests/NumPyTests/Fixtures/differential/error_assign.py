import numpy as np
x = np.zeros(3)
x[:] = np.ones(2)
