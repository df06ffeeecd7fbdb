"""gunicorn settings for the IML Unit portal: `gunicorn -c gunicorn.conf.py iml_portal.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so several identical,
stateless app servers can run behind one load balancer.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: a Django page is CPU-bound here; 2 per core plus one is gunicorn's advice.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound. Not too often:
# a worker starts cold (empty per-process page copies, new database and Redis connections),
# and at 2000 requests each worker was replaced every few seconds under load (122 restarts in
# a three-minute load test). 100,000 still replaces each one several times a day on a busy
# server; the jitter (10%) keeps the workers from restarting all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = max_requests // 10
# Load the application once, before forking, so workers start fast and share memory.
preload_app = True
# Proxies whose X-Forwarded-* headers gunicorn trusts (the load balancer's addresses).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Requests are logged by the application, one line each with its request id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The control socket lives at one shared path; it is of no use to us and would make two
# servers on one machine collide.
control_socket_disable = True
