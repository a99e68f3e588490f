import numpy as np
import matplotlib.pyplot as plt
image = np.outer(np.linspace(0, 1, 12), np.linspace(0, 1, 16))
plt.figure(figsize=(6, 4))
plt.imshow(image, cmap="viridis")
plt.colorbar()
plt.title("imshow with colorbar")
plt.show()
