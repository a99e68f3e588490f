print(type(1).__name__, type(1.5).__name__, type("s").__name__, type([]).__name__)
print(type(()).__name__, type({}).__name__, type(None).__name__, type(True).__name__)
class K:
    pass
print(type(K()).__name__, type(K()) == K, K.__name__)
