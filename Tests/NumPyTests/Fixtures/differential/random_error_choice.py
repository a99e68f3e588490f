import numpy as np
np.random.seed(3)
print(np.random.choice(3, 5, replace=False))
