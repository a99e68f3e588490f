results = []
for x in [1, 0, 2, "a"]:
    try:
        results.append(10 / x)
    except ZeroDivisionError:
        results.append("inf")
    except TypeError:
        results.append("type")
print(results)
