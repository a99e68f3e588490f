model.load_weights(f"{name}.weights.h5")
x = np.linspace(-1, 1, 5 * int(np.prod(shape)), dtype="float32").reshape((5,) + shape)
print(np.round(model.predict(x, verbose=0), 4))
