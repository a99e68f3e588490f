import numpy as np
np.arange(4).sum(axis=1)
