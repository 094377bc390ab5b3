"""so-explorer: compare SuperOffice integration points side by side."""

__version__ = "0.1.0"
