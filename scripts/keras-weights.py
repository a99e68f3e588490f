"""Regenerates Tests/LessonKitTests/Fixtures/weights/{sequential,functional,subclassed}.{weights.h5,txt}
errors.txt and checkpoint.txt with real Keras 3 (TensorFlow backend), and checks lesson's own `.weights.h5`
against Keras. errors.py loads sequential.weights.h5 into models it does not fit (Keras's
messages, the random initial values left out); checkpoint.py trains the functional model from
its fixture weights with ModelCheckpoint (Keras's messages and file names).

For each model (NAME.py builds it):
  - NAME.py + train_and_save.py, run by Keras, writes NAME.weights.h5 (the fixture);
  - NAME.py + load_and_predict.py, run by Keras on that file, prints NAME.txt (the fixture);
  - with the built `lesson` binary (.build/debug/lesson, or $LESSON), the same train_and_save
    program run by lesson writes its own file, which must have Keras's groups, datasets,
    shapes, dtypes and `name` attributes, and which Keras must load to the predictions lesson
    gives from it. KerasWeightsFileTests runs the same programs (one copy of each).

    /work/venv-tf/bin/python scripts/keras-weights.py
"""
import contextlib, io, os, pathlib, shutil, subprocess, sys, tempfile
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "Tests/LessonKitTests/Fixtures/weights"
names = ("sequential", "functional", "subclassed")
train = (out / "train_and_save.py").read_text()
predict = (out / "load_and_predict.py").read_text()


def keras_run(program, folder):
    import keras
    keras.backend.clear_session()
    buf = io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(buf):
            exec(compile(program, "program", "exec"), {"__name__": "__lesson__"})
    finally:
        os.chdir(cwd)
    return buf.getvalue()


def lesson_run(program, folder):
    binary = os.environ.get("LESSON", str(root / ".build/debug/lesson"))
    lesson = pathlib.Path(folder) / "l.md"
    lesson.write_text("```python\n" + program + "\n```\n")
    done = subprocess.run([binary, "run", str(lesson)], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"lesson run failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def structure(path):
    import h5py
    items = []
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, o: items.append((n, dict(o.attrs), getattr(o, "shape", None), str(getattr(o, "dtype", "")))))
    return sorted(items, key=lambda i: i[0])


if __name__ == "__main__":
    import numpy as np
    for name in names:
        model = (out / f"{name}.py").read_text()
        with tempfile.TemporaryDirectory() as keras_dir:
            keras_run(model + train, keras_dir)
            shutil.copy(pathlib.Path(keras_dir) / f"{name}.weights.h5", out / f"{name}.weights.h5")
        (out / f"{name}.txt").write_text(keras_run(model + predict, out))
        print(name, "written")
        if not pathlib.Path(os.environ.get("LESSON", root / ".build/debug/lesson")).exists():
            print("  (no lesson binary: lesson's own file not checked)")
            continue
        with tempfile.TemporaryDirectory() as ours:
            lesson_run(model + train, ours)
            mine, theirs = structure(pathlib.Path(ours) / f"{name}.weights.h5"), structure(out / f"{name}.weights.h5")
            if mine != theirs:
                sys.exit(f"{name}: lesson's file differs from Keras's:\n{mine}\n{theirs}")
            printed_by_lesson = lesson_run(model + predict, ours)
            printed_by_keras = keras_run(model + predict, ours)
            if printed_by_keras not in printed_by_lesson:
                sys.exit(f"{name}: Keras reads lesson's file as\n{printed_by_keras}\nbut lesson printed\n{printed_by_lesson}")
            print("  lesson's file has Keras's layout and Keras loads it to lesson's predictions")
    (out / "errors.txt").write_text(keras_run((out / "errors.py").read_text(), out))
    print("errors.txt written")
    # checkpoint.py trains the functional model from its fixture weights with two ModelCheckpoints.
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(out / "functional.weights.h5", folder)
        (out / "checkpoint.txt").write_text(keras_run((out / "checkpoint.py").read_text(), folder))
    print("checkpoint.txt written")
