def permutations(xs):
    out = []
    def rec(prefix, rest):
        if not rest:
            out.append(prefix)
            return
        for i in range(len(rest)):
            rec(prefix + [rest[i]], rest[:i] + rest[i + 1:])
    rec([], xs)
    return out
print(permutations([1, 2, 3]))
