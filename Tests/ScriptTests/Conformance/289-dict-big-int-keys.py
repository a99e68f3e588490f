# Ints of any size, bools and integral floats that are equal make one dict key / set member.
d = {2**100: 'big'}
print(d[2**100], 2**100 in d, (2**100 + 1) in d)
print(d.get(2.0**100), 2.0**100 in d)
d[2**100] = 'again'
print(len(d), d)

# A result that fits in 64 bits again is the same key as a small int.
k = 2**64 // 2**1
print(k, {k: 1}.get(2**63), {2**62: 'x'}[2**64 // 4])
print((2**70 - 2**70 + 5) in {5: None})
print({-(2**80): 'neg'}[-(2**80)], -(2**80) in {2**80: 1})

# True == 1 == 1.0: the first key stays, the last value wins (CPython).
print({1: 'a', True: 'b', 1.0: 'c'})
print({True: 'b', 1: 'a'}, {0.0: 'z', 0: 'i', False: 'f', -0.0: 'n'})
print({1.5: 'x', 3: 'y'}[1.5], 3.0 in {3: 'y'})

# Sets collapse equal numbers the same way.
s = {2**100, 2.0**100, 2**100 + 0, 1, True, 1.0}
print(len(s), sorted(s))
s.discard(2.0**100)
print(len(s), s)
print(set([10**20, 1e20, 10**20 + 1]) == {10**20, 10**20 + 1})

# Tuples of numbers as keys.
t = {(2**65, 1): 'pair'}
print(t[(2**65, True)], (2.0**65, 1.0) in t)

# Counting with big keys.
counts = {}
for n in [3**50, 3**50, 9**25, 2**64, 2**64 + 0]:
    counts[n] = counts.get(n, 0) + 1
print(list(counts.values()), len(counts))

del d[2**100]
print(d, 2**100 in d)
