# findall, finditer, sub with back-references and a function, subn, split.
import re

text = "The year 1999 and 2024; also 42."
print(re.findall(r"\d+", text))
print(re.findall(r"(\d)(\d)", "1234 56"))
print(re.findall(r"(\w+)@(\w+)\.com", "a@b.com, c@d.com"))
print(re.findall(r"a(b)?", "ab a"))
print([m.span() for m in re.finditer(r"\d{2}", "12 345 6789")])
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world foo bar"))
print(re.sub(r"(?P<first>\w)(\w*)", r"\g<first>.\g<2>", "ab cd"))
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples and 10 pears"))
print(re.sub(r"\s+", " ", "a   b \t\n c", count=1))
print(re.subn(r"o", "0", "foo boo"))
print(re.sub("x*", "-", "abxd"))
print(re.split(r"[,;]\s*", "a, b;c,  d"))
print(re.split(r"(,)", "a,b,c"))
print(re.split(r",", "a,b,c,d", maxsplit=2))
print(re.sub(r"[^a-z0-9]+", "_", "Hello, World! 2024".lower()).strip("_"))
