# throw() raises inside the generator at the yield; except/else/finally inside a generator.
def worker():
    while True:
        try:
            x = yield
            print("working on", x)
        except ValueError as e:
            print("recovered from", e)
        else:
            print("no error")
        finally:
            print("turn over")

w = worker()
next(w)
w.send("a")
w.throw(ValueError("bad input"))
w.send("b")
try:
    w.throw(KeyError("k"))
except KeyError as e:
    print("escaped", repr(e))
print(next(w, "finished"))

def raiser():
    yield 1
    raise StopIteration

try:
    list(raiser())
except RuntimeError as e:
    print("RuntimeError:", e)
