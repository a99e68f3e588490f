# GRU (Keras 3's reset_after=True: a (2, 3u) bias) and SimpleRNN from the same weights as
# Keras: summaries, predictions and a few SGD epochs (weights set from arrays).
import numpy as np
import keras
from keras import layers


def fill(shape, k):
    n = int(np.prod(shape))
    return (np.cos(np.arange(n, dtype="float64") * 0.9 + k) * 0.6).reshape(shape).astype("float32")


x = fill((8, 4, 3), 0.1)
y = (x[:, :, 1].sum(axis=1) > 0).astype("int64")
model = keras.Sequential([keras.Input((4, 3)), layers.GRU(5, return_sequences=True), layers.SimpleRNN(3), layers.Dense(2, activation="softmax")])
model.summary()
print([w.shape for w in model.get_weights()])
model.set_weights([fill(w.shape, k) for k, w in enumerate(model.get_weights())])
print(np.round(model.predict(x[:3], verbose=0), 5))
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=0)
print([round(v, 4) for v in history.history["loss"]])

inputs = keras.Input((4, 3))
outputs = layers.Dense(1)(layers.GRU(2)(inputs))
graph = keras.Model(inputs, outputs)
graph.summary()
graph.set_weights([fill(w.shape, k + 5) for k, w in enumerate(graph.get_weights())])
print(np.round(graph.predict(x[:3], verbose=0)[:, 0], 5))
