"""Regenerates Tests/LessonKitTests/Fixtures/functional/{dict_io,nested_two_inputs,graph_callbacks,embedding_text}.txt:
what Keras 3 (TensorFlow backend) prints for a model with dicts of inputs and outputs (keras.io's
functional-API guide, with Dense features in place of Embedding/LSTM), a nested model of two
inputs, the built-in callbacks on a functional fit, and Embedding with Global*Pooling1D (a
functional and a Sequential text model). The programs are the fixtures' .py files, which
FunctionalGraphTests runs (Tests/LessonKitTests/FunctionalGraphTests.swift).

    python3 -m venv .venv-graphs && .venv-graphs/bin/pip install tensorflow-cpu
    .venv-graphs/bin/python scripts/functional-dicts-callbacks.py
"""
import contextlib, io, os, pathlib
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["COLUMNS"] = "80"

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LessonKitTests/Fixtures/functional"
# The programs are the fixtures' own .py files (FunctionalGraphTests runs the same files), so
# there is one copy of each.
programs = {name: (out / name.replace(".txt", ".py")).read_text()
            for name in ("dict_io.txt", "nested_two_inputs.txt", "graph_callbacks.txt", "embedding_text.txt")}

if __name__ == "__main__":
    import keras
    for name, program in programs.items():
        keras.backend.clear_session()
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(program, name, "exec"), {"__name__": "__lesson__"})
        (out / name).write_text(buf.getvalue())
        print(name, "written")
