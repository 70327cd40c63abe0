"""The project's own settings, plus what the page benchmark needs in the server it measures:
the floor view's URL and the capture middleware (both in ``benchsite``). Nothing else
changes: same middleware, same database options, DEBUG off."""

from fazhi.settings import *  # noqa: F403
from fazhi.settings import MIDDLEWARE

ROOT_URLCONF = "benchsite"
MIDDLEWARE = ["benchsite.CaptureMiddleware", *MIDDLEWARE]
