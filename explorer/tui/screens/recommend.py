"""The ``w`` Which approach? screen: tick the customer's needs, read the ranked options.

Environment and client start from the main screen's filters and change here with 1–4; each
need is one key (the checklist shows it). Options update as you tick: per need, ranked best
first, with the highlighted option's reasons, requirements and caveats beside them, and an
entry per need listing what was excluded and why. ``enter`` closes the screen with the option
as a :class:`RecommendTarget` (the app moves the grid's cursor there), ``b`` asks the app to
bookmark it (:class:`RecommendScreen.BookmarkRequested`), ``x`` exports the recommendation
report. Every key comes from the key table (scope "recommend"); all text is ``Content``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option as ListOption

from explorer.core.filters import Filters
from explorer.core.model import CLIENTS, ENVIRONMENTS, NEEDS, Catalog
from explorer.core.recommend import (
    NeedResult,
    Option,
    Question,
    Recommendation,
    Recommender,
)
from explorer.tui.bindings import bindings, keys_in_force
from explorer.tui.render import recommend_text as text

#: Below this many columns the need checklist gets narrower.
NARROW = 100


@dataclass(frozen=True)
class RecommendTarget:
    """Where ``enter`` sends the grid: the option's point and platform, for these filters."""

    point_id: str
    platform_id: str
    filters: Filters


class RecommendScreen(ModalScreen["RecommendTarget | None"]):
    CSS_PATH = "recommend.tcss"
    BINDINGS = bindings("recommend")
    AUTO_FOCUS = "#recommend-options"

    class BookmarkRequested(Message):
        """``b``: bookmark (or un-bookmark) a point on a platform in the active shortlist.
        The app does it, then calls :meth:`RecommendScreen.refresh_marks`."""

        def __init__(self, screen: RecommendScreen, point_id: str, platform_id: str) -> None:
            super().__init__()
            self.source = screen
            self.point_id = point_id
            self.platform_id = platform_id

    def __init__(
        self,
        catalog: Catalog,
        filters: Filters | None = None,
        is_bookmarked: Callable[[str, str], bool] | None = None,
        needs: Sequence[str] = (),
    ) -> None:
        super().__init__(id="recommend")
        self.catalog = catalog
        self.recommender = Recommender(catalog)
        filters = filters or Filters()
        self.environments: set[str] = set(filters.environments)
        self.clients: set[str] = set(filters.clients)
        #: The ticked needs, in the order they were ticked.
        self._ticked: list[str] = list(dict.fromkeys(n for n in needs if n in NEEDS))
        self._is_bookmarked = is_bookmarked
        self.recommendation: Recommendation | None = None
        #: What each line of the options list stands for (None for need titles and hints).
        self.entries: list[Option | NeedResult | None] = []
        self._keys: dict[str, str] = {}

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="recommend-box"):
            with Horizontal(id="recommend-body"):
                with Vertical(id="recommend-left"):
                    yield Static(Content.styled("Customer", "bold"), classes="recommend-label")
                    yield Static(Content(""), id="recommend-customer")
                    yield Static(Content.styled("Needs", "bold"), classes="recommend-label")
                    yield OptionList(id="recommend-needs")
                with Vertical(id="recommend-right"):
                    yield OptionList(id="recommend-options")
                    with VerticalScroll(id="recommend-why"):
                        yield Static(Content(""), id="recommend-reasons")
            yield Static(Content(""), id="recommend-keys")

    @property
    def narrow(self) -> bool:
        return self.app.size.width < NARROW

    def on_resize(self, event: events.Resize) -> None:
        if self.has_class("-narrow") != (event.size.width < NARROW):
            self.set_class(event.size.width < NARROW, "-narrow")
            self.refresh_marks()

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self.query_one("#recommend-box").border_title = "Which approach fits this customer?"
        self._keys = keys_in_force(self.app)
        self.query_one("#recommend-keys", Static).update(text.keys_line(self._keys))
        self._fill_needs()
        self.needs_list.highlighted = 0
        self.update_options()

    @property
    def needs_list(self) -> OptionList:
        return self.query_one("#recommend-needs", OptionList)

    def _fill_needs(self) -> None:
        needs = self.needs_list
        highlighted = needs.highlighted
        needs.set_options([ListOption(text.need_prompt(n, self._keys, n in self._ticked), id=n) for n in NEEDS])
        needs.highlighted = highlighted

    @property
    def options_list(self) -> OptionList:
        return self.query_one("#recommend-options", OptionList)

    # --- state ---------------------------------------------------------------------------

    @property
    def needs(self) -> tuple[str, ...]:
        """The ticked needs, in the order they were ticked."""
        return tuple(self._ticked)

    @property
    def filters(self) -> Filters:
        """The customer's environments and clients as filters (none ticked: all)."""
        return Filters.from_lists(sorted(self.environments), sorted(self.clients))

    def question(self) -> Question:
        return Question.make(self.needs, self.environments, self.clients)

    def highlighted(self) -> Option | NeedResult | None:
        index = self.options_list.highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    def highlighted_option(self) -> Option | None:
        entry = self.highlighted()
        return entry if isinstance(entry, Option) else None

    def _bookmarked(self, point_id: str, platform_id: str) -> bool:
        return bool(self._is_bookmarked and self._is_bookmarked(point_id, platform_id))

    # --- showing -------------------------------------------------------------------------

    def update_options(self) -> None:
        """Rank again for the ticked needs, environments and clients; keep the highlight."""
        self.query_one("#recommend-customer", Static).update(
            text.customer_line(self.environments, self.clients, self._keys)
        )
        before = self.highlighted()
        keep = (before.need, before.point.id) if isinstance(before, Option) else None
        self.recommendation = self.recommender.recommend(self.question()) if self.needs else None
        self._fill(keep)

    def _fill(self, keep: tuple[str, str] | None) -> None:
        lines: list[ListOption] = []
        self.entries = []
        for result in self.recommendation.needs if self.recommendation else ():
            lines.append(ListOption(text.need_header(result), disabled=True))
            self.entries.append(None)
            if not result.options:
                lines.append(ListOption(Content.styled("   Nothing fits this need for this customer.", "italic"),
                                        disabled=True))
                self.entries.append(None)
            for option in result.options:
                lines.append(ListOption(text.option_prompt(option, self._bookmarked(*option.target), self.narrow)))
                self.entries.append(option)
            if result.excluded or result.undocumented:
                lines.append(ListOption(text.excluded_prompt(result)))
                self.entries.append(result)
        if not lines:
            lines.append(ListOption(text.empty_prompt(self._keys), disabled=True))
            self.entries.append(None)
        options = self.options_list
        options.set_options(lines)
        target = None
        if keep is not None:
            target = next((i for i, e in enumerate(self.entries)
                           if isinstance(e, Option) and (e.need, e.point.id) == keep), None)
        if target is None:
            target = next((i for i, e in enumerate(self.entries) if e is not None), None)
        options.highlighted = target
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self.highlighted()
        if isinstance(entry, Option):
            detail = text.option_detail(entry, self._bookmarked)
        elif isinstance(entry, NeedResult):
            detail = text.excluded_detail(entry)
        else:
            detail = Content.styled(
                "Options are ranked per need: recommended, then possible, then to avoid; ties go to the approach "
                "offered on more platforms. Requirements marked ☐ are for you to check with the customer.",
                "italic $text-muted",
            )
        self.query_one("#recommend-reasons", Static).update(detail)
        self.query_one("#recommend-why", VerticalScroll).scroll_home(animate=False)

    def refresh_marks(self) -> None:
        """Redraw the ★ marks after the app changed a bookmark."""
        before = self.highlighted()
        self._fill((before.need, before.point.id) if isinstance(before, Option) else None)

    @on(OptionList.OptionSelected, "#recommend-needs")
    def _need_chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_toggle_need(event.option.id or "")

    @on(OptionList.OptionHighlighted, "#recommend-options")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#recommend-options")
    def _selected(self) -> None:
        self.action_jump()

    # --- actions -------------------------------------------------------------------------

    def action_toggle_need(self, need: str) -> None:
        if need not in NEEDS:
            return
        if need in self._ticked:
            self._ticked.remove(need)
        else:
            self._ticked.append(need)
        self._fill_needs()
        self.update_options()

    def action_toggle_customer(self, what: str) -> None:
        if what in ENVIRONMENTS:
            self.environments ^= {what}
        elif what in CLIENTS:
            self.clients ^= {what}
        else:
            return
        self.update_options()

    def action_jump(self) -> None:
        option = self.highlighted_option()
        if option is None:
            self.notify("Highlight an option first (↑ ↓)", markup=False)
            return
        self.dismiss(RecommendTarget(option.point.id, option.platform.id, self.filters))

    def action_bookmark(self) -> None:
        option = self.highlighted_option()
        if option is None:
            self.notify("Highlight an option to bookmark it", markup=False)
            return
        self.post_message(self.BookmarkRequested(self, option.point.id, option.platform.id))

    def action_export(self) -> None:
        if self.recommendation is None:
            self.notify("Tick a need first: there is nothing to export yet", markup=False)
            return
        from explorer.tui.screens.recommend_export import RecommendExportScreen

        self.app.push_screen(RecommendExportScreen(self.catalog, self.recommendation))

    def action_close(self) -> None:
        self.dismiss(None)
