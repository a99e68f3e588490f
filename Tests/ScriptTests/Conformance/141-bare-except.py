try:
    undefined_function()
except:
    print("caught anything")
