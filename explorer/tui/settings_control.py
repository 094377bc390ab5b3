"""The app's side of config.yaml: apply it at startup, report its problems once, save choices.

Command-line values win over the config (the app's ``explicit_filters`` and
``explicit_platforms`` flags say which were given). A theme picked in the command palette is
saved; the platform chooser's ``s`` and two palette commands save the default platforms and
filters. Saving goes through :func:`explorer.core.settings.config.save_config` (atomic; an unreadable
file is moved aside first, and the notification says where it went).
"""

from __future__ import annotations

import os
from typing import Any

from explorer.core.settings import Config, config_path, load_config, save_config, summary
from explorer.core.filters import Filters
from explorer.core.model import CLIENTS, ENVIRONMENTS
from explorer.tui import keymap as km


class Settings:
    """Loaded once per app; ``app`` is the :class:`~explorer.tui.app.ExplorerApp`."""

    def __init__(self, config_dir: str | os.PathLike[str] | None = None) -> None:
        self.path = config_path(config_dir)
        self.config = Config()
        self.warnings: list[str] = []
        self._theme: str | None = None

    # --- startup ---------------------------------------------------------------------

    def apply_at_start(self, app: Any) -> None:
        """Read config.yaml and set theme, keymap, filters and platforms on ``app``.

        Call from ``App.__init__`` after the command-line values are set.
        """
        config, warnings = load_config(
            self.path,
            themes=app.available_themes,
            binding_ids=km.binding_ids(),
            platform_ids=app.catalog.platform_ids,
        )
        for key, first, second in km.conflicts(config.keymap):
            warnings.append(f"{self.path}: keymap: {key!r} is bound to both {first} and {second}; {first} wins")
        self.config, self.warnings = config, warnings
        if config.theme:
            app.theme = config.theme
        self._theme = app.theme
        if config.keymap:
            app.set_keymap(config.keymap)
        if not app.explicit_filters and (config.environments or config.clients):
            app.filters = Filters(
                frozenset(config.environments or ENVIRONMENTS),
                frozenset(config.clients or CLIENTS),
                app.filters.kinds,
            )
        if not app.explicit_platforms and config.platforms:
            app.platforms = tuple(config.platforms)

    def on_mount(self, app: Any) -> None:
        """Tell the user about config problems (once) and start saving theme changes."""
        if self.warnings:
            count = len(self.warnings)
            app.notify(
                summary(self.warnings),
                title=f"config.yaml: {count} problem{'s' if count != 1 else ''}; the rest of it is used",
                severity="warning",
                timeout=12,
                markup=False,
            )
        app.theme_changed_signal.subscribe(app, lambda theme: self._theme_changed(app, theme.name))

    # --- saving ----------------------------------------------------------------------

    def _theme_changed(self, app: Any, name: str) -> None:
        if name == self._theme:
            return
        self._theme = name
        self.save(app, {"theme": name}, f"Theme {name} saved")

    def save_platforms(self, app: Any) -> bool:
        return self.save(app, {"platforms": list(app.platforms)}, "Default platforms saved")

    def save_filters(self, app: Any) -> bool:
        filters: Filters = app.filters
        value = {
            "environments": [e for e in ENVIRONMENTS if e in filters.environments],
            "clients": [c for c in CLIENTS if c in filters.clients],
        }
        return self.save(app, {"filters": value}, "Default filters saved")

    def save(self, app: Any, updates: dict[str, object], done: str) -> bool:
        """Write ``updates`` to config.yaml and tell the user how it went (never raises)."""
        try:
            result = save_config(self.path, updates)
        except (OSError, TimeoutError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            app.notify(f"Could not save {self.path}: {reason}", severity="error", markup=False)
            return False
        message = f"{done} in {result.path}"
        if result.moved_aside is not None:
            message += f". The unreadable old file was kept as {result.moved_aside.name}"
        app.notify(message, markup=False)
        return True
