from collections import deque
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, d.popleft(), d.pop(), d, len(d), d[0], d[-1])
last = deque(maxlen=3)
for i in range(6):
    last.append(i)
print(last, list(last))
