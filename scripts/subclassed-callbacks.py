"""Regenerates Tests/LessonKitTests/Fixtures/subclassed-callbacks/subclassed_callbacks.txt: what
Keras 3 (TensorFlow backend) prints when Keras's built-in callbacks (EarlyStopping,
ReduceLROnPlateau, LearningRateScheduler, TerminateOnNaN, History) drive the fit of a
`keras.Model` subclass, with Keras's train_step and with the lesson's own, mixed with lesson
callbacks. Weights start from set_weights and batches are unshuffled, so the figures
are deterministic (printed to 4 decimals). The program is the fixture's .py file, which
SubclassedCallbackTests runs (Tests/LessonKitTests/SubclassedCallbackTests.swift).

    /work/venv-tf/bin/python scripts/subclassed-callbacks.py
"""
import contextlib, io, os, pathlib
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LessonKitTests/Fixtures/subclassed-callbacks"

if __name__ == "__main__":
    for name in ("subclassed_callbacks",):
        program = (out / f"{name}.py").read_text()
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(program, f"{name}.py", "exec"), {"__name__": "__lesson__"})
        (out / f"{name}.txt").write_text(buf.getvalue())
        print(name, "written")
