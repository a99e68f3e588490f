# Loops with break/continue and nested try around yields keep their state across resumes.
def chunks(items, size):
    batch = []
    for item in items:
        if item is None:
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
        if item == "stop":
            break
    else:
        print("no stop seen")
    if batch:
        yield batch

print(list(chunks([1, None, 2, 3, 4, 5], 2)))
print(list(chunks(["a", "b", "stop", "c"], 2)))

def retry(n):
    attempt = 0
    while attempt < n:
        attempt += 1
        try:
            if attempt % 2:
                raise ValueError(attempt)
            yield "ok %d" % attempt
        except ValueError as e:
            yield "failed %s" % e
    return

print(list(retry(4)))

class Counter:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        for i in range(self.n):
            yield i * 10

print(list(Counter(3)), list(Counter(0)))
