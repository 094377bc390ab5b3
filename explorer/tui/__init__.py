"""The full-screen explorer (Textual). Only :mod:`explorer.tui.app` is imported by the CLI."""
