import numpy as np
import matplotlib.pyplot as plt
np.random.seed(1)
images = np.random.random((10, 8, 8))
plt.figure(figsize=(10, 2))
for i in range(10):
    ax = plt.subplot(1, 10, i + 1)
    plt.imshow(images[i])
    plt.gray()
    ax.get_xaxis().set_visible(False)
    ax.get_yaxis().set_visible(False)
plt.show()
