# hash() of numbers agrees across int, bool and float, modulo 2**61 - 1 (sys.hash_info.modulus).
print(hash(1), hash(True), hash(1.0), hash(0), hash(False), hash(-0.0))
print(hash(-1), hash(-2), hash(-1.0))
print(hash(2**100), hash(2.0**100), hash(2**100) == hash(2.0**100))
print(hash(-(2**100)), hash(10**30), hash(2**61 - 1), hash(2**61), hash(2**63))
print(hash(1.5), hash(-2.25), hash(0.1), hash(1e300), hash(float('inf')), hash(float('-inf')))
print(hash(12345678901234567890), hash(-12345678901234567890))
print(hash(3**40) == hash(float(3**40)), hash(7) == hash(7.0))

class Big:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 2**100
    def __eq__(self, other):
        return isinstance(other, Big) and self.v == other.v

print(hash(Big(1)), Big(1) in {Big(1)}, Big(2) in {Big(1)})
