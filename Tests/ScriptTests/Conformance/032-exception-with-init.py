class ShapeError(ValueError):
    def __init__(self, shape):
        super().__init__(f"bad shape {shape}")
        self.shape = shape
try:
    raise ShapeError((2, 3))
except ValueError as e:
    print(e, e.shape)
