"""Every key binding of the explorer as data: id, default keys, action and description.

One table feeds the ``BINDINGS`` of the app and its widgets, the ``?`` help screen, the
command palette and the README (``python -m explorer.tui.keymap --markdown``). Each binding
has an ``id`` so that users can remap it in ``config.yaml``::

    keymap:
      toggle-cloud: c          # one key
      quit: q,ctrl+q,f10       # several keys, comma-separated

Keys use Textual's names: ``a``, ``G`` (shift+g), ``question_mark`` or ``?``, ``ctrl+x``,
``shift+up``, ``pageup``, ``f1``… (see docs/keys.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

#: Where a binding lives: the app, the comparison grid, the search bar, the detail panel, or a dialog.
SCOPES: tuple[str, ...] = ("app", "grid", "search", "detail", "help", "platforms")

SCOPE_TITLES: dict[str, str] = {
    "app": "Everywhere (outside the search bar)",
    "grid": "In the comparison grid",
    "search": "In the search bar",
    "detail": "In the detail panel",
    "help": "In the help screen",
    "platforms": "In the platform chooser",
}


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One binding: ``keys`` are Textual key names, comma-separated."""

    id: str
    keys: str
    action: str
    description: str  # short label (binding description; the key bar has its own labels)
    help: str  # one line for the help screen and the command palette
    scope: str = "app"
    show: bool = True  # Binding.show (the key bar picks its keys in widgets/key_bar.py)
    priority: bool = False
    #: Shown in the command palette (an action that makes sense from anywhere).
    palette: bool = True


KEYMAP: tuple[KeySpec, ...] = (
    # --- app -------------------------------------------------------------------------
    KeySpec("focus-search", "slash", "focus_search", "search", "Focus the search bar"),
    KeySpec("toggle-cloud", "1", "toggle_filter('cloud')", "cloud", "Toggle the cloud environment filter"),
    KeySpec("toggle-onsite", "2", "toggle_filter('onsite')", "onsite", "Toggle the onsite environment filter"),
    KeySpec("toggle-win", "3", "toggle_filter('win')", "win", "Toggle the Windows client filter"),
    KeySpec("toggle-web", "4", "toggle_filter('web')", "web", "Toggle the web client filter"),
    KeySpec("differences", "d", "toggle_differences", "differences", "Show only rows where the platforms differ"),
    KeySpec("platforms", "p", "choose_platforms", "platforms", "Choose and order the platforms shown"),
    KeySpec("bookmark", "b", "bookmark", "bookmark", "Bookmark the highlighted point"),
    KeySpec("bookmarks", "B", "bookmarks", "bookmarks", "Open the bookmarks view"),
    KeySpec("export", "x", "export", "export", "Export a comparison report"),
    KeySpec("open-doc", "o", "open_doc", "open link", "Open the highlighted point's doc link in the browser"),
    KeySpec("copy", "y", "copy", "copy", "Copy name, platform, summary and link to the clipboard"),
    KeySpec("next-match", "n", "next_match", "next match", "Move to the next search match", show=False),
    KeySpec("previous-match", "N", "previous_match", "previous match", "Move to the previous search match", show=False),
    KeySpec("help", "question_mark", "help", "help", "Show the keys, filters and cell marks"),
    KeySpec(
        "command-palette", "ctrl+p", "command_palette", "palette",
        "Open the command palette (every action, themes)", show=False, priority=True, palette=False,
    ),
    KeySpec("quit", "q,ctrl+q", "quit", "quit", "Quit so-explorer"),
    # --- grid ------------------------------------------------------------------------
    KeySpec("pane-left", "left,h", "pane_left", "left", "Move to the pane on the left", "grid", show=False),
    KeySpec("pane-right", "right,l", "pane_right", "right", "Move to the pane on the right", "grid", show=False),
    KeySpec("next-pane", "tab", "next_pane", "next pane", "Move to the next pane", "grid", show=False),
    KeySpec("previous-pane", "shift+tab", "previous_pane", "previous pane", "Move to the previous pane", "grid", show=False),
    KeySpec("cursor-up", "up,k", "cursor_up", "up", "Move up within the pane", "grid", show=False),
    KeySpec("cursor-down", "down,j", "cursor_down", "down", "Move down within the pane", "grid", show=False),
    KeySpec("cursor-top", "home,g", "cursor_top", "top", "Move to the first row", "grid", show=False),
    KeySpec("cursor-bottom", "end,G", "cursor_bottom", "bottom", "Move to the last row", "grid", show=False),
    KeySpec("page-up", "pageup", "page_up", "page up", "Move up one page", "grid", show=False),
    KeySpec("page-down", "pagedown", "page_down", "page down", "Move down one page", "grid", show=False),
    KeySpec("focus-detail", "enter", "focus_detail", "details", "Focus the detail panel of the highlighted cell", "grid", show=False),
    # --- search bar -----------------------------------------------------------------
    KeySpec("search-clear", "escape", "clear_search", "clear", "Clear the search; again: back to the grid", "search", palette=False),
    KeySpec("search-jump", "enter", "jump_to_best", "best match", "Jump to the best match and focus the grid", "search", palette=False),
    KeySpec("search-to-grid", "down", "to_grid", "to grid", "Move focus to the grid", "search", show=False, palette=False),
    # --- detail panel ---------------------------------------------------------------
    KeySpec("detail-back", "escape", "back_to_grid", "back", "Return focus to the grid", "detail", palette=False),
    # --- help screen ----------------------------------------------------------------
    KeySpec("help-close", "escape,q,question_mark", "close", "close", "Close the help screen", "help", palette=False),
    # --- platform chooser -----------------------------------------------------------
    KeySpec("chooser-toggle", "space", "toggle", "show/hide", "Show or hide the highlighted platform", "platforms", palette=False),
    KeySpec("chooser-up", "shift+up,left_square_bracket", "move_up", "move up", "Move the highlighted platform up", "platforms", palette=False),
    KeySpec("chooser-down", "shift+down,right_square_bracket", "move_down", "move down", "Move the highlighted platform down", "platforms", palette=False),
    KeySpec("chooser-apply", "enter", "apply", "apply", "Apply the selection and order to this session", "platforms", priority=True, palette=False),
    KeySpec("chooser-save", "s", "save", "save as default", "Apply and save as the default platforms in config.yaml", "platforms", palette=False),
    KeySpec("chooser-cancel", "escape", "cancel", "cancel", "Close without changes", "platforms", palette=False),
)

BY_ID: dict[str, KeySpec] = {spec.id: spec for spec in KEYMAP}


def binding_ids() -> frozenset[str]:
    """Every id that a ``keymap:`` section in config.yaml may name (see :func:`all_specs`)."""
    return frozenset(s.id for s in all_specs())


#: Scopes of bindings declared outside this table, by the class that declares them.
SCOPE_BY_CLASS: dict[str, str] = {
    "BookmarksScreen": "bookmarks",
    "TextDialog": "text dialog",
    "ConfirmDialog": "confirm dialog",
    "ExportScreen": "export",
}
SCOPE_TITLES.update({
    "bookmarks": "In the bookmarks view",
    "text dialog": "In the bookmark note and shortlist name dialog",
    "confirm dialog": "In yes/no questions",
    "export": "In the export dialog",
})


@lru_cache(maxsize=1)
def all_specs() -> tuple[KeySpec, ...]:
    """This table plus the bindings that other screens declare themselves.

    The bookmarks view keeps its keys as ``KeySpec`` data (``BOOKMARK_KEYS``); other
    screens (export, dialogs) declare plain ``Binding(..., id=...)``s, which are turned
    into specs here. Loads the app's modules, so call it at run time, not import time.
    """
    import importlib

    importlib.import_module("explorer.tui.app")  # loads every screen and widget
    out: list[KeySpec] = list(KEYMAP)
    seen = set(BY_ID)
    try:
        extra = importlib.import_module("explorer.tui.screens.bookmarks").BOOKMARK_KEYS
    except (ImportError, AttributeError):
        extra = ()
    for spec in extra:
        if spec.id not in seen:
            out.append(spec)
            seen.add(spec.id)
    for cls in _explorer_classes():
        for binding in cls.__dict__.get("BINDINGS", ()):
            binding_id = getattr(binding, "id", None)
            if not binding_id or binding_id in seen:
                continue
            seen.add(binding_id)
            scope = SCOPE_BY_CLASS.get(cls.__name__, cls.__name__)
            out.append(KeySpec(
                binding_id, binding.key, binding.action, binding.description,
                binding.tooltip or binding.description, scope, show=binding.show, palette=False,
            ))
    return tuple(out)


def _explorer_classes() -> list[type]:
    """Loaded Textual node classes of this package, in a stable order."""
    from textual.dom import DOMNode

    found: dict[str, type] = {}
    stack: list[type] = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("explorer."):
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[k] for k in sorted(found)]


def all_scopes() -> tuple[str, ...]:
    extra = [s.scope for s in all_specs() if s.scope not in SCOPES]
    return SCOPES + tuple(dict.fromkeys(extra))


def specs(scope: str | None = None) -> tuple[KeySpec, ...]:
    return tuple(s for s in KEYMAP if scope is None or s.scope == scope)


def bindings(scope: str = "app") -> list:
    """Textual ``Binding`` objects for one scope, each with its ``id`` (for ``BINDINGS``)."""
    from textual.binding import Binding  # imported here so the data loads without Textual

    return [
        Binding(
            s.keys, s.action, s.description, show=s.show, priority=s.priority,
            tooltip=s.help, id=s.id,
        )
        for s in specs(scope)
    ]


def effective_keys(keymap: Mapping[str, str] | None = None) -> dict[str, str]:
    """Binding id → the keys in force after applying a user ``keymap`` (unknown ids ignored)."""
    keymap = keymap or {}
    return {s.id: keymap.get(s.id) or s.keys for s in all_specs()}


_DISPLAY = {
    "question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
    "space": "space", "escape": "esc", "pageup": "pgup", "pagedown": "pgdn", "enter": "enter",
}


def display_key(key: str) -> str:
    """A readable form of one Textual key name: ``question_mark`` → ``?``, ``ctrl+p`` stays."""
    key = key.strip()
    if key in _DISPLAY:
        return _DISPLAY[key]
    if "+" in key:
        mods, _, last = key.rpartition("+")
        return f"{mods}+{display_key(last)}"
    if len(key) == 1:
        return key
    try:  # Textual knows many names (e.g. "exclamation_mark" → "!")
        from textual.keys import format_key

        shown = format_key(key)
        return shown if len(shown) == 1 else key
    except Exception:  # noqa: BLE001 - display only
        return key


def display_keys(keys: str) -> str:
    """``"q,ctrl+q"`` → ``"q / ctrl+q"``."""
    return " / ".join(display_key(k) for k in keys.split(",") if k.strip())


def conflicts(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(key, id, other id) for each key bound twice where both bindings can be active at once.

    Bindings of one scope compete, and app bindings compete with those of the grid and the
    detail panel (the focused widget would win). Dialogs are modal and the search bar takes
    printable keys, so they only compete within their own scope.
    """
    keys = effective_keys(keymap)
    owners: dict[str, list[KeySpec]] = {}
    out: list[tuple[str, str, str]] = []
    for spec in all_specs():
        for key in {_canonical(k.strip()) for k in keys[spec.id].split(",") if k.strip()}:
            for other in owners.get(key, []):
                if _compete(other.scope, spec.scope):
                    out.append((display_key(key), other.id, spec.id))
            owners.setdefault(key, []).append(spec)
    return out


def _compete(a: str, b: str) -> bool:
    return a == b or {a, b} in ({"app", "grid"}, {"app", "detail"})


def _canonical(key: str) -> str:
    if len(key) == 1 and not key.isalnum():
        from textual.keys import _character_to_key

        return _character_to_key(key)
    return key


def markdown_table(keymap: Mapping[str, str] | None = None, scopes: Iterable[str] | None = None) -> str:
    """The key map as Markdown tables, one per scope (README / docs/keys.md)."""
    keys = effective_keys(keymap)
    every = all_specs()
    parts: list[str] = []
    for scope in scopes if scopes is not None else all_scopes():
        rows = [s for s in every if s.scope == scope]
        if not rows:
            continue
        parts.append(f"### {SCOPE_TITLES.get(scope, scope)}\n")
        parts.append("| keys | action | binding id |")
        parts.append("|---|---|---|")
        for s in rows:
            shown = ", ".join(f"`{_md(display_key(k))}`" for k in keys[s.id].split(",") if k.strip())
            parts.append(f"| {shown} | {_md(s.help)} | `{s.id}` |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


BEGIN_MARK = "<!-- keymap:begin (generated by python -m explorer.tui.keymap --update docs/keys.md) -->"
END_MARK = "<!-- keymap:end -->"


def update_document(text: str) -> str:
    """Replace the generated tables between the markers in a Markdown document."""
    start, end = text.index(BEGIN_MARK) + len(BEGIN_MARK), text.index(END_MARK)
    return text[:start] + "\n\n" + markdown_table() + "\n" + text[end:]


def main(argv: list[str] | None = None) -> int:
    # Run as ``python -m``, this file is ``__main__``; use the package's own module so that
    # the app and this command share one KeySpec class and one table.
    from explorer.tui import keymap

    return keymap._main(argv)


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explorer.tui.keymap", description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print the key map as Markdown tables")
    parser.add_argument("--update", metavar="FILE", help="rewrite the tables between the keymap markers in FILE")
    args = parser.parse_args(argv)
    if args.update:
        from pathlib import Path

        path = Path(args.update)
        try:
            path.write_text(update_document(path.read_text(encoding="utf-8")), encoding="utf-8")
        except (OSError, ValueError) as exc:
            print(f"keymap: cannot update {path}: {exc}", file=sys.stderr)
            return 2
    elif args.markdown:
        sys.stdout.write(markdown_table())
    else:
        for s in all_specs():
            print(f"{s.scope:10} {s.id:24} {display_keys(s.keys):24} {s.help}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
