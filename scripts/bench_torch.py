"""PyTorch-CPU side of scripts/bench: the seed model, same data, batch 32, Adam (Keras's defaults)."""
import argparse, os, resource, sys, time
import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from bench_keras_data import find_mnist  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--epochs", type=int, default=1)
ap.add_argument("--threads", type=int, default=os.cpu_count())
ap.add_argument("--train", type=int, default=0)
args = ap.parse_args()
import torch
from torch import nn

torch.set_num_threads(args.threads)
torch.manual_seed(42)
(x, y), (xt, yt) = find_mnist()
if args.train:
    x, y = x[: args.train], y[: args.train]
# NCHW, as PyTorch's convolutions want it.
x = torch.from_numpy((x / 255.0).astype(np.float32)).reshape(-1, 1, 28, 28)
xt = torch.from_numpy((xt / 255.0).astype(np.float32)).reshape(-1, 1, 28, 28)
y = torch.from_numpy(y.astype(np.int64)); yt = torch.from_numpy(yt.astype(np.int64))
n_val = int(len(x) * 0.1)  # Keras's validation_split: the last 10 %, before shuffling
x_tr, y_tr, x_val, y_val = x[:-n_val], y[:-n_val], x[-n_val:], y[-n_val:]
model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10),
)
opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
loss_fn = nn.CrossEntropyLoss()

def evaluate(xs, ys):
    model.eval(); correct = 0; total = 0.0
    with torch.no_grad():
        for i in range(0, len(xs), 32):
            out = model(xs[i:i + 32]); total += loss_fn(out, ys[i:i + 32]).item() * len(out)
            correct += (out.argmax(1) == ys[i:i + 32]).sum().item()
    return total / len(xs), correct / len(xs)

times = []; cpus = []  # wall and CPU seconds (all threads) per epoch
for epoch in range(args.epochs):
    t0 = time.time(); c0 = time.process_time(); model.train()
    perm = torch.randperm(len(x_tr))
    for i in range(0, len(x_tr), 32):
        idx = perm[i:i + 32]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x_tr[idx]), y_tr[idx]); loss.backward(); opt.step()
    vl, va = evaluate(x_val, y_val)
    times.append(time.time() - t0); cpus.append(time.process_time() - c0)
    print(f"torch epoch {epoch + 1}/{args.epochs}: {times[-1]:.2f} s - val_accuracy: {va:.4f} - val_loss: {vl:.4f}")
loss, acc = evaluate(xt, yt)
med = sorted(times)[len(times) // 2]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"torch {torch.__version__}: {med:.2f} s/epoch (median of {len(times)}), {args.threads} threads; "
      f"test accuracy {acc:.4f}; peak RSS {rss:.0f} MB")
cpu = sorted(cpus)[len(cpus) // 2]
print(f"torch: {cpu:.2f} CPU-s an epoch")
print(f"RESULT torch_epoch_s={med:.3f} torch_cpu_s={cpu:.3f} torch_acc={acc:.4f} torch_rss_mb={rss:.0f}")
