"""TensorFlow-CPU side of scripts/bench --vs-keras: the seed model, same data, batch 32."""
import argparse, gzip, os, resource, time
import numpy as np

def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)

def find_mnist():
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    for d in [os.environ.get("LESSON_DATA", ""), os.path.join(xdg, "lesson", "datasets", "mnist")]:
        for stem in ["train-images.idx3-ubyte", "train-images-idx3-ubyte"]:
            p = os.path.join(d, stem)
            if os.path.exists(p):
                sep = stem[len("train-images")]
                get = lambda s, k: read_idx(os.path.join(d, f"{s}{sep}{k}-ubyte"))
                return (get("train-images", "idx3"), get("train-labels", "idx1")), (get("t10k-images", "idx3"), get("t10k-labels", "idx1"))
    from tensorflow.keras.datasets import mnist
    return mnist.load_data()

ap = argparse.ArgumentParser(); ap.add_argument("--epochs", type=int, default=1)
args = ap.parse_args()
import tensorflow as tf
from tensorflow import keras
(x, y), (xt, yt) = find_mnist()
x = (x / 255.0).reshape(-1, 28, 28, 1); xt = (xt / 255.0).reshape(-1, 28, 28, 1)
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    keras.layers.Conv2D(32, (3, 3), activation="relu"), keras.layers.MaxPooling2D((2, 2)),
    keras.layers.Conv2D(64, (3, 3), activation="relu"), keras.layers.MaxPooling2D((2, 2)),
    keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
times = []
class Timer(keras.callbacks.Callback):
    def on_epoch_begin(self, e, logs=None): self.t = time.time()
    def on_epoch_end(self, e, logs=None): times.append(time.time() - self.t)
model.fit(x, y, epochs=args.epochs, batch_size=32, validation_split=0.1, verbose=2, callbacks=[Timer()])
loss, acc = model.evaluate(xt, yt, verbose=0)
med = sorted(times)[len(times) // 2]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
gflop = (54000 * 15.4e6 + 6000 * 5.3e6) / 1e9
print(f"tensorflow {tf.__version__}: {med * 1000 / 1688:.2f} ms/step, {med:.2f} s/epoch (median of {len(times)}), "
      f"{gflop / med:.1f} GFLOP/s, {gflop / med / 156 * 100:.1f}% of peak; test accuracy {acc:.4f}; peak RSS {rss:.0f} MB")
print(f"RESULT tf_epoch_s={med:.3f} tf_acc={acc:.4f} tf_rss_mb={rss:.0f}")
