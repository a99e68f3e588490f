name, n = "loss", 0.123456
print(f"{name}: {n:.3f}", "{}: {:.2f}".format(name, n), "%s=%.1f" % (name, n))
print(f"{42:>6}|{42:<6}|{42:^6}|", f"{1234567:,}", f"{0.5:.1%}")
