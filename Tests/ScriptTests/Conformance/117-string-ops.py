s = "Hello, World"
print(s.upper(), s.lower(), s.split(", "), s[::-1], s.find("o"), s.count("l"))
print(s.startswith("He"), s.endswith("d"), "-".join(["a", "b"]), s.replace("l", "L"))
