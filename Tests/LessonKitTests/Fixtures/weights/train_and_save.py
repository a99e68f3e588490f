x = np.linspace(-1, 1, 12 * int(np.prod(shape)), dtype="float32").reshape((12,) + shape)
y = np.arange(12) % 3
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0)
model.save_weights(f"{name}.weights.h5")
