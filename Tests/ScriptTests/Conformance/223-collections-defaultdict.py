from collections import defaultdict
groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups)
print(dict(groups), len(groups), "z" in groups)
counts = defaultdict(int)
for ch in "hello":
    counts[ch] += 1
print(sorted(counts.items()))
