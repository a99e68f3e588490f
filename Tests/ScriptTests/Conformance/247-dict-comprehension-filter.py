scores = {"a": 90, "b": 60, "c": 75}
print({k: v for k, v in scores.items() if v >= 75})
print({v: k for k, v in sorted(scores.items())})
