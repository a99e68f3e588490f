#!/usr/bin/env python3
"""Regenerates matplotlib-ticks.json: the ticks matplotlib's MaxNLocator (nbins=5, steps
1, 2, 2.5, 5, 10, as AutoLocator uses) puts inside a range, for the chart's ChartTicks to be
compared with (PageFeatureTests.testTicksMatchMatplotlib). Run: python3 matplotlib-ticks.py"""
import json
import random

import matplotlib
from matplotlib.ticker import MaxNLocator

locator = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10])
ranges = [(0.031, 0.069), (0, 1), (0.2629, 1.6574), (0.578, 0.9133), (1, 50), (1, 6), (-3.2, 7.9),
          (1e-4, 3e-4), (120, 980), (0.9, 1.1), (0.05, 2.3), (2.1, 2.4)]
rng = random.Random(20)
for _ in range(40):
    low = rng.uniform(-2, 2) * 10 ** rng.randint(-3, 3)
    ranges.append((low, low + rng.uniform(0.01, 5) * 10 ** rng.randint(-3, 3)))
cases = []
for low, high in ranges:
    ticks = [float(t) for t in locator.tick_values(low, high) if low - 1e-12 * abs(high - low) <= t <= high + 1e-12 * abs(high - low)]
    cases.append({"low": low, "high": high, "ticks": ticks})
with open("matplotlib-ticks.json", "w") as f:
    json.dump({"matplotlib": matplotlib.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
