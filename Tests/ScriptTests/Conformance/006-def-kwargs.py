def show(**kw):
    for k in kw:
        print(k, "=", kw[k])
show(a=1, b="two")
opts = {"x": 1, "y": 2}
show(**opts)
