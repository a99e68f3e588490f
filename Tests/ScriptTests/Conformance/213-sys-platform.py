import sys, platform
print(sys.version_info[0], sys.version_info[:2] >= (3, 8), platform.python_version()[:4])
print("hello", file=sys.stdout)
