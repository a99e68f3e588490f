class Student:
    def __init__(self, name, grade):
        self.name, self.grade = name, grade
    def __repr__(self):
        return self.name
students = [Student("b", 90), Student("a", 85), Student("c", 90)]
print(sorted(students, key=lambda s: (-s.grade, s.name)))
