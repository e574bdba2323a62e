"""The Textual app. Imports everything below it; nothing below imports it."""
