import string
print(string.ascii_lowercase, string.digits, len(string.punctuation), string.ascii_uppercase[:5])
