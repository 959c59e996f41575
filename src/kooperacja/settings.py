"""Settings, read from the environment in one place.

Every value comes from a ``KOOPERACJA_*`` variable (or ``DATABASE_URL``); secrets may also
come from a ``NAME_FILE`` variable naming a file, as Docker secrets are mounted.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
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


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("KOOPERACJA_DATA_DIR", "kooperacja-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

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
    "django_tasks",
    "django_tasks_db",
    "kooperacja.territory",
    "kooperacja.addresses",
    "kooperacja.records",
    "kooperacja.indicators",
    "kooperacja.resources",
    "kooperacja.web",
    "kooperacja.demo",
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
            "NAME": DATA_DIR / "kooperacja.sqlite3",
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

# Staff sign in through the administration panel's login page.
LOGIN_URL = "admin:login"

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


STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = _leaflet_static_dirs()
# The app serves its own static files (whitenoise) straight from the installed packages, so
# `pip install` is the whole set-up: no collectstatic step, no web server to configure.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("KOOPERACJA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Basemap tiles are off unless a URL is configured: offices often block tile servers, and
# a tile server sees every visitor. The map reads well on its own.
KOOPERACJA_TILE_URL = os.environ.get("KOOPERACJA_TILE_URL", "")
KOOPERACJA_TILE_ATTRIBUTION = os.environ.get(
    "KOOPERACJA_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors"
)
# Unmatched addresses wait for a person in the review queue; they are personal data, so they
# expire after this many days.
KOOPERACJA_REVIEW_RETENTION_DAYS = envint("KOOPERACJA_REVIEW_RETENTION_DAYS", 90)
# A resource not verified for this many months is marked stale and its owner reminded.
KOOPERACJA_RESOURCE_STALE_MONTHS = envint("KOOPERACJA_RESOURCE_STALE_MONTHS", 12)
EMAIL_BACKEND = os.environ.get(
    "KOOPERACJA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
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
