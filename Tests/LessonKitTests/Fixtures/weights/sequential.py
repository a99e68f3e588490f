import numpy as np
import keras
from keras import layers
name, shape = "sequential", (4, 4, 1)
model = keras.Sequential([keras.Input(shape=shape), layers.Conv2D(2, 3, activation="relu"), layers.Flatten(),
                          layers.Dropout(0.5), layers.Dense(3, activation="softmax")])
