"""Screens, imported lazily by the app's registry (``L10App.show``)."""
