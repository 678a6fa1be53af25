"""gongkai: answers citizens' questions from government information disclosure records."""

__version__ = "0.1.0"
