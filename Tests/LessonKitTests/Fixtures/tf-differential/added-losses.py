# add_loss, layer.losses reset on each outermost call, regularizers, loss objects with
# reduction=, all on the tape (gradients printed). Deterministic: no random weights.
import numpy as np
import tensorflow as tf
import keras
from keras import ops


class ActivityRegularizationLayer(keras.layers.Layer):
    def __init__(self, rate=1e-2):
        super().__init__()
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.mean(inputs))
        return inputs


class OuterLayer(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.activity_reg = ActivityRegularizationLayer(1e-2)

    def call(self, inputs):
        return self.activity_reg(inputs)


layer = OuterLayer()
print(len(layer.losses))
_ = layer(ops.zeros((1, 1)))
print(len(layer.losses))
_ = layer(ops.zeros((1, 1)))
print(len(layer.losses))
_ = layer(np.array([[2.0, 4.0]], dtype="float32"))
print(float(layer.losses[0]))


class Scaled(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 2), initializer="ones", regularizer=keras.regularizers.l2(1e-3), name="kernel")
        self.b = self.add_weight(shape=(2,), initializer="zeros", regularizer="l1", name="bias")

    def call(self, inputs):
        y = ops.matmul(inputs, self.w) + self.b
        self.add_loss(0.5 * ops.sum(ops.square(y)))
        return y


x = np.array([[1.0, -2.0, 0.5], [0.25, 1.5, -1.0]], dtype="float32")
s = Scaled()
with tf.GradientTape() as tape:
    y = s(x)
    total = ops.sum(y) + sum(s.losses)
print(len(s.losses), [round(float(v), 6) for v in s.losses])
print(np.round(total.numpy(), 5))
for g in tape.gradient(total, s.trainable_weights):
    print(np.round(g.numpy(), 5).tolist())

print(keras.regularizers.l2(1e-3).get_config(), keras.regularizers.L1L2(l1=0.1).get_config(), keras.regularizers.l1().get_config())
print(float(keras.regularizers.L1L2(l1=0.1, l2=0.2)(np.array([[1.0, -2.0]], dtype="float32"))))

y_true = np.array([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]], dtype="float32")
y_pred = np.array([[0.2, 0.7], [0.9, 0.4], [0.1, 0.3]], dtype="float32")
logits = np.array([[-1.0, 2.0], [0.5, -0.5], [3.0, -2.0]], dtype="float32")
for loss in [keras.losses.MeanSquaredError(), keras.losses.MeanAbsoluteError(), keras.losses.BinaryCrossentropy(),
             keras.losses.MeanSquaredError(reduction="sum"), keras.losses.MeanAbsoluteError(reduction=None),
             keras.losses.BinaryCrossentropy(reduction="none"), keras.losses.BinaryCrossentropy(label_smoothing=0.1)]:
    print(type(loss).__name__, loss.name, loss.reduction, np.round(loss(y_true, y_pred).numpy(), 5))
print(keras.losses.BinaryCrossentropy(from_logits=True).get_config())
try:
    keras.losses.MeanSquaredError(reduction="avg")
except ValueError as e:
    print(str(e)[:60])

w = tf.Variable(logits)
for loss in [keras.losses.BinaryCrossentropy(from_logits=True), keras.losses.MeanSquaredError(), keras.losses.MeanAbsoluteError(reduction="sum")]:
    with tf.GradientTape() as tape:
        value = loss(y_true, w * 1.0)
    print(type(loss).__name__, np.round(value.numpy(), 5), np.round(tape.gradient(value, w).numpy(), 5).tolist())
