# keras.utils.pad_sequences: Keras 3's defaults (int32, "pre" padding and truncating) and options.
import numpy as np
import keras
from keras.preprocessing.sequence import pad_sequences

sequences = [[1, 2, 3], [4, 5], [6, 7, 8, 9, 10], []]
padded = keras.utils.pad_sequences(sequences)
print(padded, padded.dtype, padded.shape)
print(pad_sequences(sequences, maxlen=3, padding="post", truncating="post"))
print(pad_sequences(sequences, maxlen=4, value=-1))
print(pad_sequences(sequences, dtype="float32", maxlen=2))
print(pad_sequences([[1.5, 2.5, -0.5]], dtype="float32"), pad_sequences([[1.5, 2.5, -0.7]]))
print(pad_sequences([np.array([1, 2]), (3,)]))
for options in [dict(padding="mid"), dict(truncating="x")]:
    try:
        pad_sequences(sequences, maxlen=2, **options)
    except ValueError as error:
        print("ValueError", error)
try:
    pad_sequences(3)
except ValueError as error:
    print("ValueError", error)
