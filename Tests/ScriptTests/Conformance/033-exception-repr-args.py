e = ValueError("a", 1)
print(repr(e), e.args, str(e))
print(repr(ValueError("x")), str(KeyError("k")), repr(TypeError()))
