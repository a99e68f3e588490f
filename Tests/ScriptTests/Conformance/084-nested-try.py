def risky(n):
    try:
        try:
            if n == 0:
                raise ValueError("zero")
            return 10 // n
        except ValueError:
            print("inner caught")
            raise TypeError("converted")
    except TypeError as e:
        print("outer caught", e)
        return -1
print(risky(2), risky(0))
