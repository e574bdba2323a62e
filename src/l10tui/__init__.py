"""l10tui: run the weekly Level 10 meeting in the terminal."""

__version__ = "0.1.0"
