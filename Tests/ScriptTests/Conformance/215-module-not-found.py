try:
    import pandas as pd
except ModuleNotFoundError as e:
    print(type(e).__name__, str(e).split(";")[0])
try:
    from sklearn.model_selection import train_test_split
except ImportError as e:
    print(type(e).__name__, str(e).split(";")[0])
