from collections import Counter
c = Counter("abracadabra")
print(c)
print(c.most_common(2), c["a"], c["z"], len(c))
c.update("aaz")
print(c.most_common(1), sorted(c.elements())[:6])
words = Counter(["x", "y", "x"])
print(words, dict(words) == {"x": 2, "y": 1}, sum(words.values()))
