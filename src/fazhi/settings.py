"""Django settings for fazhi, read from the environment.

FAZHI_HOME          data directory (default ./var): database, secret key, static files, uploads
FAZHI_DATABASE_URL  sqlite:///… (default: FAZHI_HOME/fazhi.sqlite3, WAL) or postgres://…
FAZHI_DEBUG         "1" to turn on debug pages (off by default)
FAZHI_ALLOWED_HOSTS comma-separated host names (default 127.0.0.1,localhost)
FAZHI_HTTPS         "1" when served behind HTTPS: secure cookies and HSTS
FAZHI_SESSION_IDLE  idle session expiry in seconds (default 1800, i.e. 30 minutes)
FAZHI_SESSION_MAX   absolute session lifetime in seconds (default 43200, i.e. 12 hours)
FAZHI_TRUSTED_PROXIES  comma-separated addresses/CIDRs of the reverse proxies in front of the
                    app, nearest last (default none: the client is the connecting address)
FAZHI_CACHE_URL     redis://… for a Redis cache (default: the database cache)
FAZHI_OTP_ALL       "1" to require the second factor of every staff member (default: only
                    administrators, supervisors, leaders and reviewers)
FAZHI_PASSWORD_MAX_AGE_DAYS  password expiry in days (default 90; 0 turns expiry off)
FAZHI_FIELD_KEY     the key that encrypts ID numbers and phones at rest (default
                    FAZHI_HOME/field_key; /etc/fazhi/field.key with FAZHI_HTTPS)
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("FAZHI_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Generated once and kept in the data directory, never in the repository."""
    path = HOME / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = _secret_key()
DEBUG = _flag("FAZHI_DEBUG")
HTTPS = _flag("FAZHI_HTTPS")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
] + ["testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_ratelimit",
    "fazhi.core",
    "fazhi.web",
    "fazhi.portal",
    "fazhi.monitor",
    "fazhi.enforcement",
    "fazhi.govservices",
    "fazhi.disputes",
    "fazhi.legality",
    "fazhi.opengov",
    "fazhi.audit",
    "fazhi.hotline",
    "fazhi.suggestions",
    "fazhi.governance",
    "fazhi.reports",  # keep last: its demo step reports on every domain's demo year
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "fazhi.core.firstrun.FirstRunMiddleware",  # `fazhi up`: read-only while the demo loads
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.core.middleware.SignInCompleteMiddleware",
    "fazhi.core.middleware.SessionTrackingMiddleware",
    "fazhi.core.audittrail.RequestAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "fazhi.core.duties.DutiesMiddleware",  # 三权分立 and accounts without a role
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:todo"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.web.context.workspace",
            ],
        },
    },
]

_default_db = f"sqlite:///{HOME / 'fazhi.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("FAZHI_DATABASE_URL", _default_db), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock when a
    # transaction starts, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # Tests use a file, not shared-cache memory, so concurrent writers meet the same
    # locking (WAL + busy timeout) as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(HOME / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.core.passwords.CharacterClassValidator"},
]

# 等保三级: lockout after 5 failures in 15 minutes; idle sessions end after 30 minutes.
LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW = 15 * 60
SESSION_COOKIE_AGE = int(os.environ.get("FAZHI_SESSION_IDLE", "1800"))
SESSION_SAVE_EVERY_REQUEST = False  # touched at most once a minute (core.middleware)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
MEDIA_ROOT = HOME / "media"
ATTACHMENT_ROOT = HOME / "attachments"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# A page never fails because collectstatic has not run yet (tests, first start).
WHITENOISE_MANIFEST_STRICT = False

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Ledger checkpoints are signed with a key kept outside the database (see docs/architecture.md).
# Working days before a due date at which a clock's card turns yellow (临期).
YELLOW_CARD_WORKDAYS = int(os.environ.get("FAZHI_YELLOW_CARD_WORKDAYS", "3"))
# Largest attachment accepted, in bytes.
ATTACHMENT_MAX_BYTES = int(os.environ.get("FAZHI_ATTACHMENT_MAX_MB", "200")) * 1024 * 1024

# The ledger key signs events and checkpoints; in production it lives outside the data
# directory (docs/deploy.md), so a copy of the data is not a copy of the key.
LEDGER_KEY_PATH = Path(
    os.environ.get("FAZHI_LEDGER_KEY", "/etc/fazhi/ledger.key" if HTTPS else HOME / "ledger_key")
)
# The field key encrypts ID numbers and phone numbers at rest and keys their lookup digests
# (fazhi.core.fieldkey); like the ledger key it lives outside the database and the backup.
FIELD_KEY_PATH = Path(
    os.environ.get("FAZHI_FIELD_KEY", "/etc/fazhi/field.key" if HTTPS else HOME / "field_key")
)
LEDGER_CHECKPOINT_DIR = Path(os.environ.get("FAZHI_CHECKPOINT_DIR", HOME / "checkpoints"))

# --- Authentication, sessions, client address, rate limits (docs/security.md) -----------------
# Lockout (django-axes): 5 failures for one login name from one client address lock that pair
# for 15 minutes; attempts while locked are not counted; the count is reserved atomically before
# the password is checked (fazhi.core.lockout), so a parallel burst counts at most the limit.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "fazhi.core.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(seconds=LOGIN_FAILURE_WINDOW)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "fazhi.core.clientip.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # the login log (LoginRecord) is the record of sign-ins
AXES_ENABLE_ADMIN = False  # unlocking is a service with a ledger event, not an admin delete
AXES_VERBOSE = False
# The lockout answer is the login page's own (same for known and unknown names), so axes'
# response middleware is not installed.
# django-ratelimit warns about any cache it does not know; fazhi.core.cache gives the database
# cache the atomic increment it needs (tested in core/tests/test_ratelimit.py).
SILENCED_SYSTEM_CHECKS = ["axes.W002", "django_ratelimit.W001"]

# The client address: REMOTE_ADDR unless the connection comes from a trusted proxy, then the
# address that proxy put into X-Forwarded-For (django-ipware; fazhi.core.clientip).
TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("FAZHI_TRUSTED_PROXIES", "").split(",") if p.strip()
]

# Second factor (TOTP, django-otp): required for these roles, or for everybody.
OTP_REQUIRED_ROLES = ["admin", "security", "audit", "supervisor", "leader", "reviewer"]
OTP_REQUIRED_FOR_ALL = _flag("FAZHI_OTP_ALL")
OTP_TOTP_ISSUER = "fazhi"
OTP_TOTP_THROTTLE_FACTOR = 1
SIGN_IN_STEP_SECONDS = 300  # a half-finished sign-in (password given, code not) expires
SIGN_IN_STEP_TRIES = 5  # wrong codes before the password must be given again
RECOVERY_CODES = 10

# Sessions: idle expiry above; an absolute lifetime on top of it.
SESSION_MAX_AGE = int(os.environ.get("FAZHI_SESSION_MAX", str(12 * 3600)))

# Passwords: MLPS asks for periodic change (ASVS does not; 0 turns it off), no reuse.
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("FAZHI_PASSWORD_MAX_AGE_DAYS", "90"))
PASSWORD_HISTORY = 5
AUTH_PASSWORD_VALIDATORS += [
    {"NAME": "fazhi.core.passwords.CommonPatternValidator"},
    {"NAME": "fazhi.core.passwords.HistoryValidator"},
]

# A shared cache for rate limits: the database by default (atomic increments,
# fazhi.core.cache), Redis when FAZHI_CACHE_URL names one.
_cache_url = os.environ.get("FAZHI_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url.startswith(("redis://", "rediss://", "unix://"))
        else {"BACKEND": "fazhi.core.cache.DatabaseCache", "LOCATION": "fazhi_cache"}
    )
}
RATELIMIT_USE_CACHE = "default"
# Per client address; "N/m" = N a minute, "N/h" an hour.
RATE_LIMITS = {
    "login": "60/m",  # sign-in attempts (the lockout counts per login name on top)
    "public_form": "10/m",  # public submissions (requests, consultations, complaints)
    "lookup": "30/m",  # public look-ups and calculators
}
# Data exchange: uploaded spreadsheets are read in a child process whose address space is
# capped at this many MB (core/dataexchange/reader.py); imports commit in batches of this
# many rows, hidden until the last one (core/dataexchange/runner.py).
IMPORT_READER_MEMORY_MB = int(os.environ.get("FAZHI_IMPORT_MEMORY_MB", "512"))
IMPORT_BATCH_ROWS = int(os.environ.get("FAZHI_IMPORT_BATCH_ROWS", "200"))
