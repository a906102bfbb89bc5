"""Interfaces to people: the Discord bot, the terminal chat and the ``tutor`` command line."""
