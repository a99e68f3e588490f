
try:
    a = np.zeros((0, 2**40))
except Exception as error:
    print(type(error).__name__, error)
try:
    print(a.sum(axis=1), a.cumsum(axis=0).shape)
except Exception as error:
    print(type(error).__name__, error)
try:
    print(a.sum(axis=0))
except Exception as error:
    print(type(error).__name__, error)
try:
    print(np.sum(a, axis=0))
except Exception as error:
    print(type(error).__name__, error)
try:
    print(a[:, ::2].shape, a[:, 5:2**39].shape, a[:, ::-3].shape, a[..., np.newaxis, 1:].shape)
except Exception as error:
    print(type(error).__name__, error)
try:
    print(np.sort(a, axis=0).shape, np.argsort(a, axis=1).shape, np.repeat(a, 3, axis=1).shape)
except Exception as error:
    print(type(error).__name__, error)
try:
    b = np.zeros((0, 2**40, 2**40))
except Exception as error:
    print(type(error).__name__, error)
try:
    print(b.sum(axis=0))
except Exception as error:
    print(type(error).__name__, error)
try:
    print(b.mean(axis=1).shape, b.max(axis=0))
except Exception as error:
    print(type(error).__name__, error)
try:
    print(np.concatenate([b, b], axis=2).shape, b.tolist(), b[:, ::7, 3:].shape)
except Exception as error:
    print(type(error).__name__, error)
try:
    print(np.cumsum(b, axis=2).shape, np.std(b, axis=2).shape, b.argmax(axis=1))
except Exception as error:
    print(type(error).__name__, error)
