class Boom(Exception):
    pass
print("start")
raise Boom("bang")
