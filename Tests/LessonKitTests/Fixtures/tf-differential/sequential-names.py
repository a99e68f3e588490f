# Keras 3's Sequential rebuilds itself as a Functional graph when a layer joins it while its
# input is known, and when data first builds it: each rebuild takes a `functional` name, which
# shows in the names of the keras.Model objects made afterwards.
import numpy as np
import keras
from keras import layers


def probe():
    inputs = keras.Input((3,))
    return keras.Model(inputs, layers.Dense(1)(inputs)).name


print("start", probe())
s = keras.Sequential([keras.Input((3,)), layers.Dense(2), layers.Dense(2)])
print("list of three", probe())
s.add(layers.Dense(4))
print("add", probe())
s = keras.Sequential([keras.Input((3,))])
print("input only", probe())
s.add(layers.Dense(4))
print("add after input", probe())
s = keras.Sequential([layers.Dense(2)])
print("no input shape", probe())
s.compile(optimizer="sgd", loss="mse")
s.fit(np.ones((2, 3)), np.ones((2, 2)), verbose=0)
print("built by fit", probe())
s.fit(np.ones((2, 3)), np.ones((2, 2)), verbose=0)
print("fit again", probe())
s = keras.Sequential([layers.Dense(2)])
s.predict(np.ones((1, 3)), verbose=0)
print("built by predict", probe())
s = keras.Sequential()
s.add(keras.Input((3,)))
s.add(layers.Dense(2))
s.add(layers.Dense(2))
print("three adds", probe(), s.name)
