import numpy as np
import keras
from keras import layers
rng = np.random.default_rng(2)
x = rng.random((48, 8)).astype("float32")
y = rng.random((48, 1)).astype("float32")
def build():
    inp = keras.Input(shape=(8,))
    m = keras.Model(inp, layers.Dense(1)(layers.Dense(4, activation="relu")(inp)))
    m.compile(optimizer=keras.optimizers.SGD(learning_rate=0.001), loss="mse")
    return m
# min_delta is huge: only the first epoch counts as an improvement, whatever the figures.
stop = keras.callbacks.EarlyStopping(monitor="loss", min_delta=1e9, patience=2, restore_best_weights=True, verbose=1)
h = build().fit(x, y, epochs=10, batch_size=16, verbose=0, callbacks=[stop])
print(len(h.history["loss"]), stop.stopped_epoch, stop.best_epoch)
plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_delta=1e9, verbose=1)
h = build().fit(x, y, epochs=3, batch_size=16, verbose=0, callbacks=[plateau])
print([float(v) for v in h.history["learning_rate"]])
def schedule(epoch, lr):
    return lr if epoch < 1 else lr * 0.5
record = keras.callbacks.History()
m = build()
h = m.fit(x, y, epochs=3, batch_size=16, verbose=0,
          callbacks=[keras.callbacks.LearningRateScheduler(schedule, verbose=1), record])
print(h is record, sorted(record.history.keys()), record.epoch, [float(v) for v in record.history["learning_rate"]])
h = build().fit(x, y, epochs=2, verbose=0, callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch: 0.01 / (epoch + 1))])
print([float(v) for v in h.history["learning_rate"]])
class Count(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.epochs = []
    def on_epoch_end(self, epoch, logs=None):
        self.epochs.append((epoch, sorted(logs.keys())))
count = Count()
build().fit(x, y, epochs=2, verbose=0, callbacks=[count, keras.callbacks.TerminateOnNaN()])
print(count.epochs)
