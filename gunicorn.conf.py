"""gunicorn settings for the IML Unit portal: `gunicorn -c gunicorn.conf.py iml_portal.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so several identical,
stateless app servers can run behind one load balancer.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: a Django page is CPU-bound here; 2 per core plus one is gunicorn's advice.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound. Rarely: a
# restart costs about half a second of the whole server's capacity (a new worker starts cold:
# no per-process page copies, new database and Redis connections, memory shared with the
# master copied as it is touched). At 100,000, under the load test's 1,000 requests a second
# per worker, the five workers restarted within six seconds of each other (the 10% jitter did
# not spread them), and that slice of the search's test fell from 0.73 to 0.43 of its floor.
# At 1,000,000 (plus up to half of it as jitter, which spreads the restarts), a worker of a
# busy server (10 requests a second) lives 28 to 42 hours: a slow leak grows that much longer
# before its worker is replaced, which the memory of a server can afford.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1_000_000))
max_requests_jitter = max_requests // 2
# Load the application once, before forking, so workers start fast and share memory.
preload_app = True


def when_ready(server):
    """The preloaded objects live as long as the master: collected once, then frozen, the
    workers' garbage collector never walks them (reference counting still touches those a
    worker uses). With a worker restarting every 2 s under load, p99 fell from 320 to 23-46 ms."""
    gc.collect()
    gc.freeze()


# Proxies whose X-Forwarded-* headers gunicorn trusts (the load balancer's addresses).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Requests are logged by the application, one line each with its request id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The control socket lives at one shared path; it is of no use to us and would make two
# servers on one machine collide.
control_socket_disable = True
