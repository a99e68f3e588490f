# Chained generator expressions pull one item at a time through the pipeline.
log = []
def source():
    for i in range(5):
        log.append("produce %d" % i)
        yield i

doubled = (x * 2 for x in source())
big = (x for x in doubled if x > 2)
print(log)
print(next(big))
print(log)
print(sum(big))
print(log)
print(any(x > 3 for x in source()))
print(all(x < 3 for x in source()))
print(len(log))
g = (x for x in range(3))
print(repr(g).startswith("<generator object <genexpr> at 0x"))
print(sorted(x for x in "cab"), max(x % 3 for x in range(10)))
