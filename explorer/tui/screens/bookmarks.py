"""The ``B`` bookmarks view: the active shortlist's bookmarks, grouped by platform.

Each entry shows the point, its id, its availability on that platform and the note;
bookmarks whose point left the catalog stay listed, marked "missing from catalog". Keys:
``enter`` jumps to the point in the panes (the view closes), ``e`` edits the note, ``delete``
removes the bookmark (``u`` puts it back, note and all); ``n`` makes a shortlist, ``r`` renames the active one, ``s``/``tab``/``→``
and ``shift+tab``/``←`` switch the active shortlist, ``D`` deletes it (asking first when it holds
bookmarks); ``escape`` (or ``B``) closes. Every change is saved at once.

The list is an ``OptionList`` (platform titles are disabled options); all catalog and user
text goes in as :class:`~textual.content.Content`, never markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explorer.core.bookmarks import (
    MAX_NOTE_CHARS,
    Bookmark,
    BookmarkError,
    Key,
    Resolved,
    clean_name,
    clean_note,
    group_by_platform,
)
from explorer.core.model import Catalog, Status
from explorer.core.settings import keys as key_table
from explorer.tui.bindings import bindings, keys_in_force
from explorer.tui.bookmarks_control import BookmarksControl
from explorer.tui.screens.dialogs import ConfirmDialog, TextDialog

_SHORT_KEYS = {"right": "→", "left": "←", "delete": "del", "escape": "esc", "shift+tab": "⇧tab"}

STATUS_STYLES = {
    Status.AVAILABLE: "$text-success",
    Status.PARTIAL: "$text-warning",
    Status.NOT_AVAILABLE: "$text-error",
    Status.UNKNOWN: "$text-secondary",
}


def entry_prompt(entry: Resolved) -> Content:
    """One bookmark: name and id, availability, note. Plain text in styled pieces."""
    status = entry.status
    style = "$text-error" if status is None else STATUS_STYLES[status]
    parts: list[Content | str | tuple[str, str]] = [
        "  ",
        (entry.point_name, "bold" if not entry.missing else "italic"),
    ]
    if entry.point is not None:
        parts += ["  ", (entry.bookmark.point, "dim")]
    parts += ["  ", (entry.availability_text(), style)]
    if entry.bookmark.note:
        parts += ["  — ", (entry.bookmark.note, "italic")]
    return Content.assemble(*parts)


class BookmarksScreen(ModalScreen["Key | None"]):
    """Browse and manage shortlists; dismisses with a (point, platform) to jump to, or None."""

    CSS_PATH = "bookmarks.tcss"
    BINDINGS = bindings("bookmarks")
    AUTO_FOCUS = "#bookmarks-list"

    class Changed(Message):
        """Bookmarks changed (and were saved): the app redraws its ★ marks and title."""

    def __init__(self, control: BookmarksControl, catalog: Catalog) -> None:
        super().__init__(id="bookmarks")
        self.control = control
        self.store = control.store
        self.catalog = catalog
        #: The entry behind each option of the list (None for platform titles and hints).
        self.entries: list[Resolved | None] = []
        #: The bookmark removed last (its shortlist and the bookmark), for ``u``.
        self._removed: tuple[str, Bookmark] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            yield Static(Content(""), id="bookmarks-tabs")
            yield OptionList(id="bookmarks-list")
            yield Static(Content(""), id="bookmarks-message")
            yield Static(Content(""), id="bookmarks-keys")

    def on_mount(self) -> None:
        self.query_one("#bookmarks-box").border_title = "Bookmarks"
        self.query_one("#bookmarks-keys", Static).update(self._keys_line())
        self.refresh_list()

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#bookmarks-list", OptionList)

    def _keys_line(self) -> Content:
        in_force = keys_in_force(self.app if self.is_attached else None)
        parts = []
        for spec in key_table.specs("bookmarks"):
            keys = in_force[spec.id]
            shown = "/".join(_SHORT_KEYS.get(k.strip(), k.strip()) for k in keys.split(",")[:2])
            parts.append(Content.assemble((shown, "bold $accent"), " ", spec.description))
        return Content("   ").join(parts)

    # -- showing -----------------------------------------------------------------------

    def refresh_list(self, keep: Key | None = None, index: int | None = None) -> None:
        """Rebuild tabs and list; highlight ``keep`` if still there, else near ``index``."""
        active = self.store.active
        tabs: list[Content | str | tuple[str, str]] = ["Shortlists: "]
        for shortlist in self.store.shortlists:
            label = f" {shortlist.name} ({len(shortlist.bookmarks)}) "
            tabs += [(label, "bold reverse $accent") if shortlist.name == active.name else label, " "]
        self.query_one("#bookmarks-tabs", Static).update(Content.assemble(*tabs))
        options: list[Option] = []
        self.entries = []
        for group in group_by_platform(active, self.catalog):
            options.append(Option(Content.styled(group.title, "bold $text-primary"), disabled=True))
            self.entries.append(None)
            for entry in group.entries:
                options.append(Option(entry_prompt(entry)))
                self.entries.append(entry)
        if not options:
            hint = f"No bookmarks in “{active.name}” yet: press b on a point in the panes to add one."
            options.append(Option(Content.styled(hint, "italic $text-muted"), disabled=True))
            self.entries.append(None)
        ol = self.option_list
        ol.set_options(options)
        target = None
        if keep is not None:
            target = next((i for i, e in enumerate(self.entries) if e and e.bookmark.key == keep), None)
        if target is None:
            wanted = index if index is not None else 0
            candidates = [i for i, e in enumerate(self.entries) if e is not None]
            after = [i for i in candidates if i >= wanted]
            target = after[0] if after else (candidates[-1] if candidates else None)
        ol.highlighted = target

    def say(self, text: str, warn: bool = False) -> None:
        message = self.query_one("#bookmarks-message", Static)
        message.update(Content(text))
        message.set_class(warn, "-warning")

    @property
    def current(self) -> Resolved | None:
        index = self.option_list.highlighted
        return self.entries[index] if index is not None and 0 <= index < len(self.entries) else None

    def _changed(self, message: str, keep: Key | None = None, index: int | None = None) -> None:
        self.control.save()
        self.post_message(self.Changed())
        self.refresh_list(keep, index)
        self.say(message)

    # -- bookmarks ---------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        entry = self.current
        if entry is None:
            return
        if entry.missing:
            self.say(f"{entry.bookmark.point} is missing from the catalog: nothing to jump to.", warn=True)
            return
        self.dismiss(entry.bookmark.key)

    def action_remove(self) -> None:
        entry = self.current
        if entry is None:
            return
        index = self.option_list.highlighted
        self._removed = (self.store.active.name, entry.bookmark)
        self.store.remove(*entry.bookmark.key)
        undo = key_table.display_key(keys_in_force(self.app)["bookmarks-undo"].split(",")[0])
        note = " and its note" if entry.bookmark.note else ""
        self._changed(f"Removed {entry.point_name} on {entry.bookmark.platform}{note}. Press {undo} to undo.",
                      index=index)

    def action_undo(self) -> None:
        if self._removed is None:
            self.say("Nothing to undo.")
            return
        shortlist, bookmark = self._removed
        self._removed = None
        if not self.store.has_shortlist(shortlist):
            self.say(f"The shortlist “{shortlist}” is gone; nothing was put back.", warn=True)
            return
        self.store.add(bookmark.point, bookmark.platform, bookmark.note, shortlist=shortlist)
        self._changed(f"Put back {bookmark.point} on {bookmark.platform}.", keep=bookmark.key)

    def action_edit_note(self) -> None:
        entry = self.current
        if entry is None:
            return
        key = entry.bookmark.key

        def done(note: str | None) -> None:
            if note is None:
                return
            try:
                self.store.set_note(*key, note)
            except BookmarkError as exc:  # removed meanwhile
                self.say(str(exc), warn=True)
                return
            self._changed("Note saved." if clean_note(note) else "Note cleared.", keep=key)

        title = f"Note for {entry.point_name} on {entry.bookmark.platform}"
        self.app.push_screen(
            TextDialog(title, entry.bookmark.note, placeholder="a note to keep with the bookmark",
                       max_length=MAX_NOTE_CHARS, check=_note_problem, id="bookmarks-note-dialog"),
            done,
        )

    # -- shortlists --------------------------------------------------------------------

    def _name_problem(self, value: str, current: str | None = None) -> str | None:
        try:
            name = clean_name(value)
        except ValueError as exc:
            return str(exc)
        taken = self.store.document.shortlist(name)
        if taken is not None and (current is None or taken.name.casefold() != current.casefold()):
            return f"a shortlist called “{taken.name}” already exists"
        return None

    def action_new_shortlist(self) -> None:
        def done(name: str | None) -> None:
            if name is None:
                return
            made = self.store.create_shortlist(name)
            self.store.switch_shortlist(made)
            self._changed(f"Made shortlist “{made}”; b in the panes now adds to it.")

        self.app.push_screen(
            TextDialog("New shortlist", placeholder="name", check=self._name_problem, id="bookmarks-new-dialog"),
            done,
        )

    def action_rename_shortlist(self) -> None:
        old = self.store.active.name

        def done(name: str | None) -> None:
            if name is None:
                return
            new = self.store.rename_shortlist(old, name)
            self._changed(f"Renamed “{old}” to “{new}”.")

        self.app.push_screen(
            TextDialog(f"Rename shortlist “{old}”", old, check=lambda v: self._name_problem(v, old),
                       id="bookmarks-rename-dialog"),
            done,
        )

    def _switch(self, step: int) -> None:
        names = self.store.names
        if len(names) < 2:
            self.say("There is only one shortlist: press n to make another.")
            return
        index = names.index(self.store.active.name)
        target = self.store.switch_shortlist(names[(index + step) % len(names)])
        self._changed(f"Active shortlist: “{target.name}”.")

    def action_next_shortlist(self) -> None:
        self._switch(1)

    def action_previous_shortlist(self) -> None:
        self._switch(-1)

    def action_delete_shortlist(self) -> None:
        target = self.store.active
        count = len(target.bookmarks)

        def done(yes: bool | None) -> None:
            if not yes:
                self.say("Nothing was deleted.")
                return
            self.store.delete_shortlist(target.name)
            self._changed(f"Deleted shortlist “{target.name}”; active now: “{self.store.active.name}”.")

        if count == 0:
            done(True)
            return
        amount = f"{count} bookmark{'s' if count != 1 else ''}"
        self.app.push_screen(
            ConfirmDialog(f"Delete shortlist “{target.name}” and its {amount}?", "delete", "keep",
                          id="bookmarks-confirm-dialog"),
            done,
        )

    def action_close(self) -> None:
        self.dismiss(None)


def _note_problem(value: str) -> str | None:
    try:
        clean_note(value)
    except ValueError as exc:
        return str(exc)
    return None
