# reduction= of SparseCategoricalCrossentropy and CategoricalCrossentropy (logits and
# probabilities), and the gradient of reduction="sum" on a tape, as Keras 3 computes them.
import numpy as np
import tensorflow as tf
import keras

logits = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-1.5, 2.5, 0.0], [1.0, 1.0, -2.0]], dtype="float32")
probs = np.array([[0.7, 0.2, 0.1], [0.3, 0.3, 0.4], [0.05, 0.9, 0.05], [0.25, 0.5, 0.25]], dtype="float32")
labels = np.array([0, 2, 1, 1])
onehot = np.eye(3, dtype="float32")[labels]

for cls, truth in [(keras.losses.SparseCategoricalCrossentropy, labels), (keras.losses.CategoricalCrossentropy, onehot)]:
    for reduction in ["sum_over_batch_size", "mean", "sum", "none", None]:
        for from_logits, pred in [(True, logits), (False, probs)]:
            loss = cls(from_logits=from_logits, reduction=reduction)
            print(cls.__name__, reduction, from_logits, loss.reduction, np.round(np.asarray(loss(truth, pred)), 5))

x = tf.Variable(logits)
for reduction in ["sum", "sum_over_batch_size"]:
    with tf.GradientTape() as tape:
        value = keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=reduction)(labels, x * 1.0)
    print(reduction, round(float(value), 5), np.round(tape.gradient(value, x).numpy(), 4))
try:
    keras.losses.SparseCategoricalCrossentropy(reduction="average")
except ValueError as e:
    print("ValueError", "Invalid value for argument `reduction`" in str(e))
