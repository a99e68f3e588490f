class Config:
    depth = 3
    def __init__(self):
        self.width = 10
c = Config()
print(hasattr(c, "width"), hasattr(c, "depth"), hasattr(c, "height"))
print(getattr(c, "width"), getattr(c, "height", "none"), getattr(Config, "depth"))
setattr(c, "height", 4)
print(c.height, hasattr(c, "height"))
delattr(c, "height")
print(hasattr(c, "height"))
try:
    getattr(c, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(c, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(c, 5)
except TypeError as e:
    print("TypeError:", e)
print(hasattr([], "append"), hasattr("s", "upper"), hasattr(3, "nope"))
import math
print(hasattr(math, "pi"), getattr(math, "tau") > 6)
for name in ["on_epoch_end", "on_train_begin"]:
    print(name, hasattr(c, name))
class Prop:
    @property
    def boom(self):
        raise ValueError("inside")
try:
    hasattr(Prop(), "boom")
except ValueError as e:
    print("ValueError:", e)
