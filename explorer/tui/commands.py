"""The command palette (``ctrl+p``): every action of the app with its key, and platform jumps.

Textual's own commands (theme, keys, screenshot, quit) stay available next to these. Titles
are fixed text; platform names are catalog data and are shown as ``Content`` (never markup),
highlighted with the palette's matcher offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from explorer.core.settings import keys as key_table
from explorer.tui.bindings import keys_in_force


@dataclass(frozen=True)
class PaletteCommand:
    title: str  # plain text; matched against the query
    help: Content
    callback: Callable[[], Any]
    #: Catalog text in the title (never parsed as markup either way).
    data: bool = False


def highlight(matcher: Matcher, title: str) -> Content:
    """``title`` as plain Content with the matched letters styled (no markup parsing)."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if score:
        for offset in offsets:
            if not title[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _state(app: Any, spec: key_table.KeySpec) -> str:
    """A short "now: …" note for toggles, so the palette tells what a command will do."""
    if not spec.toggles:
        return ""
    if spec.toggles == "differences":
        on = bool(getattr(app, "differences", False))
    else:
        filters = getattr(app, "filters", None)
        if filters is None:
            return ""
        on = filters.is_on(spec.toggles)
    return "on" if on else "off"


def app_commands(app: Any) -> Iterator[PaletteCommand]:
    """Every palette command for ``app`` in its current state."""
    keys = keys_in_force(app)
    for spec in key_table.specs("app"):
        if not spec.palette:
            continue
        note = Content.assemble(("key ", "dim"), (key_table.display_keys(keys[spec.id]), "bold"))
        state = _state(app, spec)
        if state:
            note = note + Content.styled(f" · now {state}", "dim")
        yield PaletteCommand(spec.help, note, partial(app.run_action, spec.action))

    catalog = getattr(app, "catalog", None)
    if catalog is not None:
        shown = tuple(getattr(app, "platforms", ()))
        for platform in catalog.platforms:
            if platform.id in shown:
                note = Content.styled(f"pane {shown.index(platform.id) + 1} of {len(shown)}", "dim")
            else:
                note = Content.styled("hidden now: adds its pane at the end", "dim")
            yield PaletteCommand(
                f"Jump to platform: {platform.name}", note, partial(jump_to_platform, app, platform.id), data=True
            )

    if hasattr(app, "save_default_filters"):
        yield PaletteCommand(
            "Save the current filters as the default",
            Content.styled("written to config.yaml; used at the next start", "dim"),
            app.save_default_filters,
        )
        yield PaletteCommand(
            "Save the shown platforms as the default",
            Content.styled("written to config.yaml; used at the next start", "dim"),
            app.save_default_platforms,
        )


def jump_to_platform(app: Any, platform_id: str) -> None:
    """Move the cursor to a platform's pane, showing the pane first if it is hidden."""
    platforms = tuple(app.platforms)
    if platform_id not in platforms:
        app.set_platforms(platforms + (platform_id,))
        platforms = tuple(app.platforms)
    if platform_id not in platforms:
        return
    grid = app.grid
    grid.move_to(grid.cursor_row, grid.cursor_entry, platforms.index(platform_id))
    grid.focus()


class ExplorerCommands(Provider):
    """Lists every action of the explorer, with its key."""

    def _commands(self) -> list[PaletteCommand]:
        return list(app_commands(self.app))

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Content(command.title), command.callback, text=command.title, help=command.help)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, highlight(matcher, command.title), command.callback, text=command.title, help=command.help)  # type: ignore[arg-type]
