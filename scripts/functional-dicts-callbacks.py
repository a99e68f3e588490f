"""Regenerates Tests/LessonKitTests/Fixtures/functional/{dict_io,nested_two_inputs,graph_callbacks,embedding_text}.txt:
what Keras 3 (TensorFlow backend) prints for a model with dicts of inputs and outputs (keras.io's
functional-API guide, with Dense features in place of Embedding/LSTM), a nested model of two
inputs, the built-in callbacks on a functional fit, and Embedding with Global*Pooling1D (a
functional and a Sequential text model). The programs are the ones
FunctionalGraphTests runs (Tests/LessonKitTests/FunctionalGraphTests.swift).

    python3 -m venv .venv-graphs && .venv-graphs/bin/pip install tensorflow-cpu
    .venv-graphs/bin/python scripts/functional-dicts-callbacks.py
"""
import contextlib, io, os, pathlib
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["COLUMNS"] = "80"

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LessonKitTests/Fixtures/functional"
programs = {
"dict_io.txt": '''
import numpy as np
import keras
from keras import layers
title_input = keras.Input(shape=(10,), name="title")
body_input = keras.Input(shape=(20,), name="body")
tags_input = keras.Input(shape=(12,), name="tags")
title_features = layers.Dense(16, activation="relu")(title_input)
body_features = layers.Dense(8, activation="relu")(body_input)
x = layers.concatenate([title_features, body_features, tags_input])
priority_pred = layers.Dense(1, activation="sigmoid", name="priority")(x)
department_pred = layers.Dense(4, name="department")(x)
model = keras.Model(inputs={"title": title_input, "body": body_input, "tags": tags_input},
                    outputs={"priority": priority_pred, "department": department_pred})
model.summary()
model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
              loss={"priority": "binary_crossentropy",
                    "department": keras.losses.CategoricalCrossentropy(from_logits=True)},
              loss_weights={"priority": 1.0, "department": 0.2})
rng = np.random.default_rng(0)
title_data = rng.random((64, 10)).astype("float32")
body_data = rng.random((64, 20)).astype("float32")
tags_data = rng.integers(0, 2, size=(64, 12)).astype("float32")
priority_targets = rng.random((64, 1)).astype("float32")
department_targets = np.eye(4, dtype="float32")[rng.integers(0, 4, size=64)]
history = model.fit({"title": title_data, "body": body_data, "tags": tags_data},
                    {"priority": priority_targets, "department": department_targets},
                    epochs=2, batch_size=32, verbose=0)
print(sorted(history.history.keys()))
pred = model.predict({"title": title_data, "body": body_data, "tags": tags_data}, verbose=0)
print(type(pred).__name__, list(pred.keys()), pred["priority"].shape, pred["department"].shape)
print([t.name for t in model.inputs] == ["body", "tags", "title"] or [t.name for t in model.inputs])
''',
"nested_two_inputs.txt": '''
import numpy as np
import keras
from keras import layers
a = keras.Input(shape=(6,), name="a")
b = keras.Input(shape=(4,), name="b")
joined = layers.concatenate([layers.Dense(5, name="da")(a), layers.Dense(5, name="db")(b)])
inner = keras.Model([a, b], layers.Dense(3, name="head")(joined), name="inner")
x1 = keras.Input(shape=(6,), name="x1")
x2 = keras.Input(shape=(4,), name="x2")
outer = keras.Model([x1, x2], layers.Dense(2, name="top")(inner([x1, x2])), name="outer")
outer.summary()
outer.compile(optimizer="sgd", loss="mse")
rng = np.random.default_rng(1)
h = outer.fit([rng.random((16, 6)), rng.random((16, 4))], rng.random((16, 2)), epochs=1, verbose=0)
print(sorted(h.history.keys()), [l.name for l in outer.layers])
''',
"graph_callbacks.txt": '''
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
''',
"embedding_text.txt": '''
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
''',
}

if __name__ == "__main__":
    import keras
    for name, program in programs.items():
        keras.backend.clear_session()
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(program, name, "exec"), {"__name__": "__lesson__"})
        (out / name).write_text(buf.getvalue())
        (out / name.replace(".txt", ".py")).write_text(program.lstrip("\n"))
        print(name, "written")
