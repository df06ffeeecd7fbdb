"""Settings for the IML Unit portal.

Every deployment choice is read from environment variables (see the README's table), with
safe local defaults. A `.env` file at the repository root, written by `make setup`, is read
for local runs; real environment variables always win over it.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# DJANGO_ENV_FILE="" turns the file off (the test settings do, so tests ignore a local .env).
ENV_FILE = env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(run `make setup` for a local .env, or export it in production)."
        )
    SECRET_KEY = "django-insecure-debug-only-key"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    "iml_portal.apps.PortalAdminConfig",  # django.contrib.admin, on our AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # SearchVectorField: the stored search documents
    "axes",
    "corsheaders",
    "django_filters",
    "django_countries",
    "django_tasks_db",
    # Every change to content kept as a version, compared and restored in the admin.
    "reversion",
    "reversion_compare",
    # Site-wide code: page cache wiring, checks, template tags, shared bases (apps.py).
    "iml_portal",
    "units",
    "publications",
    "trainings",
    "instruments",
    "contact",
]
# The apps whose models are the site's content: what the "Editors" group may edit, and what
# retires cached pages when it changes; and the site app's models that are content too (the
# thesaurus; not its link checks or search vocabulary, which the site itself writes).
CONTENT_APPS = ("units", "publications", "trainings", "instruments")
CONTENT_MODELS = ("iml_portal.concept", "iml_portal.term", "iml_portal.concept_related")

MIDDLEWARE = [
    "iml_portal.middleware.HealthCheckMiddleware",
    "iml_portal.middleware.RequestIdMiddleware",
    # A form sent without a usable client address is refused (rate limits key on it).
    "iml_portal.middleware.ClientAddressMiddleware",
    # CORS headers for the open data (/api/, /oai/) on every answer, cached and 304 included.
    "corsheaders.middleware.CorsMiddleware",
    # Public pages from the shared cache (iml_portal/cache.py): a hit skips everything below.
    # It stores pages as the middleware below made them (security and CSP headers, ETag),
    # and answers conditional requests for them itself.
    "iml_portal.cache.PublicPageCacheMiddleware",
    # ETag on every page, and 304 Not Modified when the browser's copy is current.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "iml_portal.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Locks out repeated failed admin sign-ins; must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iml_portal.urls"
WSGI_APPLICATION = "iml_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iml_portal.context_processors.site",
                "units.context_processors.unit",
            ],
        },
    },
]

# Database: SQLite file by default; PostgreSQL in production through DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Reuse connections, and check them before use so a restarted database is recovered.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that accepts connections but does not answer must not hold a worker: give
    # up connecting after a few seconds (visitors get the 503 page), and stop any statement
    # after DATABASE_STATEMENT_TIMEOUT seconds (0: no limit, e.g. for a long maintenance).
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=3),
        "options": f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT', default=10)}s",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis shared by every app server when REDIS_URL is set, local memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache with a circuit breaker (iml_portal/cache_backends.py): a Redis
            # that is down or hung costs one short timeout, then is skipped for a while.
            "BACKEND": "iml_portal.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "iml",
            "BREAKER_SECONDS": env.int("CACHE_BREAKER_SECONDS", default=30),
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.2),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=0.3),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages (see iml_portal/cache.py): kept this long on the server, where any content
# change replaces them at once, and this long in browsers and proxies.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=600)
PUBLIC_PAGE_MAX_AGE = env.int("PUBLIC_PAGE_MAX_AGE", default=60)
# Variants (addresses with parameters: searches, filters, pages) each page may keep in the
# cache per content generation; the bare page always may.
PUBLIC_PAGE_CACHE_VARIANTS = env.int("PUBLIC_PAGE_CACHE_VARIANTS", default=500)
# New searches each list (catalogue, database) may store a minute: the rows found (some 16
# bytes a row), the facets (iml_portal/filters.py). Past it, searches still answer, matching
# again each time.
SEARCHES_KEPT_PER_MINUTE = env.int("SEARCHES_KEPT_PER_MINUTE", default=100)
# Each worker process keeps copies of the pages it served lately, up to this many bytes of
# content, and serves them without asking Redis while the content generation it last read
# is younger than PUBLIC_PAGE_GENERATION_CHECK_SECONDS: another app server's edit shows here
# within that delay (this server's own at once).
PUBLIC_PAGE_LOCAL_BYTES = env.int("PUBLIC_PAGE_LOCAL_BYTES", default=32 * 1024 * 1024)
PUBLIC_PAGE_GENERATION_CHECK_SECONDS = env.float(
    "PUBLIC_PAGE_GENERATION_CHECK_SECONDS", default=1.0
)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalization: every public URL carries its language (/en/, /fr/, /es/).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Numbers as each language writes them: 1,800 / 1 800 / 1.800 (iml_portal/formats). Grouping
# stays off by default (USE_THOUSAND_SEPARATOR) so that years and numbers in a series never
# read "2,004" or "N°1,000": quantities are grouped where they are shown (floatformat:"g").
FORMAT_MODULE_PATH = ["iml_portal.formats"]
TIME_ZONE = "Europe/Zurich"
USE_TZ = True

# Model content: an empty French or Spanish field falls back to English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The admin's language tabs need jQuery UI (modeltranslation reads this unprefixed
# setting); serve our own copy rather than a CDN's.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Static files: hashed names, compressed, served by WhiteNoise with far-future caching.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded files (publication files and covers, training documents): the local disk, or an
# S3 bucket shared by every app server when AWS_STORAGE_BUCKET_NAME is set (django-storages,
# installed with the `s3` extra; credentials from the usual AWS_* variables or the role).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _uploads_backend = "storages.backends.s3.S3Storage"
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
else:
    _uploads_backend = "django.core.files.storage.FileSystemStorage"
STORAGES = {
    "default": {"BACKEND": _uploads_backend},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Django serves uploaded files itself only for local runs; production serves them from the
# bucket (or the web server).
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=False)

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Where the admin lives; set it to something less guessable in production.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/")

# Email, through Django 6.1's MAILERS. EMAIL_URL takes django-environ's URL forms:
# smtp://host:25, smtp+tls://user:password@host:587, smtp+ssl://…, consolemail://.
_email = env.email_url_config(env.str("EMAIL_URL", default="smtp://localhost:25"))
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {
                "host": _email["EMAIL_HOST"],
                "port": _email["EMAIL_PORT"],
                "username": _email["EMAIL_HOST_USER"],
                "password": _email["EMAIL_HOST_PASSWORD"],
                "use_tls": _email.get("EMAIL_USE_TLS", False),
                "use_ssl": _email.get("EMAIL_USE_SSL", False),
                # A mail server that does not answer must not hold a request for long.
                "timeout": env.int("EMAIL_TIMEOUT", default=10),
            }
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
# The documents give no sending address: this default is a placeholder, and a deploy check
# (contact.W002) warns while it is still in use.
PLACEHOLDER_FROM_EMAIL = "IML Unit <noreply@iom.int>"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=PLACEHOLDER_FROM_EMAIL)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Security. DJANGO_HTTPS=false only for plain-HTTP local runs (`make run` writes it to .env).
HTTPS = env.bool("DJANGO_HTTPS", default=True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    # The load balancer terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Django's built-in Content Security Policy: our own origin only, no inline code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Brute-force protection of the admin sign-in (django-axes): after AXES_FAILURE_LIMIT failed
# attempts from one client (an address; for IPv6 a /64), whatever the user names tried, the
# client is locked out for a while.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin_locked_out.html"
AXES_CLIENT_IP_CALLABLE = "iml_portal.client_ip.client_key"
# A sign-in whose `next` is not a page of this site lands on the admin's index.
LOGIN_REDIRECT_URL = "admin:index"
# How many proxies (load balancers) in front of the app append to X-Forwarded-For; 0 means
# the app is reached directly and REMOTE_ADDR is the client. X-Forwarded-For is read only on
# connections from TRUSTED_PROXIES: the addresses (or networks) gunicorn's forwarded_allow_ips
# trusts, from the same variable.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = env.list("GUNICORN_FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])

CSRF_FAILURE_VIEW = "iml_portal.views.csrf_failure"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

if AWS_STORAGE_BUCKET_NAME:
    # Covers are images served from the bucket (or its custom domain): allow that origin.
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"https://{AWS_S3_CUSTOM_DOMAIN}"
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGIN = AWS_S3_ENDPOINT_URL.rstrip("/")
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    SECURE_CSP["img-src"].append(MEDIA_ORIGIN)

# One line per request with its id (see iml_portal/middleware.py); errors with tracebacks.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "iml_portal.log.RequestIdFilter"},
        "private_paths": {"()": "iml_portal.log.MaskPrivatePathsFilter"},
    },
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "private_paths"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler only prints with DEBUG on; ours prints always.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # The request line is written by RequestIdMiddleware; runserver's would repeat it.
        "django.server": {"handlers": [], "level": "WARNING", "propagate": False},
        "axes.apps": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------------------------------------
# Contact requests (the contact app). See the README's "Contact requests" section.
# ---------------------------------------------------------------------------------------------
# Addresses whose last part is a secret, masked in every log line (iml_portal/log.py): the
# private status link and the thank-you page of a request.
PRIVATE_PATHS = [r"/contact/status/", r"/contact/thanks/"]
# The site's own address, for the links in emails (sent outside any web request).
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")
# Where the Unit is told about each new request.
CONTACT_NOTIFY_EMAIL = env.str("CONTACT_NOTIFY_EMAIL", default="iml@iom.int")
# Requests the form may save per client: "<number>/<s|m|h|d>", e.g. 5/h; and submissions
# refused as invalid (a separate, higher limit). Counted in the cache, so shared by every app
# server when REDIS_URL is set.
CONTACT_RATE_LIMIT = env.str("CONTACT_RATE_LIMIT", default="5/h")
CONTACT_INVALID_RATE_LIMIT = env.str("CONTACT_INVALID_RATE_LIMIT", default="30/h")
# Days a closed request keeps its personal data before `purge_contact_requests` deletes it,
# and days a request never closed keeps it after its last change of status.
CONTACT_RETENTION_DAYS = env.int("CONTACT_RETENTION_DAYS", default=365)
CONTACT_OPEN_RETENTION_DAYS = env.int("CONTACT_OPEN_RETENTION_DAYS", default=730)
# Attempts at sending each email before the retries stop (about a day of retries at 10).
CONTACT_EMAIL_MAX_ATTEMPTS = env.int("CONTACT_EMAIL_MAX_ATTEMPTS", default=10)
# Django's tasks framework sends the contact emails. By default they are queued in the
# database (django-tasks-db) and sent by `manage.py db_worker`, so a visitor never waits on
# the mail server; DJANGO_TASKS_BACKEND=immediate sends them at once, in the request (local
# runs: the .env written by `make setup` says so). Whatever fails is retried by
# `send_pending_contact_emails`, run by cron.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env.str("DJANGO_TASKS_BACKEND", default="database")]}}

# ---------------------------------------------------------------------------------------------
# Open data: OAI-PMH at /oai/ and the JSON API at /api/v1/. See the README's "Open data".
# ---------------------------------------------------------------------------------------------
# What each content app gives them: its OAI-PMH records (a RecordProvider subclass) and its
# API router (a ninja Router), so that the site-wide endpoints import no content app.
OAI_PROVIDERS = ["publications.oai.PublicationRecords", "instruments.oai.InstrumentRecords"]
API_ROUTERS = ["publications.api.router", "instruments.api.router"]
OAI_REPOSITORY_NAME = "IOM International Migration Law Unit"
# The repository identifier in record identifiers (oai:<it>:publication:<pk>): the host name of
# DJANGO_SITE_URL unless set. Harvesters keep identifiers: never change it once published.
OAI_REPOSITORY_IDENTIFIER = env.str("OAI_REPOSITORY_IDENTIFIER", default="")
OAI_ADMIN_EMAIL = env.str("OAI_ADMIN_EMAIL", default=CONTACT_NOTIFY_EMAIL)
# Anyone may read the open data from any site's scripts: GET only, no credentials.
CORS_URLS_REGEX = r"^/(api|oai)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
