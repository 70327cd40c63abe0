"""What every CLI command needs: a one-line error and a database check."""

EXIT_USAGE = 2


class CliError(Exception):
    """A problem to report in one line; exit status 2 unless given."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def check_database() -> None:
    """Fail with one clear line (exit 3) when the database cannot be reached."""
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        text = str(exc).strip()
        first = text.splitlines()[0] if text else exc.__class__.__name__
        raise CliError(f"无法连接数据库：{first}", 3) from exc
