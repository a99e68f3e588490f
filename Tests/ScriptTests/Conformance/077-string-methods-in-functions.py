def normalize(s):
    return s.strip().lower().replace(" ", "_")
print([normalize(x) for x in ["  Hello World ", "A B"]])
