class MyError(Exception):
    pass
class Sub(MyError):
    pass
try:
    raise Sub("deep")
except MyError as e:
    print(type(e).__name__, e, e.args)
print(issubclass(Sub, Exception), isinstance(Sub(), MyError))
