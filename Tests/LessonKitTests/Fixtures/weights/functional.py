import numpy as np
import keras
from keras import layers
name, shape = "functional", (4,)
inputs = keras.Input(shape=shape, name="features")
a = layers.Dense(3, activation="relu", name="hidden")(inputs)
b = layers.Dense(2)(inputs)
x = layers.concatenate([a, b])
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
