"""The one base class for problems with a user's input.

Every layer raises its own subclass (a lecture file, a demo text, a quiz answer, a query); every
interface catches ``UserError`` once and shows its message, so no layer re-wraps another's errors.
"""


class UserError(ValueError):
    """A problem with what the user gave, worded for the user."""
