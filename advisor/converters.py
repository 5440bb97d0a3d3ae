"""URL path converters for the ids that appear in public URLs."""


class _PatternConverter:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class TokenConverter(_PatternConverter):
    """A result token: URL-safe base64, as `models.new_token` makes it."""

    regex = "[A-Za-z0-9_-]{16,64}"


class RunConverter(_PatternConverter):
    """A wizard run id: 32 hex characters, as `wizard.views.start` makes it."""

    regex = "[0-9a-f]{32}"
