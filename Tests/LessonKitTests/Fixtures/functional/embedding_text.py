import numpy as np
import keras
from keras import layers
words = keras.Input(shape=(12,), name="words")
x = layers.Embedding(1000, 16)(words)
x = layers.GlobalAveragePooling1D()(x)
out = layers.Dense(3, activation="softmax", name="topic")(x)
model = keras.Model(words, out)
model.summary()
rng = np.random.default_rng(3)
ids = rng.integers(0, 1000, size=(64, 12))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
h = model.fit(ids, rng.integers(0, 3, size=64), epochs=1, verbose=0)
table = model.get_layer("embedding").get_weights()[0]
print(sorted(h.history), table.shape, float(np.abs(table).max()) < 0.06)
stack = keras.Sequential([keras.Input(shape=(12,)), layers.Embedding(50, 4), layers.GlobalMaxPooling1D(name="pool"), layers.Dense(2)])
stack.summary()
print(stack.predict(ids[:5] % 50, verbose=0).shape)
