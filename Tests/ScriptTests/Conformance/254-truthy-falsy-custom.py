class Empty:
    def __len__(self):
        return 0
values = [0, 1, "", "a", [], [0], Empty(), None]
print([bool(v) for v in values])
