try:
    import pandas
    have = True
except ImportError:
    have = False
print(have)
try:
    import nonexistent_module_xyz
except ModuleNotFoundError as e:
    print("missing:", e.__class__.__name__)
