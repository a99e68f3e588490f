import json
data = {"name": "model", "layers": [32, 64], "rate": 0.001, "ok": True, "none": None, "nested": {"a": [1, {"b": 2}]}}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True), json.dumps([]), json.dumps({}), json.dumps("é\n\"q\""))
print(json.dumps({1: "int key", 2.5: "float"}), json.dumps((1, 2)), json.dumps(1e100))
print(json.dumps([1, 2], separators=(",", ":")))
