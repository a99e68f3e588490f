import numpy as np
import keras
from keras import layers
title_input = keras.Input(shape=(10,), name="title")
body_input = keras.Input(shape=(20,), name="body")
tags_input = keras.Input(shape=(12,), name="tags")
title_features = layers.Dense(16, activation="relu")(title_input)
body_features = layers.Dense(8, activation="relu")(body_input)
x = layers.concatenate([title_features, body_features, tags_input])
priority_pred = layers.Dense(1, activation="sigmoid", name="priority")(x)
department_pred = layers.Dense(4, name="department")(x)
model = keras.Model(inputs={"title": title_input, "body": body_input, "tags": tags_input},
                    outputs={"priority": priority_pred, "department": department_pred})
model.summary()
model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
              loss={"priority": "binary_crossentropy",
                    "department": keras.losses.CategoricalCrossentropy(from_logits=True)},
              loss_weights={"priority": 1.0, "department": 0.2})
rng = np.random.default_rng(0)
title_data = rng.random((64, 10)).astype("float32")
body_data = rng.random((64, 20)).astype("float32")
tags_data = rng.integers(0, 2, size=(64, 12)).astype("float32")
priority_targets = rng.random((64, 1)).astype("float32")
department_targets = np.eye(4, dtype="float32")[rng.integers(0, 4, size=64)]
history = model.fit({"title": title_data, "body": body_data, "tags": tags_data},
                    {"priority": priority_targets, "department": department_targets},
                    epochs=2, batch_size=32, verbose=0)
print(sorted(history.history.keys()))
pred = model.predict({"title": title_data, "body": body_data, "tags": tags_data}, verbose=0)
print(type(pred).__name__, list(pred.keys()), pred["priority"].shape, pred["department"].shape)
print([t.name for t in model.inputs] == ["body", "tags", "title"] or [t.name for t in model.inputs])
