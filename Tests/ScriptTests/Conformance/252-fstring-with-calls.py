def area(r):
    return 3.14159 * r * r
for r in (1, 2.5):
    print(f"r={r:>4} area={area(r):8.3f} {'big' if area(r) > 10 else 'small'}")
