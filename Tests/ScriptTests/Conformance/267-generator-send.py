# send() delivers a value to the suspended yield; the first send must be None.
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count

a = averager()
print(next(a))
print(a.send(10))
print(a.send(20))
print(a.send(60))
b = averager()
try:
    b.send(5)
except TypeError as e:
    print("TypeError:", e)

def echo():
    received = yield "ready"
    while True:
        received = yield "got " + str(received)

e = echo()
print(e.send(None))
print(e.send(1))
print(e.send("two"))
