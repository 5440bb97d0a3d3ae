"""Django's PostgreSQL backend, with a health check that rarely needs the server.

Set as the engine when DATABASE_URL names PostgreSQL (advisor/settings.py).
"""
