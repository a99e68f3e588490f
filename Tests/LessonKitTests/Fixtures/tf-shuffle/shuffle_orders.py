import numpy as np
import tensorflow as tf
def order(ds):
    return [int(v) for v in ds]
def batches(ds):
    return [v.numpy().tolist() for v in ds]
# Op seed only: TensorFlow pairs it with its default graph seed; each iteration reshuffles.
ds = tf.data.Dataset.range(10).shuffle(10, seed=1)
print("op seed", [order(ds) for _ in range(3)])
# A buffer smaller than the dataset.
print("small buffer", [order(tf.data.Dataset.range(20).shuffle(4, seed=7)) for _ in range(2)])
ds = tf.data.Dataset.range(20).shuffle(4, seed=7)
print("small buffer, two passes", order(ds), order(ds))
# Global seed only: each unseeded shuffle draws the next op seed.
tf.random.set_seed(42)
first = tf.data.Dataset.range(10).shuffle(10)
second = tf.data.Dataset.range(10).shuffle(10)
print("global seed", order(first), order(first), order(second))
tf.random.set_seed(42)
print("set again", order(tf.data.Dataset.range(10).shuffle(10)))
# Both seeds.
tf.random.set_seed(5)
print("both", [order(tf.data.Dataset.range(10).shuffle(10, seed=3)) for _ in range(2)])
ds = tf.data.Dataset.range(10).shuffle(10, seed=3, reshuffle_each_iteration=False)
print("fixed", order(ds), order(ds))
ds = tf.data.Dataset.range(10).shuffle(10, seed=3, reshuffle_each_iteration=True)
print("reshuffled", order(ds), order(ds))
# Seeds (0, 0) mean "nondeterministic" to TensorFlow's kernels, so Python makes them (0, 2**31 - 1).
tf.random.set_seed(0)
print("zero", order(tf.data.Dataset.range(10).shuffle(10, seed=0)))
# After batch (the short batch moves too), after map, and of (x, y) pairs before batch.
print("after batch", batches(tf.data.Dataset.range(10).batch(3).shuffle(4, seed=2)))
print("after map", order(tf.data.Dataset.from_tensor_slices(np.arange(8)).map(lambda v: v * 2).shuffle(8, seed=9)))
x = np.arange(12, dtype="float32").reshape(6, 2)
y = np.arange(6)
pairs = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(6, seed=3).batch(4)
print("pairs", [(a.numpy().tolist(), b.numpy().tolist()) for a, b in pairs])
print("pairs again", [b.numpy().tolist() for _, b in pairs])
# A dataset built on a shuffled one shares its shuffle: iterating either draws the next order.
shuffled = tf.data.Dataset.range(6).shuffle(6, seed=1)
batched = shuffled.batch(2)
print("shared", order(shuffled), batches(batched), order(shuffled))
