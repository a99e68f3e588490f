import numpy as np
import matplotlib.pyplot as plt
x = np.arange(8)
y = np.sqrt(x) * 2
plt.figure(figsize=(6, 4))
plt.plot(x, y, label="mean")
plt.fill_between(x, y - 0.8, y + 0.8, alpha=0.2, label="spread")
plt.errorbar(x, y + 1.5, yerr=0.4, fmt="o", label="runs")
plt.text(1, 6, "errors and a band")
plt.title("fill_between, errorbar, text")
plt.legend()
plt.show()
