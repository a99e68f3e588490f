import numpy as np
import matplotlib.pyplot as plt
x = np.linspace(0, 10, 50)
plt.figure(figsize=(6.4, 4.8))
plt.plot(x, np.sin(x), label="sin")
plt.plot(x, np.cos(x), "--", label="cos")
plt.title("Waves")
plt.xlabel("x")
plt.ylabel("value")
plt.legend()
plt.grid(True)
plt.show()
