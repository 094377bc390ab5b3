"""The ``p`` platform chooser: which platforms get a pane, and in which order.

A modal with a checklist of every catalog platform. ``space`` shows or hides the highlighted
one, ``shift+↑``/``shift+↓`` (or ``[``/``]``) move it, ``enter`` applies the choice to this
session, ``s`` applies it and saves it as the default in config.yaml, ``escape`` cancels.
At least one platform must stay shown. The screen dismisses with a :class:`PlatformChoice`
(or ``None`` on cancel); the app applies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from explorer.core.model import Platform
from explorer.core.settings import keys as km
from explorer.tui.bindings import bindings, keys_in_force


@dataclass(frozen=True)
class PlatformChoice:
    """The chooser's result: platform ids to show, in order, and whether to save them."""

    ids: tuple[str, ...]
    save: bool = False


def platform_prompt(platform: Platform) -> Content:
    """One line per platform: the name, then where it runs (dim)."""
    facts = " + ".join(platform.environments) + " · " + " + ".join(platform.clients)
    if platform.since:
        facts += f" · since {platform.since}"
    if platform.warnings:
        lc = platform.warnings[0]
        facts += f" · ⚠ {lc.status}" + (f" from {lc.from_version}" if lc.from_version else "")
    return Content.assemble(Content.styled(platform.name, "bold"), "  ", Content.styled(facts, "dim"))


def initial_order(platforms: Sequence[Platform], shown: Sequence[str]) -> list[tuple[Platform, bool]]:
    """Shown platforms first, in their order; then the hidden ones in catalog order."""
    by_id = {p.id: p for p in platforms}
    first = [(by_id[i], True) for i in shown if i in by_id]
    rest = [(p, False) for p in platforms if p.id not in set(shown)]
    return first + rest


class PlatformScreen(ModalScreen["PlatformChoice | None"]):
    """Choose and order the platforms shown as panes."""

    CSS_PATH = "platforms.tcss"
    BINDINGS = bindings("platforms")
    AUTO_FOCUS = "#chooser-list"

    def __init__(self, platforms: Sequence[Platform], shown: Sequence[str]) -> None:
        super().__init__(id="platforms")
        self._platforms = {p.id: p for p in platforms}
        self._order = initial_order(platforms, shown)

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser"):
            yield Static(Content("Choose the panes and their order."), id="chooser-intro")
            yield SelectionList[str](
                *(Selection(platform_prompt(p), p.id, on) for p, on in self._order), id="chooser-list"
            )
            yield Static(Content(""), id="chooser-message")
            yield Static(self._keys_line(), id="chooser-keys")

    def on_mount(self) -> None:
        chooser = self.query_one("#chooser")
        chooser.border_title = "Platforms"
        self.query_one("#chooser-list", SelectionList).highlighted = 0

    def _keys_line(self) -> Content:
        keys = keys_in_force(self.app if self.is_attached else None)
        parts = []
        for spec in km.specs("platforms"):
            parts.append(Content.assemble((km.display_keys(keys[spec.id]), "bold $accent"), " ", spec.description))
        half = (len(parts) + 1) // 2
        return Content("\n").join([Content("   ").join(parts[:half]), Content("   ").join(parts[half:])])

    # --- state ---------------------------------------------------------------------------

    @property
    def selection(self) -> SelectionList[str]:
        return self.query_one("#chooser-list", SelectionList)

    def order(self) -> list[str]:
        """Every platform id in the list's current order."""
        sl = self.selection
        return [sl.get_option_at_index(i).value for i in range(sl.option_count)]

    def chosen(self) -> tuple[str, ...]:
        """The checked platform ids, in list order."""
        selected = set(self.selection.selected)
        return tuple(i for i in self.order() if i in selected)

    def _say(self, text: str, warn: bool = False) -> None:
        message = self.query_one("#chooser-message", Static)
        message.update(Content(text))
        message.set_class(warn, "-warning")

    # --- actions -------------------------------------------------------------------------

    def action_toggle(self) -> None:
        sl = self.selection
        if sl.highlighted is not None:
            sl.toggle(sl.get_option_at_index(sl.highlighted).value)

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(+1)

    def _move(self, delta: int) -> None:
        sl = self.selection
        index = sl.highlighted
        if index is None:
            return
        target = index + delta
        if not 0 <= target < sl.option_count:
            return
        order = self.order()
        selected = set(sl.selected)
        order[index], order[target] = order[target], order[index]
        sl.clear_options()
        sl.add_options(Selection(platform_prompt(self._platforms[i]), i, i in selected) for i in order)
        sl.highlighted = target
        self._say(f"Moved {self._platforms[order[target]].name} to position {target + 1}.")

    def action_apply(self) -> None:
        self._finish(save=False)

    def action_save(self) -> None:
        self._finish(save=True)

    def _finish(self, save: bool) -> None:
        ids = self.chosen()
        if not ids:
            self._say("Keep at least one platform: check one with space.", warn=True)
            self.app.bell()
            return
        self.dismiss(PlatformChoice(ids, save))

    def action_cancel(self) -> None:
        self.dismiss(None)
