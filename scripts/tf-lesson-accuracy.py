#!/usr/bin/env python3
"""Runs the Python cells of the subclassing/custom-training lessons with real TensorFlow and
Keras 3 and records the test accuracy each reaches, for SubclassingLessonTests.

    pip install tensorflow-cpu
    python3 scripts/tf-lesson-accuracy.py

Writes Tests/LessonKitTests/Fixtures/tf-accuracy/<lesson>.txt (one number). The lessons
print `test accuracy: 0.994`; the figure is the same print captured from TensorFlow's run,
with Keras's global seed set from the lesson's `seed:`.
"""
import contextlib
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = ["gradient-tape", "subclassed-model", "custom-layer", "train-step", "sequence-lstm"]
OUT = os.path.join(ROOT, "Tests", "LessonKitTests", "Fixtures", "tf-accuracy")


def cells(text):
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def main():
    import keras

    os.makedirs(OUT, exist_ok=True)
    for name in LESSONS:
        text = open(os.path.join(ROOT, "Lessons", name + ".md"), encoding="utf-8").read()
        seed = int(re.search(r"^seed: (\d+)$", text, flags=re.M).group(1))
        keras.utils.set_random_seed(seed)
        keras.backend.clear_session()
        namespace = {"__name__": "__main__"}
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            for source in cells(text):
                exec(compile(source, name, "exec"), namespace)
        figure = re.findall(r"test accuracy: ([0-9.]+)", printed.getvalue())[-1]
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(figure + "\n")
        print(name, figure, file=sys.stderr)


if __name__ == "__main__":
    main()
