# ---
# jupyter:
#   kernelspec:
#     name: python3
# %% [markdown]
# # Title [2J
# %%
print("x")
# %% [raw]
