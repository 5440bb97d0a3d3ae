"""Sessions in the database (SESSION_ENGINE without REDIS_URL)."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError, router


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            super().save(must_create)
            return
        session = self.create_model_instance(self._get_session())
        try:
            session.save(force_update=True, using=router.db_for_write(self.model, instance=session))
        except DatabaseError as error:
            # The row is gone (it expired or was cleared): as with Django's own, the request fails.
            raise UpdateError from error
