# fit(dataset) of Sequential and functional models: Keras iterates the dataset anew each epoch,
# so a reshuffling dataset trains each epoch in a new order (TensorFlow's), and the per-epoch
# losses follow it; with reshuffle_each_iteration=False every epoch has the first order.
# Keras 3 makes two iterators per epoch (and per evaluate): the pass after `evaluate` shows it.
# Deterministic: set_weights, seeded shuffles, SGD.
import numpy as np
import tensorflow as tf
import keras
from keras import layers

x = np.linspace(-1.0, 1.0, 40, dtype="float32").reshape(20, 2)
y = (x @ np.array([[1.5], [-0.5]], dtype="float32") + 0.25 * np.sin(7.0 * x[:, :1])).astype("float32")
start = [np.array([[0.4, -0.3, 0.2], [0.1, 0.5, -0.4]], dtype="float32"), np.array([0.05, 0.0, -0.05], dtype="float32"),
         np.array([[0.3], [-0.2], [0.6]], dtype="float32"), np.zeros(1, dtype="float32")]


def sequential():
    return keras.Sequential([keras.Input(shape=(2,)), layers.Dense(3, activation="relu"), layers.Dense(1)])


def functional():
    i = keras.Input(shape=(2,))
    return keras.Model(i, layers.Dense(1)(layers.Dense(3, activation="relu")(i)))


class subclassed(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(3, activation="relu")
        self.out = layers.Dense(1)

    def call(self, inputs):
        return self.out(self.hidden(inputs))


for build in (sequential, functional, subclassed):
    for buffer, reshuffle in ((20, True), (20, False), (6, True)):
        ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(buffer, seed=7, reshuffle_each_iteration=reshuffle).batch(4)
        m = build()
        m(x[:1])
        m.set_weights(start)
        m.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
        h = m.fit(ds, epochs=4, verbose=0)
        print(build.__name__, buffer, reshuffle, [float(v) for v in h.history["loss"]])
        # evaluate is one more pass (another order; the mean loss does not depend on it).
        print(float(m.evaluate(ds, verbose=0)))
        print([[round(float(v), 4) for v in b[0].numpy()[:, 0]] for b in ds][0])
