import os
print(os.path.join("data", "train", "x.csv"), os.path.join("/abs", "b"), os.path.join("a/", "b"))
print(os.path.basename("/a/b/c.txt"), os.path.dirname("/a/b/c.txt"), os.path.splitext("model.weights.h5"))
print(os.path.split("a/b"), os.path.splitext(".bashrc"), os.sep)
