"""Regenerates Tests/LessonKitTests/Fixtures/tf-shuffle/shuffle_orders.txt: the orders in which
TensorFlow's `tf.data` shuffle (ShuffleDatasetOp on Philox, seeds from `tf.random.set_seed` and
the op seed) iterates: op seed only, global seed only, both, a buffer smaller than the dataset,
`reshuffle_each_iteration` across passes, shuffle after batch and map. The program is the
fixture's .py file, which TFShuffleOrderTests runs (Tests/LessonKitTests/TFShuffleOrderTests.swift).

    /work/venv-tf/bin/python scripts/tf-shuffle-orders.py
"""
import contextlib, io, os, pathlib
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LessonKitTests/Fixtures/tf-shuffle"

if __name__ == "__main__":
    for name in ("shuffle_orders",):
        program = (out / f"{name}.py").read_text()
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(program, f"{name}.py", "exec"), {"__name__": "__lesson__"})
        (out / f"{name}.txt").write_text(buf.getvalue())
        print(name, "written")
