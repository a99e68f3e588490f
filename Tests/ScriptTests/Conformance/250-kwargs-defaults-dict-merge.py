defaults = {"lr": 0.01, "epochs": 5}
def train(**overrides):
    cfg = {**defaults, **overrides}
    return cfg
print(train(), train(epochs=1))
