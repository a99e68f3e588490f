# pathlib's pure path arithmetic: name, stem, suffix, parent, parts, `/`, with_suffix, joinpath.
from pathlib import PurePath, PurePosixPath, Path

p = PurePosixPath("/data/images/cat.photo.png")
print(p, repr(p))
print(p.name, p.stem, p.suffix, p.suffixes)
print(p.parent, p.parent.parent, p.parts)
print(p.with_suffix(".jpg"), p.with_name("dog.png"), p.with_stem("dog"))
print(p.is_absolute(), p.anchor, p.as_posix())
q = PurePath("models") / "v1" / "weights.h5"
print(q, repr(q), q.parts, q.is_absolute())
print(PurePosixPath("a", "b/c", "d"), PurePosixPath("a").joinpath("b", "c"))
print(PurePosixPath("a//b/./c/"), PurePosixPath(""), PurePosixPath("a", "/abs"))
print("root" / PurePosixPath("x"), PurePosixPath("x/y") == PurePosixPath("x//y"))
print(PurePosixPath("archive.tar.gz").suffixes, PurePosixPath(".bashrc").suffix)
print(list(map(str, PurePosixPath("/a/b/c").parents)))
print(PurePosixPath("/a/b/c").relative_to("/a"), str(PurePosixPath("a/b").with_suffix("")))
d = Path("data") / "train.csv"
print(repr(d), str(d), d.name, d.suffix, d.parent)
