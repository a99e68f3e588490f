# An exception raised by __eq__ during a dict or set lookup propagates (CPython).
class Key:
    def __init__(self, name):
        self.name = name
    def __hash__(self):
        return 42
    def __eq__(self, other):
        if isinstance(other, Key) and (self.name == 'bad' or other.name == 'bad'):
            raise ValueError('cannot compare ' + self.name + ' with ' + other.name)
        return isinstance(other, Key) and self.name == other.name

d = {Key('a'): 1}
print(d[Key('a')])
for action in ['get', 'in', 'set', 'del', 'set-add', 'set-in', 'tuple']:
    try:
        if action == 'get':
            d[Key('bad')]
        elif action == 'in':
            Key('bad') in d
        elif action == 'set':
            d[Key('bad')] = 2
        elif action == 'del':
            del d[Key('bad')]
        elif action == 'set-add':
            {Key('a')}.add(Key('bad'))
        elif action == 'set-in':
            Key('bad') in {Key('a')}
        else:
            {(1, Key('a')): 0}[(1, Key('bad'))]
        print(action, 'no error')
    except ValueError as e:
        print(action, 'ValueError:', e)
print(len(d), d[Key('a')])

# A key whose hash differs is never compared; the same object is found by identity.
bad = Key('bad')
alone = {bad: 'kept'}
alone[bad] = 'found by identity'
print(d.get(99), alone[bad], len(alone), bad in alone)

class Other:
    def __hash__(self):
        return 7
    def __eq__(self, other):
        raise TypeError('no comparing')

o = Other()
s = {o}
print(o in s)
try:
    Other() in s
except TypeError as e:
    print('TypeError:', e)
