def tag(t):
    def deco(f):
        def w():
            return f"<{t}>" + f() + f"</{t}>"
        return w
    return deco
@tag("b")
@tag("i")
def text():
    return "hi"
print(text())
