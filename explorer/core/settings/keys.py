"""Every key of so-explorer, as plain data: one table for every screen.

Each binding has an ``id`` (remap it in ``config.yaml``'s ``keymap:``), default keys in
Textual's key names, the action it runs, a short label, a line for the help screen and the
command palette, and the scope where it is active. The TUI builds its Textual bindings from
this table (``explorer.tui.bindings``); the help screen, the key bar, the palette and
``so-explorer keys`` (which writes ``docs/keys.md``) read it too. Nothing here knows a widget.

:func:`resolve` applies a user's ``keymap:``: invalid key names are refused, and when a
remapped key is already taken by another binding that can be active at the same time, the
built-in key wins and the user's binding keeps its other keys (or its default ones).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from explorer.core.model import NEEDS


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One binding: ``keys`` are Textual key names, comma-separated."""

    id: str
    keys: str
    action: str
    description: str  # short label (the key bar has its own, shorter ones)
    help: str  # one line for the help screen and the command palette
    scope: str = "app"
    show: bool = True
    priority: bool = False
    #: Shown in the command palette (an action that makes sense from anywhere).
    palette: bool = True
    #: The filter ("cloud", "onsite", "win", "web") or mode ("differences") it toggles.
    toggles: str = ""


#: Scopes in the order the help screen and docs/keys.md list them, with their titles.
SCOPE_TITLES: dict[str, str] = {
    "app": "Everywhere (outside the search bar)",
    "grid": "In the comparison grid",
    "search": "In the search bar",
    "detail": "In the detail panel",
    "help": "In the help screen",
    "platforms": "In the platform chooser",
    "bookmarks": "In the bookmarks view",
    "confirm": "In yes/no questions",
    "text": "In the bookmark note and shortlist name dialog",
    "export": "In the export dialogs",
    "recommend": "In the Which approach? screen",
}


#: The Which approach? screen's one-key need toggles: need id (see ``NEEDS``) → default key.
NEED_KEYS: dict[str, str] = {
    "ui": "u", "action": "a", "events": "e", "data": "d", "logic": "l", "schema": "s",
    "bulk": "k", "auth": "g", "email": "m", "documents": "o", "erp": "r",
}


def _app(id: str, keys: str, action: str, description: str, help: str, **kw) -> KeySpec:
    return KeySpec(id, keys, action, description, help, "app", **kw)


def _in(scope: str, id: str, keys: str, action: str, description: str, help: str, **kw) -> KeySpec:
    kw.setdefault("palette", False)
    return KeySpec(id, keys, action, description, help, scope, **kw)


KEYMAP: tuple[KeySpec, ...] = (
    _app("focus-search", "slash", "focus_search", "search", "Focus the search bar"),
    _app("toggle-cloud", "1", "toggle_filter('cloud')", "cloud", "Toggle the cloud environment filter",
         toggles="cloud"),
    _app("toggle-onsite", "2", "toggle_filter('onsite')", "onsite", "Toggle the onsite environment filter",
         toggles="onsite"),
    _app("toggle-win", "3", "toggle_filter('win')", "win", "Toggle the Windows client filter", toggles="win"),
    _app("toggle-web", "4", "toggle_filter('web')", "web", "Toggle the web client filter", toggles="web"),
    _app("differences", "d", "toggle_differences", "differences", "Show only rows where the platforms differ",
         toggles="differences"),
    _app("platforms", "p", "choose_platforms", "platforms", "Choose and order the platforms shown"),
    _app("bookmark", "b", "bookmark", "bookmark", "Bookmark the highlighted point"),
    _app("bookmarks", "B", "bookmarks", "bookmarks", "Open the bookmarks view"),
    _app("export", "x", "export", "export", "Export a comparison report"),
    _app("which-approach", "w", "which_approach", "which approach?",
         "Which approach fits? Pick the customer's needs, get ranked options with reasons"),
    _app("open-doc", "o", "open_doc", "open link", "Open the highlighted point's doc link in the browser"),
    _app("copy", "y", "copy", "copy", "Copy name, platform, summary and link to the clipboard"),
    _app("next-match", "n", "next_match", "next match", "Move to the next search match", show=False),
    _app("previous-match", "N", "previous_match", "previous match", "Move to the previous search match",
         show=False),
    _app("help", "question_mark", "help", "help", "Show the keys, filters and cell marks"),
    _app("command-palette", "ctrl+p", "command_palette", "palette", "Open the command palette (every action, themes)",
         show=False, priority=True, palette=False),
    _app("quit", "q,ctrl+q", "quit", "quit", "Quit so-explorer"),
    # --- the comparison grid ---------------------------------------------------------
    _in("grid", "pane-left", "left,h", "pane_left", "left", "Move to the pane on the left", show=False),
    _in("grid", "pane-right", "right,l", "pane_right", "right", "Move to the pane on the right", show=False),
    _in("grid", "next-pane", "tab", "next_pane", "next pane", "Move to the next pane", show=False),
    _in("grid", "previous-pane", "shift+tab", "previous_pane", "previous pane", "Move to the previous pane",
        show=False),
    _in("grid", "cursor-up", "up,k", "cursor_up", "up", "Move up within the pane", show=False),
    _in("grid", "cursor-down", "down,j", "cursor_down", "down", "Move down within the pane", show=False),
    _in("grid", "cursor-top", "home,g", "cursor_top", "top", "Move to the first row", show=False),
    _in("grid", "cursor-bottom", "end,G", "cursor_bottom", "bottom", "Move to the last row", show=False),
    _in("grid", "page-up", "pageup", "page_up", "page up", "Move up one page", show=False),
    _in("grid", "page-down", "pagedown", "page_down", "page down", "Move down one page", show=False),
    _in("grid", "focus-detail", "enter", "focus_detail", "details", "Focus the detail panel of the highlighted cell",
        show=False),
    # --- the search bar --------------------------------------------------------------
    _in("search", "search-clear", "escape", "clear_search", "clear", "Clear the search; again: back to the grid"),
    _in("search", "search-jump", "enter", "jump_to_best", "best match", "Jump to the best match and focus the grid"),
    _in("search", "search-to-grid", "down", "to_grid", "to grid", "Move focus to the grid", show=False),
    # --- the detail panel ------------------------------------------------------------
    _in("detail", "detail-back", "escape", "back_to_grid", "back", "Return focus to the grid"),
    _in("detail", "detail-down", "down,j", "scroll_down", "scroll down", "Scroll the detail panel down", show=False),
    _in("detail", "detail-up", "up,k", "scroll_up", "scroll up", "Scroll the detail panel up", show=False),
    # --- the help screen -------------------------------------------------------------
    _in("help", "help-close", "escape,q,question_mark", "close", "close", "Close the help screen"),
    # --- the platform chooser --------------------------------------------------------
    _in("platforms", "chooser-toggle", "space", "toggle", "show/hide", "Show or hide the highlighted platform"),
    _in("platforms", "chooser-up", "shift+up,left_square_bracket", "move_up", "move up",
        "Move the highlighted platform up"),
    _in("platforms", "chooser-down", "shift+down,right_square_bracket", "move_down", "move down",
        "Move the highlighted platform down"),
    _in("platforms", "chooser-apply", "enter", "apply", "apply", "Apply the selection and order to this session",
        priority=True),
    _in("platforms", "chooser-save", "s", "save", "save as default",
        "Apply and save as the default platforms in config.yaml"),
    _in("platforms", "chooser-cancel", "escape", "cancel", "cancel", "Close without changes"),
    # --- the bookmarks view ----------------------------------------------------------
    _in("bookmarks", "bookmarks-jump", "enter", "jump", "jump to", "Close the view and move to the bookmarked point"),
    _in("bookmarks", "bookmarks-note", "e", "edit_note", "note", "Edit the note of the highlighted bookmark"),
    _in("bookmarks", "bookmarks-remove", "delete", "remove", "remove", "Remove the highlighted bookmark"),
    _in("bookmarks", "bookmarks-undo", "u", "undo", "undo", "Put back the bookmark just removed, with its note"),
    _in("bookmarks", "bookmarks-new", "n", "new_shortlist", "new list", "Make a new shortlist and switch to it"),
    _in("bookmarks", "bookmarks-rename", "r", "rename_shortlist", "rename", "Rename the active shortlist"),
    _in("bookmarks", "bookmarks-next", "s,right,tab", "next_shortlist", "next list", "Switch to the next shortlist"),
    _in("bookmarks", "bookmarks-previous", "left,shift+tab", "previous_shortlist", "previous list",
        "Switch to the previous shortlist"),
    _in("bookmarks", "bookmarks-delete-list", "D", "delete_shortlist", "delete list", "Delete the active shortlist"),
    _in("bookmarks", "bookmarks-close", "escape,B", "close", "close", "Close the bookmarks view"),
    # --- small dialogs ---------------------------------------------------------------
    _in("confirm", "bookmarks-confirm-yes", "y,enter", "answer(True)", "yes", "yes"),
    _in("confirm", "bookmarks-confirm-no", "n,escape", "answer(False)", "no", "no", show=True),
    _in("text", "bookmarks-dialog-cancel", "escape", "cancel", "cancel", "cancel", show=False),
    # --- the export dialog -----------------------------------------------------------
    _in("export", "export-cancel", "escape", "cancel", "cancel", "cancel"),
    _in("export", "export-write", "ctrl+s", "export", "export", "export"),
    # --- the Which approach? screen (w) ----------------------------------------------
    *(
        _in("recommend", f"need-{need}", key, f"toggle_need('{need}')", need, f"Tick or untick the need: {label}")
        for need, label in NEEDS.items()
        for key in (NEED_KEYS[need],)
    ),
    _in("recommend", "recommend-cloud", "1", "toggle_customer('cloud')", "cloud",
        "The customer uses the cloud (CRM Online)"),
    _in("recommend", "recommend-onsite", "2", "toggle_customer('onsite')", "onsite",
        "The customer runs SuperOffice onsite"),
    _in("recommend", "recommend-win", "3", "toggle_customer('win')", "win", "The customer uses the Windows client"),
    _in("recommend", "recommend-web", "4", "toggle_customer('web')", "web", "The customer uses the web client"),
    _in("recommend", "recommend-jump", "enter", "jump", "jump to", "Close and move to the highlighted option in the grid"),
    _in("recommend", "recommend-bookmark", "b", "bookmark", "bookmark",
        "Bookmark the highlighted option in the active shortlist (again: remove it)"),
    _in("recommend", "recommend-export", "x", "export", "export", "Export the recommendation report (md, html, json)"),
    _in("recommend", "recommend-close", "escape", "close", "close", "Close the Which approach? screen"),
)

BY_ID: dict[str, KeySpec] = {spec.id: spec for spec in KEYMAP}


def binding_ids() -> frozenset[str]:
    """Every id that a ``keymap:`` section in config.yaml may name."""
    return frozenset(BY_ID)


def specs(scope: str | None = None) -> tuple[KeySpec, ...]:
    """The bindings of one scope (every binding without one), in table order."""
    return tuple(s for s in KEYMAP if scope is None or s.scope == scope)


def toggle_ids() -> dict[str, str]:
    """What each toggle binding toggles → its binding id (filters and differences)."""
    return {s.toggles: s.id for s in KEYMAP if s.toggles}


# --- key names --------------------------------------------------------------------------

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    {"up", "down", "left", "right", "home", "end", "pageup", "pagedown", "enter", "return", "escape",
     "tab", "backspace", "delete", "insert", "space"}
    | {f"f{n}" for n in range(1, 25)}
)
#: Textual's friendlier names for some characters (see ``textual.keys.KEY_NAME_REPLACEMENTS``).
_REPLACED = {"slash": "/", "backslash": "\\", "at": "@", "minus": "-", "plus": "+", "underscore": "_"}
_DISPLAY = {
    "question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
    "space": "space", "escape": "esc", "pageup": "pgup", "pagedown": "pgdn", "enter": "enter",
    "up": "↑", "down": "↓", "left": "←", "right": "→", "backspace": "⌫",
}


def _character_of(name: str) -> str | None:
    """The character a key name stands for (``question_mark`` → ``?``), if it names one."""
    if len(name) == 1:
        return name if name.isprintable() and not name.isspace() else None
    if name in _REPLACED:
        return _REPLACED[name]
    words = name.replace("_", " ").upper()
    for candidate in (words, words.replace(" MINUS", "-MINUS").replace("LESS THAN", "LESS-THAN")
                      .replace("GREATER THAN", "GREATER-THAN")):
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return None


def key_problem(key: str) -> str | None:
    """Why ``key`` (one key, e.g. ``ctrl+x`` or ``question_mark``) is not a key name, or None."""
    key = key.strip()
    if not key:
        return "an empty key"
    if key == "+":
        return None
    *mods, base = key.split("+") if not key.endswith("++") else [*key[:-2].split("+"), "+"]
    unknown = [m for m in mods if m not in MODIFIERS]
    if unknown:
        return f"{unknown[0]!r} is not a modifier (ctrl, shift, alt, meta, super, hyper)"
    if not base:
        return "nothing after the last '+'"
    if base in NAMED_KEYS or _character_of(base) is not None:
        return None
    return f"{base!r} is not a key name"


def keys_problem(keys: str) -> str | None:
    """Why a comma-separated list of keys cannot be used, or None."""
    parts = [k.strip() for k in keys.split(",")]
    if not any(parts):
        return "no key given"
    for part in parts:
        problem = key_problem(part)
        if problem:
            return problem
    return None


def canonical(key: str) -> str:
    """One spelling per key, as Textual matches them: ``?`` → ``question_mark``."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        try:
            name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        except ValueError:
            return key
        return {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
                "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore"}.get(name, name)
    return key


def display_key(key: str) -> str:
    """A readable form of one key name: ``question_mark`` → ``?``, ``ctrl+p`` stays."""
    key = key.strip()
    if key in _DISPLAY:
        return _DISPLAY[key]
    if "+" in key and len(key) > 1:
        mods, _, last = key.rpartition("+")
        return f"{mods}+{display_key(last)}"
    if len(key) == 1:
        return key
    char = _character_of(key)
    return char if char is not None and char.isprintable() else key


def display_keys(keys: str) -> str:
    """``"q,ctrl+q"`` → ``"q / ctrl+q"``."""
    return " / ".join(display_key(k) for k in keys.split(",") if k.strip())


# --- a user's keymap --------------------------------------------------------------------


def _compete(a: str, b: str) -> bool:
    """Whether bindings of two scopes can be active at the same time (the focused widget's
    win over the app's). Dialogs are modal and the search bar types printable keys, so they
    only compete within their own scope."""
    return a == b or {a, b} in ({"app", "grid"}, {"app", "detail"})


@dataclass(frozen=True)
class Keymap:
    """A user's keymap after checking: what is in force, and what was refused and why."""

    #: Binding id → the keys in force (every binding).
    keys: dict[str, str]
    #: Binding id → keys, for the bindings whose keys differ from the defaults.
    overrides: dict[str, str] = field(default_factory=dict)
    #: One line per refused or trimmed entry.
    problems: tuple[str, ...] = ()


def resolve(user: Mapping[str, str] | None = None) -> Keymap:
    """Apply a user's ``keymap:`` (binding id → keys) to the table.

    Unknown ids and invalid key names are refused (the default keys stay). A remapped key
    that another binding of a competing scope also has goes to the built-in binding (the
    one whose default it is; else the first in the table), and the remapped binding keeps
    its other keys, or its default keys when none are left.
    """
    user = dict(user or {})
    problems: list[str] = []
    wanted: dict[str, list[str]] = {}
    for binding_id, keys in user.items():
        if binding_id not in BY_ID:
            problems.append(f"keymap: {binding_id!r} is not a binding id")
            continue
        problem = keys_problem(keys) if isinstance(keys, str) else "not a string of keys"
        if problem:
            default = display_keys(BY_ID[binding_id].keys)
            problems.append(f"keymap: {binding_id}: {keys!r}: {problem}; keeping {default}")
            continue
        wanted[binding_id] = [k.strip() for k in keys.split(",") if k.strip()]
    keys_of = {s.id: wanted.get(s.id) or [k.strip() for k in s.keys.split(",")] for s in KEYMAP}
    defaults = {s.id: {canonical(k) for k in s.keys.split(",")} for s in KEYMAP}
    for binding_id in list(wanted):
        spec = BY_ID[binding_id]
        kept: list[str] = []
        for key in keys_of[binding_id]:
            rival = next(
                (other for other in KEYMAP
                 if other.id != binding_id and _compete(other.scope, spec.scope)
                 and canonical(key) in {canonical(k) for k in keys_of[other.id]}
                 and (canonical(key) in defaults[other.id] or KEYMAP.index(other) < KEYMAP.index(spec))),
                None,
            )
            if rival is None:
                kept.append(key)
                continue
            problems.append(f"keymap: {display_key(key)!r} is bound to both {rival.id} and {binding_id}; "
                            f"{rival.id} keeps it")
        keys_of[binding_id] = kept or [k.strip() for k in spec.keys.split(",")]
        if not kept:
            problems[-1] += f", and {binding_id} stays on {display_keys(spec.keys)}"
    keys = {binding_id: ",".join(found) for binding_id, found in keys_of.items()}
    overrides = {i: k for i, k in keys.items() if i in wanted and k != BY_ID[i].keys}
    return Keymap(keys, overrides, tuple(problems))


def effective_keys(user: Mapping[str, str] | None = None) -> dict[str, str]:
    """Binding id → the keys in force after a user's keymap."""
    return resolve(user).keys


# --- docs/keys.md ---------------------------------------------------------------------------

BEGIN_MARK = "<!-- keymap:begin (generated by so-explorer keys --update docs/keys.md) -->"
END_MARK = "<!-- keymap:end -->"


def markdown_table(user: Mapping[str, str] | None = None, scopes: Iterable[str] | None = None) -> str:
    """The key map as Markdown tables, one per scope (README and docs/keys.md)."""
    keys = effective_keys(user)
    parts: list[str] = []
    for scope in scopes if scopes is not None else SCOPE_TITLES:
        rows = specs(scope)
        if not rows:
            continue
        parts += [f"### {SCOPE_TITLES.get(scope, scope)}\n", "| keys | action | binding id |", "|---|---|---|"]
        for s in rows:
            shown = ", ".join(f"`{display_key(k)}`".replace("|", "\\|") for k in keys[s.id].split(",") if k.strip())
            parts.append(f"| {shown} | {s.help.replace('|', chr(92) + '|')} | `{s.id}` |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def update_document(text: str) -> str:
    """Replace the generated tables between the markers in a Markdown document."""
    start, end = text.index(BEGIN_MARK) + len(BEGIN_MARK), text.index(END_MARK)
    return text[:start] + "\n\n" + markdown_table() + "\n" + text[end:]
