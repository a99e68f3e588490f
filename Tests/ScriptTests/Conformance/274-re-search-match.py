# re.search / match / fullmatch and the Match object.
import re

m = re.search(r"(\d+)-(\d+)", "call 555-1234 now")
print(m.group(), m.group(0), m.group(1), m.group(2), m.group(1, 2))
print(m.groups(), m.start(), m.end(), m.span(), m.span(2), m[1])
print(repr(m))
print(re.match(r"\d+", "abc 123"), re.match(r"[a-z]+", "abc 123").group())
print(re.fullmatch(r"[a-z]+", "abc"), re.fullmatch(r"[a-z]+", "abc1"))
print(bool(re.search("x", "abc")), re.search("b", "abc").string)
m = re.search(r"(a)(b)?", "ac")
print(m.groups(), m.groups("-"), m.group(2), m.lastindex)
p = re.compile(r"o+")
print(p, p.pattern, p.groups, p.search("foo boo", 3).span())
