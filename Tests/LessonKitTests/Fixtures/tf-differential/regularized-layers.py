# kernel_regularizer= / bias_regularizer= on Dense and Conv2D (names and keras.regularizers
# objects) in a Sequential, a functional and a subclassed model: model.losses and the fit
# loss, which includes the penalties; activity_regularizer= in functional and subclassed
# models. Deterministic weights.
import numpy as np
import keras
from keras import layers, regularizers


def fill(shape, phase):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n, dtype="float64") * 0.7 + phase) * 0.3).astype("float32").reshape(shape)


x = fill((24, 6, 6, 1), 0.5) * 3
y = np.arange(24) % 3


def report(model, epochs=2, call=False):
    model.set_weights([fill(w.shape, i) for i, w in enumerate(model.get_weights())])
    if call:
        model(x[:2])
    print(len(model.losses), [round(float(v), 5) for v in model.losses])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    history = model.fit(x, y, batch_size=8, epochs=epochs, shuffle=False, verbose=0)
    print([round(float(v), 5) for v in history.history["loss"]], round(float(model.evaluate(x, y, verbose=0)), 5))
    print(np.round(model.predict(x[:2], verbose=0), 4))


seq = keras.Sequential([
    keras.Input(shape=(6, 6, 1)),
    layers.Conv2D(4, 3, activation="relu", kernel_regularizer="l2", bias_regularizer=regularizers.L1(0.05)),
    layers.Flatten(),
    layers.Dense(3, kernel_regularizer=regularizers.L1L2(l1=0.01, l2=0.02)),
])
report(seq)

inputs = keras.Input(shape=(6, 6, 1))
h = layers.Flatten()(layers.Conv2D(2, 3, kernel_regularizer="l1")(inputs))
outputs = layers.Dense(3, kernel_regularizer="l1l2", bias_regularizer="l2")(h)
func = keras.Model(inputs, outputs)
report(func)


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = layers.Conv2D(2, 3, kernel_regularizer=regularizers.L2(0.1))
        self.flat = layers.Flatten()
        self.out = layers.Dense(3, bias_regularizer="l1")

    def call(self, x):
        return self.out(self.flat(self.conv(x)))


net = Net()
net(x[:1])
report(net)
inputs = keras.Input(shape=(6, 6, 1))
h = layers.Flatten()(layers.Conv2D(2, 3, activity_regularizer=regularizers.L2(0.01))(inputs))
func = keras.Model(inputs, layers.Dense(3, activity_regularizer="l1")(h))
report(func)


class Active(keras.Model):
    def __init__(self):
        super().__init__()
        self.flat = layers.Flatten()
        self.out = layers.Dense(3, activity_regularizer=regularizers.L1L2(l1=0.1, l2=0.2))

    def call(self, x):
        return self.out(self.flat(x))


active = Active()
active(x[:1])
report(active, call=True)
try:
    layers.Dense(2, kernel_regularizer="l1_l2")
except ValueError as e:
    print("ValueError", e)
