words = ["pear", "fig", "banana"]
print(max(words), min(words), max(words, key=len), min(words, key=len), sum([1.5, 2.5]))
print(max(3, 7, 5), min([4, 2, 8]), sum(range(101)))
