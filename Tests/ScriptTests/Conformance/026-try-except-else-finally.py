def f(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print("zero")
    else:
        print("ok", r)
    finally:
        print("done")
f(2)
f(0)
