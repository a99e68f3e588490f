words = "the cat and the hat and the bat".split()
print(sorted(set(words)), len(set(words)))
print(sorted({w[0] for w in words}))
