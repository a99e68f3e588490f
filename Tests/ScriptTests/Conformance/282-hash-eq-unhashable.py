class OnlyEq:
    def __eq__(self, other):
        return True
print(OnlyEq.__hash__)
print(OnlyEq() == 3)
try:
    {OnlyEq(): 1}
except TypeError as e:
    print("TypeError:", e)
try:
    hash(OnlyEq())
except TypeError as e:
    print("TypeError:", e)
try:
    set([OnlyEq()])
except TypeError as e:
    print("TypeError:", e)
class Child(OnlyEq):
    def __hash__(self):
        return 7
print(hash(Child()), len({Child(), Child()}))
class NoHash:
    __hash__ = None
try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)
class BadHash:
    def __hash__(self):
        return "x"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)
