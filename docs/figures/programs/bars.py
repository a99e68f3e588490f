import numpy as np
import matplotlib.pyplot as plt
fig, axes = plt.subplots(1, 2, figsize=(8, 3))
axes[0].bar(["cat", "dog", "bird"], [3, 5, 2])
axes[0].set_title("Pets")
np.random.seed(0)
axes[1].hist(np.random.randn(500), bins=20)
axes[1].set_title("Normal sample")
plt.show()
