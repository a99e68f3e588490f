import numpy as np
import keras
from keras import layers
inputs = keras.Input(shape=(4,), name="features")
a = layers.Dense(3, activation="relu", name="hidden")(inputs)
b = layers.Dense(2)(inputs)
outputs = layers.Dense(3, activation="softmax")(layers.concatenate([a, b]))
model = keras.Model(inputs, outputs)
model.load_weights("functional.weights.h5")
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
x = np.linspace(-1, 1, 48, dtype="float32").reshape(12, 4)
y = np.arange(12) % 3
every = keras.callbacks.ModelCheckpoint("ckpt-{epoch:02d}-{val_loss:.2f}.weights.h5", save_weights_only=True, verbose=1)
best = keras.callbacks.ModelCheckpoint("best.weights.h5", monitor="val_accuracy", save_best_only=True, save_weights_only=True, verbose=1)
model.fit(x, y, epochs=3, batch_size=4, shuffle=False, validation_data=(x[:6], y[:6]), callbacks=[every, best], verbose=0)
for path, only in [("m.h5", True), ("m.weights", False)]:
    try:
        keras.callbacks.ModelCheckpoint(path, save_weights_only=only)
    except ValueError as e:
        print(e)
