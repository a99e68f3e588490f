class Suppress:
    def __enter__(self):
        return None
    def __exit__(self, t, v, tb):
        return True
with Suppress():
    1 / 0
print("survived")
