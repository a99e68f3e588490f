# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Shapes in a percent script
#
# A jupytext percent script.

# %%
import numpy as np
x = np.ones((2, 5))
print(x.shape)

# %% [markdown]
# ```output
# (2, 5)
# ```

# %% tags=["nbval-skip"]
print("never")

# %%
words = ["a", "bb", "ccc"]
print([len(w) for w in words])

# %% [markdown]
# ```output
# [1, 2, 3]
# ```
