import numpy as np
# An empty mask over an empty array whose rows are huge: taking or assigning no rows once
# multiplied the rows' axes (2**80) and trapped; NumPy refuses such shapes when they are made.
for shape in [(0, 2**40, 2**40), (0, 2**40, 2**19)]:
    try:
        b = np.zeros(shape)
        print(b[np.zeros(0, dtype=bool)].shape)
        b[np.zeros(0, dtype=bool)] = 1
        print(np.isclose(b, b).shape, (b + 1).shape)
    except Exception as error:
        print(type(error).__name__, error)
