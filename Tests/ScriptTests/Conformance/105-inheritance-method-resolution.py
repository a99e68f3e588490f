class A:
    def who(self):
        return "A"
    def call(self):
        return self.who()
class B(A):
    pass
class C(B):
    def who(self):
        return "C"
print(A().call(), B().call(), C().call())
