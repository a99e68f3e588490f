for first, *rest in [(1, 2, 3), (4, 5)]:
    print(first, rest)
head, *_ = "xyz"
print(head)
