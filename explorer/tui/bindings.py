"""Textual bindings from the key table (:mod:`explorer.core.settings.keys`), and the one
place the app's keymap in force is read.

Screens and widgets declare ``BINDINGS = bindings("<scope>")``; nothing else builds
bindings. The app resolves the user's ``keymap:`` once at start-up (invalid or clashing keys
refused) and exposes the result as ``keymap_in_force``; :func:`keys_in_force` reads it for any
widget or screen, falling back to the defaults outside the app (tests, screenshots).
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from explorer.core.settings import keys as table


def bindings(scope: str) -> list[Binding]:
    """Textual ``Binding`` objects for one scope, each with its ``id`` (for ``BINDINGS``)."""
    return [
        Binding(s.keys, s.action, s.description, show=s.show, priority=s.priority, tooltip=s.help, id=s.id)
        for s in table.specs(scope)
    ]


def keys_in_force(app: App | None) -> dict[str, str]:
    """Binding id → the keys in force in ``app`` (the defaults when it has no keymap)."""
    keymap = getattr(app, "keymap_in_force", None)
    if isinstance(keymap, table.Keymap):
        return keymap.keys
    return table.effective_keys()
