"""The app's side of config.yaml: read it once at start, word its problems, save choices.

Nothing here touches the app: :meth:`SettingsControl.load` returns what config.yaml asks for
(:class:`Startup`), the app decides what the command line overrides and applies it, and the
save methods return an :class:`Outcome` (a message and its severity) for the app to show.
Saving goes through :func:`explorer.core.settings.save_config` (atomic; an unreadable file is
moved aside first, and the message says where it went).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from explorer.core.filters import Filters
from explorer.core.model import CLIENTS, ENVIRONMENTS
from explorer.core.settings import (
    Config,
    config_path,
    load_config,
    save_config,
    summary,
)
from explorer.core.settings.keys import Keymap, resolve


@dataclass(frozen=True)
class Outcome:
    """What to tell the user after a save."""

    message: str
    severity: str = "information"


@dataclass(frozen=True)
class Startup:
    """What config.yaml asks for at start-up, and the problems found reading it."""

    config: Config
    keymap: Keymap
    warnings: tuple[str, ...]

    def filters(self, kinds: frozenset[str] = frozenset()) -> Filters | None:
        """The default filters, or None when config.yaml sets none."""
        config = self.config
        if not (config.environments or config.clients):
            return None
        return Filters(frozenset(config.environments or ENVIRONMENTS), frozenset(config.clients or CLIENTS), kinds)

    def notice(self) -> tuple[str, str] | None:
        """(title, text) of the one notification about config.yaml's problems, if any."""
        if not self.warnings:
            return None
        count = len(self.warnings)
        if self.config.ignored:
            title = "config.yaml could not be used; the default settings are in force"
        else:
            title = f"config.yaml: {count} problem{'s' if count != 1 else ''}; the rest of it is used"
        return title, summary(list(self.warnings))


class SettingsControl:
    """config.yaml for one app run."""

    def __init__(self, config_dir: str | os.PathLike[str] | None = None) -> None:
        self.path = config_path(config_dir)
        self._theme: str | None = None

    def load(self, *, themes: Iterable[str], platform_ids: Iterable[str]) -> Startup:
        config, warnings = load_config(self.path, themes=themes, platform_ids=platform_ids)
        keymap = resolve(config.keymap)
        warnings += [f"{self.path}: {problem}" for problem in keymap.problems]
        return Startup(config, keymap, tuple(warnings))

    def theme_in_force(self, name: str) -> None:
        """The theme the app starts with (a later change to another one is saved)."""
        self._theme = name

    def theme_changed(self, name: str) -> Outcome | None:
        """Save a theme picked in the palette (None when it is the one in force already)."""
        if name == self._theme:
            return None
        self._theme = name
        return self.save({"theme": name}, f"Theme {name} saved")

    def save_platforms(self, platforms: tuple[str, ...]) -> Outcome:
        return self.save({"platforms": list(platforms)}, "Default platforms saved")

    def save_filters(self, filters: Filters) -> Outcome:
        value = {
            "environments": [e for e in ENVIRONMENTS if e in filters.environments],
            "clients": [c for c in CLIENTS if c in filters.clients],
        }
        return self.save({"filters": value}, "Default filters saved")

    def save(self, updates: dict[str, object], done: str) -> Outcome:
        """Write ``updates`` to config.yaml; never raises."""
        try:
            result = save_config(self.path, updates)
        except (OSError, TimeoutError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            return Outcome(f"Could not save {self.path}: {reason}", "error")
        message = f"{done} in {result.path}"
        if result.moved_aside is not None:
            message += f". The unreadable old file was kept as {result.moved_aside.name}"
        return Outcome(message)
