class AppError(Exception):
    code = 1
class DbError(AppError):
    code = 2
for cls in [AppError, DbError]:
    try:
        raise cls("failed")
    except AppError as e:
        print(type(e).__name__, e.code, e)
