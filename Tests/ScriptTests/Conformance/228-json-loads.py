import json
s = '{"a": [1, 2.5, -3e2], "b": {"c": null, "d": true}, "e": "x\\ny\\u00e9"}'
d = json.loads(s)
print(d, type(d["a"][0]).__name__, type(d["a"][1]).__name__)
print(json.loads("[]"), json.loads("3"), json.loads('"s"'))
try:
    json.loads("{bad}")
except ValueError as e:
    print(type(e).__name__, e)
print(json.loads(json.dumps(d)) == d)
