class ConfigError(Exception):
    pass
def load(d):
    try:
        return d["epochs"]
    except KeyError as e:
        raise ConfigError("missing epochs") from e
try:
    load({})
except ConfigError as e:
    print(e, repr(e.__cause__))
