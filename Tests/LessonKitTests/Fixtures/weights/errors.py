import numpy as np
import keras
from keras import layers
def attempt(model, **kwargs):
    try:
        model.load_weights("sequential.weights.h5", **kwargs)
        print("loaded")
    except ValueError as e:
        # The variable's value is its random initial weights: leave it out.
        parts = str(e).split(" Target variable:")
        print(parts[0])
        if len(parts) > 1:
            print("List of objects" + parts[1].split("List of objects")[-1])
longer = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.Conv2D(2, 3, activation="relu"), layers.Flatten(),
                           layers.Dropout(0.5), layers.Dense(3, activation="softmax"), layers.Dense(2)])
attempt(longer)
wider = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.Conv2D(4, 3, activation="relu"), layers.Flatten(),
                          layers.Dropout(0.5), layers.Dense(3, activation="softmax")])
attempt(wider)
attempt(wider, skip_mismatch=True)
shorter = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.Conv2D(2, 3, activation="relu")])
attempt(shorter)
try:
    shorter.load_weights("sequential.npz")
except ValueError as e:
    print(e)
try:
    keras.Sequential([layers.Dense(2)]).load_weights("sequential.weights.h5")
except ValueError as e:
    print(e)
