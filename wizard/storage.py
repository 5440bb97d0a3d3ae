"""formtools' session storage, writing the session only when the wizard changed something.

formtools marks the session modified whenever it reads the wizard's data, so every step GET
rewrote the session row. Here reads are free; each write says so, and setting a value it
already holds is no write at all. Step data is still kept in the session, never in a
worker's memory, so any app server can serve any step.
"""

from __future__ import annotations

from typing import Any

from formtools.wizard.storage.session import SessionStorage


class QuietSessionStorage(SessionStorage):
    def _changed(self) -> None:
        self.request.session.modified = True

    def _get_data(self) -> dict[str, Any]:
        return self.request.session[self.prefix]

    def _set_data(self, value: dict[str, Any]) -> None:
        self.request.session[self.prefix] = value

    data = property(_get_data, _set_data)

    def _set_current_step(self, step: str) -> None:
        if self.data[self.step_key] != step:
            super()._set_current_step(step)
            self._changed()

    def _set_extra_data(self, extra_data: dict[str, Any]) -> None:
        if self.data[self.extra_data_key] != extra_data:
            super()._set_extra_data(extra_data)
            self._changed()

    def set_step_data(self, step: str, cleaned_data: Any) -> None:
        super().set_step_data(step, cleaned_data)
        self._changed()
