"""Django's database sessions, read and written faster.

A session is the visitor's identity for their wizard runs (`wizard.storage` finds a run
through a live session, and the database deletes runs with their session), besides what the
site keeps in it (messages, the admin's login). Django builds an ORM query for each read
and write (which cost more than running it) and wraps even an update of an existing
session in a transaction (a BEGIN and a COMMIT besides the UPDATE). Here a session is read,
created and updated with one plain statement each, on the same table and with the same
encoding; a new key's uniqueness is the primary key's to enforce. On PostgreSQL these writes
do not wait for the disk (see `db.SessionStore.save`). SESSION_ENGINE is
`advisor.sessions.db`.

The class is named SessionStore, as Django's are: the name is part of the signature's salt,
so sessions Django's own engines wrote read the same.
"""
