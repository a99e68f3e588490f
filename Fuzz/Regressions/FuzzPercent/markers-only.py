# %%
# %% [markdown]
# %%
