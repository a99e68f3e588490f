# close() raises GeneratorExit at the yield: finally blocks and with-exits run.
class Resource:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return False

def reader():
    with Resource():
        try:
            for i in range(10):
                yield i
        finally:
            print("cleanup")

r = reader()
print(next(r), next(r))
r.close()
print("closed")
print(next(r, "nothing"))

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("caught GeneratorExit")
        raise

s = stubborn()
next(s)
s.close()
never = reader()
never.close()
print("never started closed")
