import warnings
warnings.filterwarnings("ignore")
warnings.simplefilter("ignore")
print("ok")
