# LSTM (Keras's defaults: tanh, sigmoid, gates i, f, c, o) stacked with return_sequences, in a
# Sequential and a functional model: summaries, predictions and a few SGD epochs from the same
# weights (set from arrays, so nothing depends on either library's initializers).
import numpy as np
import keras
from keras import layers


def fill(shape, k):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n, dtype="float64") * 0.7 + k) * 0.5).reshape(shape).astype("float32")


x = fill((6, 5, 3), 0.3)
y = (x[:, :, 0].sum(axis=1) > 0).astype("int64")
model = keras.Sequential([keras.Input((5, 3)), layers.LSTM(4, return_sequences=True), layers.LSTM(3), layers.Dense(2, activation="softmax")])
model.summary()
print(model.layers[0].units, model.layers[0].return_sequences, model.layers[1].return_sequences)
print([w.shape for w in model.get_weights()])
model.set_weights([fill(w.shape, k) for k, w in enumerate(model.get_weights())])
print(np.round(model.predict(x, verbose=0), 5))
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=4, batch_size=3, shuffle=False, verbose=0)
print([round(v, 4) for v in history.history["loss"]])
print(np.round(model.predict(x[:2], verbose=0), 4))

inputs = keras.Input((5, 3))
sequence = layers.LSTM(2, return_sequences=True, name="seq")(inputs)
outputs = layers.Dense(1)(sequence)
graph = keras.Model(inputs, outputs)
graph.summary()
graph.set_weights([fill(w.shape, k + 10) for k, w in enumerate(graph.get_weights())])
print(np.round(graph.predict(x[:2], verbose=0)[..., 0], 5))
try:
    keras.Sequential([keras.Input((7,)), layers.LSTM(5)])
except ValueError as error:
    print("ValueError", error)
try:
    layers.LSTM(0)
except ValueError as error:
    print("ValueError", error)
