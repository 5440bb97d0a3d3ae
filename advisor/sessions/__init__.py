"""Django's database sessions (plain, or read through the cache), saved in one statement.

Every wizard step writes the session. Django wraps even an update of an existing session in a
transaction, which costs a BEGIN and a COMMIT besides the UPDATE. One UPDATE on its own is
just as atomic; only creating a session keeps Django's transaction, which guards a new key's
uniqueness. Set SESSION_ENGINE to `advisor.sessions.db` or `advisor.sessions.cached_db`.

Both classes are named SessionStore, as Django's are: the name is part of the signature's
salt, so sessions written before or after a switch read the same.
"""
