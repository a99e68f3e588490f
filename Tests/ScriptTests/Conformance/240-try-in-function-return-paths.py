def parse(s):
    try:
        return int(s)
    except ValueError:
        return None
    finally:
        pass
print([parse(x) for x in ["1", "a", "-3"]])
