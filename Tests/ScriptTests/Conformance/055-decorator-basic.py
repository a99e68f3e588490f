def shout(f):
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs).upper()
    return wrapper
@shout
def hello(name):
    return "hello " + name
print(hello("ann"))
