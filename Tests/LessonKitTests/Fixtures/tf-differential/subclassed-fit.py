# fit of a subclassed model with add_loss, validation_split / validation_data and a lesson
# callback: the logs each epoch and the History. Deterministic: zero weights, no shuffle.
import numpy as np
import keras
from keras import ops


class Linear(keras.Model):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 1), initializer="zeros", name="w")
        self.b = self.add_weight(shape=(1,), initializer="zeros", name="b")

    def call(self, x):
        y = ops.matmul(x, self.w) + self.b
        self.add_loss(0.01 * ops.sum(ops.square(self.w)))
        return y


class Recorder(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        print("begin", sorted(self.params.items()))

    def on_epoch_end(self, epoch, logs=None):
        print(epoch, [(k, round(float(v), 4)) for k, v in sorted(logs.items())])


x = np.linspace(-1.0, 1.0, 30, dtype="float32").reshape(10, 3)
y = (x @ np.array([[1.0], [-2.0], [0.5]], dtype="float32") + 0.25).astype("float32")
model = Linear()
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
history = model.fit(x, y, epochs=3, batch_size=4, shuffle=False, validation_split=0.2, verbose=0, callbacks=[Recorder()])
print(list(history.history.keys()))
print([round(v, 4) for v in history.history["val_loss"]])
_ = model(x[:1])
print(len(model.losses), round(float(model.losses[0]), 5))

model = Linear()
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=keras.losses.MeanAbsoluteError())
history = model.fit(x[:8], y[:8], epochs=2, batch_size=3, shuffle=False, validation_data=(x[8:], y[8:]), verbose=0)
print(list(history.history.keys()))
print([round(v, 4) for v in history.history["loss"]], [round(v, 4) for v in history.history["val_loss"]])
