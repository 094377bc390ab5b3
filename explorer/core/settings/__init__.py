"""The user's settings: where files live (``paths``) and ``config.yaml`` (``config``).
Outside this package, import from here."""

from explorer.core.settings.config import (
    Config,
    SaveResult,
    config_path,
    load_config,
    save_config,
    summary,
)
from explorer.core.settings.paths import CACHE_ENV, CONFIG_ENV, cache_dir, config_dir

__all__ = [
    "CACHE_ENV",
    "CONFIG_ENV",
    "Config",
    "SaveResult",
    "cache_dir",
    "config_dir",
    "config_path",
    "load_config",
    "save_config",
    "summary",
]
