# Flags and named groups: IGNORECASE, MULTILINE, DOTALL, VERBOSE, (?P<name>...), (?P=name).
import re

print(re.findall(r"cat", "Cat cAt cat", re.IGNORECASE))
print(re.findall(r"^\w+", "one two\nthree four", re.MULTILINE))
print(re.findall(r"^\w+", "one two\nthree four"))
print(re.search(r"a.b", "a\nb"), re.search(r"a.b", "a\nb", re.DOTALL).group() == "a\nb")
pattern = re.compile(r"""
    (?P<year>\d{4})   # the year
    -
    (?P<month>\d{2})  # the month
""", re.VERBOSE)
m = pattern.search("date: 2024-05")
print(m.group("year"), m["month"], m.groupdict(), pattern.groupindex)
print(m.start("month"), m.lastgroup)
print(re.search(r"(?P<word>\w+) (?P=word)", "say hello hello there").group())
print(re.compile("a", re.I | re.M))
print(re.I == 2, re.IGNORECASE == 2, int(re.M), int(re.S), int(re.X), re.I | re.M == 10)
print(re.escape("a.b*c"), re.search(re.escape("1+1"), "is 1+1=2").span())
try:
    re.compile("(unclosed")
except re.error as e:
    print("re.error")
