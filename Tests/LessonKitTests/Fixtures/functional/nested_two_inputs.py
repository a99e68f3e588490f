import numpy as np
import keras
from keras import layers
a = keras.Input(shape=(6,), name="a")
b = keras.Input(shape=(4,), name="b")
joined = layers.concatenate([layers.Dense(5, name="da")(a), layers.Dense(5, name="db")(b)])
inner = keras.Model([a, b], layers.Dense(3, name="head")(joined), name="inner")
x1 = keras.Input(shape=(6,), name="x1")
x2 = keras.Input(shape=(4,), name="x2")
outer = keras.Model([x1, x2], layers.Dense(2, name="top")(inner([x1, x2])), name="outer")
outer.summary()
outer.compile(optimizer="sgd", loss="mse")
rng = np.random.default_rng(1)
h = outer.fit([rng.random((16, 6)), rng.random((16, 4))], rng.random((16, 2)), epochs=1, verbose=0)
print(sorted(h.history.keys()), [l.name for l in outer.layers])
