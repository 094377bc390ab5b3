"""What the Which approach? screen shows, as :class:`~textual.content.Content` (never markup):
the customer line, the need checklist's prompts, the ranked options and their reasons."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from textual.content import Content

from explorer.core.model import CLIENTS, ENVIRONMENTS, NEEDS
from explorer.core.recommend import CHECK, FIT_SYMBOLS, MET, NeedResult, Option
from explorer.core.recommend.words import requirement_state
from explorer.core.settings import keys as km

FIT_STYLES = {
    "recommended": "bold $text-success",
    "possible": "bold $text-warning",
    "avoid": "bold $text-error",
    "excluded": "$text-error",
}
EFFECT_MARKS = {"+": ("✓", "$text-success"), "-": ("✗", "$text-error"), "": ("·", "dim")}
STATE_MARKS = {MET: ("✓", "$text-success"), "missing": ("✗", "$text-error"), CHECK: ("☐", "$text-warning")}
RUNS_SHORT = {"our-server": "your server", "superoffice": "SuperOffice", "client": "client"}
CUSTOMER_KEYS = {"cloud": "recommend-cloud", "onsite": "recommend-onsite", "win": "recommend-win",
                 "web": "recommend-web"}


def first_key(keys: Mapping[str, str], binding_id: str) -> str:
    return km.display_key(keys[binding_id].split(",")[0])


def customer_line(environments: Iterable[str], clients: Iterable[str], keys: Mapping[str, str]) -> Content:
    """"1 ☑ cloud   2 ☐ onsite" over "3 ☐ win     4 ☑ web", with the keys in force."""
    on = set(environments) | set(clients)
    lines = []
    for group in (ENVIRONMENTS, CLIENTS):
        parts: list[Content | str | tuple[str, str]] = []
        for what in group:
            ticked = what in on
            parts += [(first_key(keys, CUSTOMER_KEYS[what]), "bold $accent"), " ",
                      ("☑ " if ticked else "☐ ", "bold $text-success" if ticked else "dim"),
                      (f"{what:<8}", "" if ticked else "dim"), " "]
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def need_prompt(need: str, keys: Mapping[str, str], ticked: bool = False) -> Content:
    """A checklist entry: ☑ or ☐, the need's key, then its plain-language label."""
    return Content.assemble(
        ("☑ " if ticked else "☐ ", "bold $text-success" if ticked else "dim"),
        (first_key(keys, f"need-{need}"), "bold $accent"), " ", (NEEDS[need], "bold" if ticked else ""),
    )


def need_header(result: NeedResult) -> Content:
    counts = f"  {len(result.options)} option{'s' if len(result.options) != 1 else ''}"
    return Content.assemble((result.label[:1].upper() + result.label[1:], "bold $text-primary"),
                            (f" ({result.need})", "dim"), (counts, "dim"))


def runs_text(option: Option) -> str:
    parts = [RUNS_SHORT.get(option.traits.runs_on, option.traits.runs_on) or "runs: not said"]
    if option.traits.delivery:
        parts.append(option.traits.delivery)
    return " · ".join(parts)


def option_prompt(option: Option, bookmarked: bool = False, compact: bool = False) -> Content:
    """" 1 ★ recommended  Webhooks · CRM Online · your server · push" (compact: no fit word)."""
    fit = FIT_SYMBOLS[option.fit] if compact else f"{FIT_SYMBOLS[option.fit]} {option.fit:<11}"
    return Content.assemble(
        f"{option.rank:>2} ",
        (fit, FIT_STYLES[option.fit]), " ",
        (option.point.name, "bold"),
        ("★" if compact else "  ★ bookmarked", "$accent") if bookmarked else "",
        (f" · {option.platform.short_name} · {runs_text(option)}", "dim"),
    )


def excluded_prompt(result: NeedResult) -> Content:
    text = f"   ✗ {len(result.excluded)} excluded"
    if result.undocumented:
        text += f", ? {len(result.undocumented)} not documented"
    return Content.styled(text + ": why", "dim")


def empty_prompt(keys: Mapping[str, str]) -> Content:
    shown = ", ".join(f"{first_key(keys, f'need-{n}')} {n}" for n in NEEDS)
    return Content.styled(f"Tick the customer's needs: {shown}.", "italic $text-muted")


def _line(mark: tuple[str, str], text: str) -> Content:
    return Content.assemble("  ", mark, " ", text)


def option_detail(option: Option, bookmarked: Callable[[str, str], bool] | None = None) -> Content:
    """Everything about one option: fit, reasons, requirements, caveats, docs."""
    also = ", ".join(p.platform.short_name for p in option.also_on)
    lines = [
        Content.assemble((option.point.name, "bold"), "  ",
                         (f"{FIT_SYMBOLS[option.fit]} {option.fit}", FIT_STYLES[option.fit])),
        Content.styled(f"{option.capability.name} · {option.platform.name}" + (f" · also {also}" if also else ""),
                       "dim"),
    ]
    if bookmarked is not None and bookmarked(option.point.id, option.platform.id):
        lines.append(Content.styled("★ in the active shortlist", "$accent"))
    for reason in option.reasons:
        if reason.topic != "requires":
            lines.append(_line(EFFECT_MARKS[reason.effect], reason.text))
    for check in option.requires:
        where = f" ({check.where})" if check.where else ""
        lines.append(_line(STATE_MARKS[check.state],
                           f"needs {check.text}{where}: {requirement_state(check.state, check.kind)}"))
    if not option.requires:
        lines.append(_line(EFFECT_MARKS[""], "the catalog lists no licence, plan or right for it here"))
    lines += [_line(("⚠", "$text-warning"), caveat) for caveat in option.caveats]
    lines += [_line(("→", "$accent"), f"{doc.title}: {doc.url}") for doc in option.point.docs]
    return Content("\n").join(lines)


def excluded_detail(result: NeedResult) -> Content:
    """The excluded points of a need, each with why, and what is not documented."""
    lines = [Content.styled(f"Excluded for “{result.label}”: cannot work for this customer", "bold")]
    lines += [_line(("✗", "$text-error"), f"{e.point.name} ({e.platform.short_name}): {e.why}")
              for e in result.excluded]
    if not result.excluded:
        lines.append(Content.styled("  nothing", "dim"))
    if result.undocumented:
        lines.append(Content.styled("Not documented either way (neither ruled in nor out)", "bold"))
        lines += [_line(("?", "$text-secondary"), f"{u.capability.name} ({u.platform.short_name})"
                        + (f": {u.note}" if u.note else "")) for u in result.undocumented]
    return Content("\n").join(lines)


def keys_line(keys: Mapping[str, str]) -> Content:
    """The screen's own keys (not the need keys, which the checklist shows)."""
    parts = []
    for binding_id in ("recommend-jump", "recommend-bookmark", "recommend-export", "recommend-close"):
        spec = km.BY_ID[binding_id]
        parts.append(Content.assemble((first_key(keys, binding_id), "bold $accent"), " ", spec.description))
    parts.append(Content.styled("tab needs ⇄ options", "dim"))
    return Content("   ").join(parts)
