"""Regenerates Tests/LessonKitTests/Fixtures/functional/*.txt: what Keras 3 (TensorFlow
backend) prints for the summaries of Lessons/functional-api.md, on an 80-column terminal.

    python3 -m venv .venv-bench && .venv-bench/bin/pip install tensorflow-cpu
    COLUMNS=80 .venv-bench/bin/python scripts/functional-summaries.py
"""
import contextlib, io, os, pathlib
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["COLUMNS"] = "80"
import keras
from keras import layers

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LessonKitTests/Fixtures/functional"

def save(name, model):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        model.summary()
    (out / name).write_text(buf.getvalue())

inputs = keras.Input(shape=(784,), name="pixels")
wide = layers.Dense(32, activation="relu")(inputs)
deep = layers.Dense(64, activation="relu")(inputs)
deep = layers.Dense(32, activation="relu")(deep)
merged = layers.concatenate([wide, deep])
outputs = layers.Dense(10, activation="softmax", name="digit")(merged)
save("two_branch.txt", keras.Model(inputs=inputs, outputs=outputs, name="two_branch"))

pixels = keras.Input(shape=(784,), name="image")
trunk = layers.Dense(64, activation="relu")(pixels)
digit = layers.Dense(10, activation="softmax", name="digit_head")(trunk)
odd = layers.Dense(2, activation="softmax", name="odd_head")(trunk)
save("two_heads.txt", keras.Model(inputs=pixels, outputs=[digit, odd], name="two_heads"))

# A residual `add`, and a chain with a fixed batch size (no "Connected to" column), named
# as a fresh lesson run names them.
keras.backend.clear_session()
x = keras.Input(shape=(784,))
h = layers.Dense(64, activation="relu")(x)
h2 = layers.Dense(64, activation="relu")(h)
save("residual_add.txt", keras.Model(inputs=x, outputs=layers.Dense(10)(layers.add([h, h2]))))
x16 = keras.Input(shape=(784,), batch_size=16)
first = layers.Dense(32)(x16)
save("chain_batch16.txt", keras.Model(x16, layers.Dense(10)(first)))

# The layers the corpus's autoencoder and sequential guide add (Conv2DTranspose, UpSampling2D,
# GlobalMaxPooling2D, Softmax), in a fresh session.
keras.backend.clear_session()
inp = layers.Input(shape=(28, 28, 1))
h = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(inp)
h = layers.MaxPooling2D((2, 2), padding="same")(h)
h = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(h)
h = layers.UpSampling2D()(h)
h = layers.GlobalMaxPooling2D()(h)
h = layers.Dense(10)(h)
save("decoder_layers.txt", keras.Model(inp, layers.Softmax()(h)))
