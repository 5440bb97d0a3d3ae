"""Sessions in the database, read through the cache (SESSION_ENGINE with REDIS_URL)."""

from django.contrib.sessions.backends import cached_db

from advisor.sessions import db


class SessionStore(cached_db.SessionStore, db.SessionStore):
    """cached_db's save writes the database with one statement (`db`), then the cache."""
