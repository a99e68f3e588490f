import numpy as np
import tensorflow as tf
import keras
from keras import layers
x = (np.arange(32, dtype="float32").reshape(16, 2) / 32.0)
y = (x @ np.array([[1.0], [-2.0]], dtype="float32") + 0.5)
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.d = layers.Dense(1)
    def call(self, inputs):
        return self.d(inputs)
class Stepped(Net):
    """A model whose own train_step does what Keras's does."""
    def __init__(self):
        super().__init__()
        self.tracker = keras.metrics.Mean(name="loss")
    @property
    def metrics(self):
        return [self.tracker]
    def train_step(self, data):
        xb, yb = data
        with tf.GradientTape() as tape:
            loss = keras.ops.mean(keras.ops.square(self(xb, training=True) - yb))
        grads = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(grads, self.trainable_weights))
        self.tracker.update_state(loss)
        return {"loss": self.tracker.result()}
def build(cls=Net, lr=0.1):
    m = cls()
    # Built by a first call, then the same starting weights as TensorFlow's run.
    m(x[:1])
    m.set_weights([np.full((2, 1), 0.1, dtype="float32"), np.zeros(1, dtype="float32")])
    m.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse")
    return m
def rounded(values):
    return [round(float(v), 4) for v in values]
class Keys(keras.callbacks.Callback):
    def __init__(self, tag):
        super().__init__()
        self.tag = tag
    def on_epoch_end(self, epoch, logs=None):
        print(self.tag, epoch, sorted(logs.keys()), self.model.stop_training)
for cls in (Net, Stepped):
    print(cls.__name__)
    # mode="max" on a falling loss: epoch 0 stays the best, so training stops after `patience`.
    stop = keras.callbacks.EarlyStopping(monitor="loss", mode="max", patience=2, restore_best_weights=True, verbose=1)
    m = build(cls)
    h = m.fit(x, y, epochs=10, batch_size=4, shuffle=False, verbose=0, callbacks=[stop])
    print(len(h.history["loss"]), stop.stopped_epoch, stop.best_epoch, rounded(h.history["loss"]))
    print(rounded(m.get_weights()[0].ravel()), rounded(m.get_weights()[1]))
    # start_from_epoch and min_delta: epochs before 2 are not watched; no later epoch beats by 1e9.
    stop = keras.callbacks.EarlyStopping(monitor="loss", min_delta=1e9, patience=1, start_from_epoch=2, verbose=1)
    h = build(cls).fit(x, y, epochs=10, batch_size=4, shuffle=False, verbose=0, callbacks=[stop])
    print(len(h.history["loss"]), stop.stopped_epoch, stop.best_epoch)
    # baseline: no loss reaches -1, so waiting never resets although each epoch improves.
    stop = keras.callbacks.EarlyStopping(monitor="loss", baseline=-1.0, patience=3, verbose=1)
    h = build(cls).fit(x, y, epochs=10, batch_size=4, shuffle=False, verbose=0, callbacks=[stop])
    print(len(h.history["loss"]), stop.stopped_epoch, rounded(h.history["loss"]))
    # The callbacks in list order: Keys("before") does not see learning_rate, Keys("after") does.
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_delta=1e9, verbose=1)
    m = build(cls)
    h = m.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=0, callbacks=[Keys("before"), plateau, Keys("after")])
    print(rounded(h.history["learning_rate"]), round(float(m.optimizer.learning_rate), 6), rounded(h.history["loss"]))
    record = keras.callbacks.History()
    def schedule(epoch, lr):
        return lr if epoch < 1 else lr * 0.5
    h = build(cls).fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=0,
                       callbacks=[keras.callbacks.LearningRateScheduler(schedule, verbose=1), record])
    print(h is record, sorted(record.history.keys()), record.epoch, rounded(record.history["learning_rate"]), rounded(record.history["loss"]))
    bad = x.copy()
    bad[6, 0] = np.inf
    h = build(cls).fit(bad, y, epochs=3, batch_size=4, shuffle=False, verbose=0, callbacks=[keras.callbacks.TerminateOnNaN(), Keys("nan")])
    print(len(h.history["loss"]))
