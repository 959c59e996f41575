"""Settings, read from the environment in one place.

Every value comes from a ``KOOPERACJA_*`` variable (or ``DATABASE_URL``); secrets may also
come from a ``NAME_FILE`` variable naming a file, as Docker secrets are mounted.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import platformdirs
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "tak"}
_FALSE = {"0", "false", "no", "off", "nie", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected true/false, 1/0, yes/no")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envsecret(name: str) -> str | None:
    """The value of ``name``, or the content of the file named by ``name_FILE``."""
    if os.environ.get(name):
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path}: {exc.strerror}") from None
    return None


def _kept_secret(path: Path, nbytes: int) -> str:
    """A random secret generated once and kept (mode 0600) in the data directory."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secrets.token_urlsafe(nbytes))
    return path.read_text(encoding="utf-8").strip()


# --- Data directory, key directory and file permissions (docs/operations.md) ---
# The data directory holds personal data (the database, uploads waiting for import): it and
# the database files are readable by their owner only. The pseudonym key lives elsewhere, so
# a copy of the data directory does not carry the key that links its pseudonyms.


def _private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if missing; the new folder is the owner's only."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
        if os.name == "posix":
            os.chmod(path, 0o700)


def _private_sqlite(path: Path) -> Path:
    """Create the SQLite database file readable by its owner only, before SQLite does: SQLite
    gives the WAL and shared-memory files the database file's permissions. Files of an
    older installation are tightened too."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if os.name == "posix":
        for name in (path.name, path.name + "-wal", path.name + "-shm"):
            if (path.parent / name).exists():
                os.chmod(path.parent / name, 0o600)
    return path


def _user_dir(variable: str, default: str) -> Path:
    return Path(os.environ.get(variable) or default).expanduser().resolve()


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = _user_dir(
    "KOOPERACJA_DATA_DIR", platformdirs.user_data_dir("kooperacja", appauthor=False)
)
# True when this start found no data directory (or an empty one): serve and demo warn, since
# a mistyped or missing KOOPERACJA_DATA_DIR would otherwise silently start a new installation.
DATA_DIR_IS_NEW = not DATA_DIR.exists() or not any(DATA_DIR.iterdir())
_private_dir(DATA_DIR)
# Where the pseudonym key is generated and kept, unless KOOPERACJA_PSEUDONYM_KEY(_FILE) is set.
KOOPERACJA_KEY_DIR = _user_dir(
    "KOOPERACJA_KEY_DIR", platformdirs.user_config_dir("kooperacja", appauthor=False))

SECRET_KEY = envsecret("KOOPERACJA_SECRET_KEY") or _kept_secret(DATA_DIR / "secret_key", 50)
DEBUG = envbool("KOOPERACJA_DEBUG", False)
ALLOWED_HOSTS = envlist("KOOPERACJA_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("KOOPERACJA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Before django_tasks_db: Django takes a command from the first app that has it, and
    # operations' db_worker adds a heartbeat and recovery to django-tasks-db's.
    "kooperacja.operations",
    # The API docs' Swagger UI from ninja's installed static files, not from a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "kooperacja.territory",
    "kooperacja.addresses",
    "kooperacja.records",
    "kooperacja.indicators",
    "kooperacja.resources",
    "kooperacja.reports",
    "kooperacja.catalogue",
    "kooperacja.training",
    "kooperacja.cycles",
    "kooperacja.imports",
    "kooperacja.web",
    "kooperacja.demo",
    "kooperacja.accounts",
    "kooperacja.referrals",
    "kooperacja.cooperation",
    "kooperacja.programmes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers compressed (with Django's BREACH mitigation), ETag and 304.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kooperacja.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication: the 400 page it answers with shows who is signed in.
    "kooperacja.web.middleware.NulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kooperacja.records.middleware.AuditMiddleware",
]

ROOT_URLCONF = "kooperacja.urls"
WSGI_APPLICATION = "kooperacja.wsgi.application"

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
                "kooperacja.web.context.site",
            ],
        },
    },
]


def _databases() -> dict[str, dict]:
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60)
        if config["ENGINE"] not in (
            "django.db.backends.postgresql",
            "django.db.backends.sqlite3",
        ):
            raise ImproperlyConfigured(
                f"DATABASE_URL: {config['ENGINE']} is not supported; use postgresql:// or sqlite://"
            )
        return {"default": config}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _private_sqlite(DATA_DIR / "kooperacja.sqlite3"),
            # Kept open between requests, as PostgreSQL's are: opening the file and setting
            # its pragmas cost more than most answers (docs/benchmarks.md).
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # WAL lets the web server read while an import writes; IMMEDIATE makes a
                # writer wait for the lock instead of failing half-way through.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Everyone signs in on the site's login page (kooperacja.accounts).
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True


def _leaflet_static_dirs() -> list[tuple[str, str]]:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    return [("leaflet", leaflet.BASE_DIR), ("leaflet-markercluster", markercluster.BASE_DIR)]


# Uploaded documents (agreements' scans, teams' founding acts) in the data directory. No URL
# serves this folder: the cooperation app's views hand each file out after checking access.
MEDIA_ROOT = DATA_DIR / "files"
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = _leaflet_static_dirs()
# The app serves its own static files (whitenoise) straight from the installed packages, so
# `pip install` is the whole set-up: no collectstatic step, no web server to configure.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# ---- Hardening (docs/security.md: "Hardening", "Deploying behind HTTPS") ----------------
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp", "kooperacja.security"]
# The second-factor check follows OTPMiddleware (after authentication); axes comes last.
MIDDLEWARE += [
    "csp.middleware.CSPMiddleware",
    "kooperacja.security.middleware.SecurityHeadersMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kooperacja.security.middleware.SessionExpiryMiddleware",
    "kooperacja.security.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "kooperacja.security.backends.LoginThrottle",  # first: refuses a locked-out account or address
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling: after this many failures the account and, separately, the address are
# refused (even with the right password) for the cool-off time.
AXES_FAILURE_LIMIT = envint("KOOPERACJA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("KOOPERACJA_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins are for the audit log, not a second store
AXES_LOCKOUT_CALLABLE = "kooperacja.security.views.lockout"
AXES_CLIENT_IP_CALLABLE = "kooperacja.records.services.audit.client_address"
AXES_VERBOSE = False

# A second factor (TOTP) for the roles listed in kooperacja/security/secondfactor.py.
KOOPERACJA_SECOND_FACTOR = envbool("KOOPERACJA_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = lambda device: KOOPERACJA_SITE_NAME  # noqa: E731  # the issuer the apps show (set below)

# Sessions end after this long without a request, and this long after login in any case.
KOOPERACJA_SESSION_IDLE_MINUTES = envint("KOOPERACJA_SESSION_IDLE_MINUTES", 30)
KOOPERACJA_SESSION_MAX_HOURS = envint("KOOPERACJA_SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = KOOPERACJA_SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"


def envrate(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip() or default
    if not re.fullmatch(r"[1-9]\d*/[smhd]", value):
        raise ImproperlyConfigured(
            f"{name}={value!r}: expected requests/period, e.g. 30/m (s, m, h, d)"
        )
    return value


# Requests per client address on the public endpoints that geocode an address.
KOOPERACJA_RATE_LIMITS = {
    "geocode": envrate("KOOPERACJA_RATE_LIMIT_GEOCODE", "30/m"),
    "near": envrate("KOOPERACJA_RATE_LIMIT_NEAR", "30/m"),
    # The public application form for a training offer (training/views.py).
    "apply": envrate("KOOPERACJA_RATE_LIMIT_APPLY", "10/h"),
}
# Clients one person may check before referral per hour (referrals/, docs/referrals.md).
KOOPERACJA_CLIENT_CHECKS_PER_HOUR = envint("KOOPERACJA_CLIENT_CHECKS_PER_HOUR", 100)
# The reverse proxy's address: `kooperacja serve` then takes the client's address and the
# scheme from its X-Forwarded-For and X-Forwarded-Proto headers (and from no one else).
KOOPERACJA_TRUSTED_PROXY = os.environ.get("KOOPERACJA_TRUSTED_PROXY", "").strip()

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
KOOPERACJA_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
)

KOOPERACJA_HTTPS = envbool("KOOPERACJA_HTTPS", False)
SESSION_COOKIE_SECURE = KOOPERACJA_HTTPS or envbool("KOOPERACJA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if KOOPERACJA_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = envint("KOOPERACJA_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("KOOPERACJA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("KOOPERACJA_HSTS_PRELOAD", True)
if KOOPERACJA_TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _tile_sources(url: str) -> list[str]:
    """The origin of the basemap tiles, for the content security policy."""
    if not url:
        return []
    parts = urlsplit(url.replace("{s}", "*"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"KOOPERACJA_TILE_URL={url!r}: expected an http(s) URL")
    return [f"{parts.scheme}://{parts.netloc}"]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_tile_sources(os.environ.get("KOOPERACJA_TILE_URL", ""))],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if KOOPERACJA_HTTPS else {}),
    },
}
# ---- end of hardening -----------------------------------------------------------------------

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# After every change to the public answers' inputs, and when `serve` starts, the task worker
# builds what unit pages' first visitors would otherwise wait for (web/services/warm.py).
KOOPERACJA_WARM = envbool("KOOPERACJA_WARM", True)

# Basemap tiles are off unless a URL is configured: offices often block tile servers, and
# a tile server sees every visitor. The map reads well on its own.
KOOPERACJA_TILE_URL = os.environ.get("KOOPERACJA_TILE_URL", "")
KOOPERACJA_TILE_ATTRIBUTION = os.environ.get(
    "KOOPERACJA_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors"
)
# Unmatched addresses wait for a person in the review queue; they are personal data, so they
# expire after this many days.
KOOPERACJA_REVIEW_RETENTION_DAYS = envint("KOOPERACJA_REVIEW_RETENTION_DAYS", 90)
# A re-import that would retire more than this percentage of a level's units or of the
# address points of the gminas its file covers stops until confirmed (--allow-retire).
KOOPERACJA_RETIRE_PERCENT = envint("KOOPERACJA_RETIRE_PERCENT", 20)
# A resource not verified for this many months is marked stale and its owner reminded.
KOOPERACJA_RESOURCE_STALE_MONTHS = envint("KOOPERACJA_RESOURCE_STALE_MONTHS", 12)
# Agreements whose validity ends within this many days are shown as expiring (the register,
# `kooperacja remind-agreements`).
KOOPERACJA_AGREEMENT_WARNING_DAYS = envint("KOOPERACJA_AGREEMENT_WARNING_DAYS", 60)
# A submission reaches the public map, API and reports only once its institution's data
# steward approves it; analysts see it as soon as it is imported (docs/cycle.md).
KOOPERACJA_PUBLISH_REQUIRES_APPROVAL = envbool("KOOPERACJA_PUBLISH_REQUIRES_APPROVAL", True)
EMAIL_BACKEND = os.environ.get(
    "KOOPERACJA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# Applicants to training offers are deleted this many months after their offer ends.
KOOPERACJA_TRAINING_RETENTION_MONTHS = envint("KOOPERACJA_TRAINING_RETENTION_MONTHS", 24)
# The level whose units are a training offer's area (duplicate warnings compare them).
KOOPERACJA_OFFER_AREA_LEVEL = os.environ.get("KOOPERACJA_OFFER_AREA_LEVEL", "district")
# Distances are measured in this projected CRS (metres); empty: chosen from the territory's
# extent (EPSG:2180 in Poland, else a UTM zone or a Lambert azimuthal equal-area projection).
KOOPERACJA_METRIC_CRS = os.environ.get("KOOPERACJA_METRIC_CRS", "").strip()
KOOPERACJA_SITE_NAME = os.environ.get("KOOPERACJA_SITE_NAME", "Kooperacja")
# Reverse proxies in front of the site that append to X-Forwarded-For; 0: clients connect
# directly, and the header (which a client can forge) is ignored (the audit log's address).
KOOPERACJA_PROXY_COUNT = envint("KOOPERACJA_PROXY_COUNT", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("KOOPERACJA_LOG_LEVEL", "WARNING")},
}
