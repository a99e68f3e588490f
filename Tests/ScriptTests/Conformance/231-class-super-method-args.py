class A:
    def greet(self, name, punct="."):
        return f"hello {name}{punct}"
class B(A):
    def greet(self, name, punct="!"):
        return super().greet(name.upper(), punct=punct)
print(B().greet("bo"), A().greet("al"))
