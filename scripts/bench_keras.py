"""TensorFlow-CPU side of scripts/bench --vs-keras: the seed model, same data, batch 32."""
import argparse, os, resource, time
import numpy as np

import sys
sys.path.insert(0, os.path.dirname(__file__))
from bench_keras_data import find_mnist  # noqa: E402

ap = argparse.ArgumentParser(); ap.add_argument("--epochs", type=int, default=1)
ap.add_argument("--train", type=int, default=0)
args = ap.parse_args()
import tensorflow as tf
from tensorflow import keras
(x, y), (xt, yt) = find_mnist()
if args.train:
    x, y = x[: args.train], y[: args.train]
x = (x / 255.0).reshape(-1, 28, 28, 1); xt = (xt / 255.0).reshape(-1, 28, 28, 1)
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    keras.layers.Conv2D(32, (3, 3), activation="relu"), keras.layers.MaxPooling2D((2, 2)),
    keras.layers.Conv2D(64, (3, 3), activation="relu"), keras.layers.MaxPooling2D((2, 2)),
    keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
times = []; cpus = []  # wall and CPU seconds (all threads) per epoch
class Timer(keras.callbacks.Callback):
    def on_epoch_begin(self, e, logs=None): self.t = time.time(); self.c = time.process_time()
    def on_epoch_end(self, e, logs=None): times.append(time.time() - self.t); cpus.append(time.process_time() - self.c)
model.fit(x, y, epochs=args.epochs, batch_size=32, validation_split=0.1, verbose=2, callbacks=[Timer()])
loss, acc = model.evaluate(xt, yt, verbose=0)
med = sorted(times)[len(times) // 2]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"tensorflow {tf.__version__}: {med:.2f} s/epoch (median of {len(times)}); test accuracy {acc:.4f}; peak RSS {rss:.0f} MB")
cpu = sorted(cpus)[len(cpus) // 2]
print(f"tensorflow: {cpu:.2f} CPU-s an epoch")
print(f"RESULT tf_epoch_s={med:.3f} tf_cpu_s={cpu:.3f} tf_acc={acc:.4f} tf_rss_mb={rss:.0f}")
