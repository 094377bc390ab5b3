"""Where so-explorer keeps its files: config and bookmarks, and the parse cache."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "so-explorer"
CONFIG_ENV = "SO_EXPLORER_CONFIG_DIR"
CACHE_ENV = "SO_EXPLORER_CACHE_DIR"


def config_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--config-dir``, else ``$SO_EXPLORER_CONFIG_DIR``, else the platform's user config dir."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)
