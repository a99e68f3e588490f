# Lesson-code layers (keras.io's Antirectifier recipe, a layer with add_loss and training=,
# a keras.Model subclass) called on KerasTensors, in a functional graph with fan-out and in
# a Sequential: summary, weights, fit logs, predictions, freezing. Deterministic weights.
import numpy as np
import keras
from keras import layers, ops


def fill(shape, phase):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n, dtype="float64") * 0.7 + phase) * 0.2).astype("float32").reshape(shape)


class Antirectifier(layers.Layer):
    def __init__(self, initializer="he_normal", **kwargs):
        super().__init__(**kwargs)
        self.initializer = keras.initializers.get(initializer)

    def build(self, input_shape):
        output_dim = input_shape[-1]
        self.kernel = self.add_weight(
            shape=(output_dim * 2, output_dim),
            initializer=self.initializer,
            name="kernel",
            trainable=True,
        )

    def call(self, inputs):
        inputs -= ops.mean(inputs, axis=-1, keepdims=True)
        pos = ops.relu(inputs)
        neg = ops.relu(-inputs)
        concatenated = ops.concatenate([pos, neg], axis=-1)
        mixed = ops.matmul(concatenated, self.kernel)
        return mixed

    def get_config(self):
        base_config = super().get_config()
        config = {"initializer": keras.initializers.serialize(self.initializer)}
        return dict(list(base_config.items()) + list(config.items()))


class Damped(layers.Layer):
    """Adds an activity penalty; halves its input in training."""

    def call(self, inputs, training=None):
        self.add_loss(0.01 * ops.mean(ops.square(inputs)))
        if training:
            return inputs * 0.5
        return inputs


class Block(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(8)

    def call(self, x):
        return ops.relu(self.dense(x))


x = fill((48, 12), 1.0) * 10
y = np.arange(48) % 4

inputs = keras.Input(shape=(12,))
h = layers.Dense(16)(inputs)
a = Antirectifier()(h)
b = layers.Dense(16)(a)
s = layers.add([a, b])
d = Damped()(s)
c = Block()(d)
outputs = layers.Dense(4)(c)
model = keras.Model(inputs, outputs)
model.summary()
print([w.path for w in model.weights])
print(len(model.trainable_weights), model.count_params())
model.set_weights([fill(w.shape, i) for i, w in enumerate(model.get_weights())])
print(np.round(model.predict(x[:3], verbose=0), 5))
model.compile(optimizer=keras.optimizers.SGD(0.05), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
history = model.fit(x, y, batch_size=16, epochs=3, shuffle=False, verbose=0)
for k in sorted(history.history):
    print(k, [round(float(v), 5) for v in history.history[k]])
print(np.round(model.predict(x[:3], verbose=0), 5))
print([round(float(v), 5) for v in model.evaluate(x, y, verbose=0)])

anti = model.layers[2]
print(anti.name, type(anti).__name__, anti.get_config()["initializer"]["class_name"])
anti.trainable = False
model.compile(optimizer=keras.optimizers.SGD(0.05), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
before = anti.kernel.numpy().copy()
print(len(model.trainable_weights), len(model.non_trainable_weights) if hasattr(model, "non_trainable_weights") else 0)
model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0)
print(float(np.abs(anti.kernel.numpy() - before).max()))

seq = keras.Sequential([keras.Input(shape=(12,)), layers.Dense(16), Antirectifier(), layers.Dense(4)])
seq.summary()
seq.set_weights([fill(w.shape, i + 3) for i, w in enumerate(seq.get_weights())])
seq.compile(optimizer="sgd", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
history = seq.fit(x, y, batch_size=12, epochs=2, shuffle=False, verbose=0)
for k in sorted(history.history):
    print(k, [round(float(v), 5) for v in history.history[k]])
print(np.round(seq.predict(x[:2], verbose=0), 5))
