"""Every format against the hostile fixture: values come back exactly, never as markup.

tests/fixtures/hostile_report.yaml holds |, backticks, LF and CRLF, quotes, commas,
<script>, &, leading = and -, Zürich, 東京 and emoji. The loader cleans catalog text (CRLF
becomes LF; single-line fields fold line breaks to spaces), so the checks compare with the
loaded model values.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser

import pytest

from explorer.core.compare import ComparisonIndex
from explorer.core.filters import Filters
from explorer.core.model import Catalog, Link
from explorer.core.report import render, report_everything, report_from_view
from explorer.core.report.csv_report import COLUMNS, FORMULA_START, guard, unguard
from explorer.core.report.data import Report
from explorer.core.report.markdown import md_text
from explorer.core.view import ViewBuilder, ViewSpec
from tests.catalogs import load_fixture

STAMP = "2026-11-27T12:00:00Z"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_fixture("hostile_report.yaml")


@pytest.fixture(scope="module")
def report(catalog: Catalog) -> Report:
    return report_everything(catalog, timestamp=STAMP)


def test_fixture_really_is_hostile(catalog: Catalog) -> None:
    text = " ".join(
        [catalog.info.name]
        + [p.name for p in catalog.points]
        + [p.summary for p in catalog.points]
        + [av.note for p in catalog.points for av in p.availability]
        + [p.name for p in catalog.platforms]
        + [p.summary for p in catalog.platforms]
        + [c.name for c in catalog.capabilities]
        + [c for p in catalog.points for c in p.caveats]
        + [r.name for r in catalog.requirements]
        + [ref.note for p in catalog.points for ref in p.requires]
        + [lc.summary for c in catalog.capabilities for lc in c.lifecycle]
    )
    for needle in ("|", "`", "\n", '"', ",", "<script>", "&", "Zürich", "東京", "🚀", "\\"):
        assert needle in text, needle
    assert any(p.name.startswith("=") for p in catalog.platforms)
    assert any(p.name.startswith("-") for p in catalog.platforms)
    assert "\r" not in text  # CRLF became LF in the loader


# --- Markdown --------------------------------------------------------------------------


def split_row(line: str) -> list[str]:
    """Split a GFM table row the way cmark-gfm does: ``\\x`` is one escaped pair."""
    assert line.startswith("| ") and line.endswith(" |"), line
    cells, current, i, body = [], "", 0, line[1:-1]
    while i < len(body):
        char = body[i]
        if char == "\\":
            current += body[i : i + 2]
            i += 2
            continue
        if char == "|":
            cells.append(current)
            current = ""
        else:
            current += char
        i += 1
    cells.append(current)
    return [c.strip() for c in cells]


def md_unescape(cell: str) -> str:
    out, i = [], 0
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell):
            out.append(cell[i + 1])
            i += 2
        elif cell.startswith("<br>", i):
            out.append("\n")
            i += 4
        else:
            out.append(cell[i])
            i += 1
    return "".join(out)


def md_tables(text: str) -> list[list[list[str]]]:
    tables, current = [], []
    for line in text.split("\n"):
        if line.startswith("|"):
            current.append(split_row(line))
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def test_markdown_tables_keep_their_cell_count(catalog: Catalog, report: Report) -> None:
    text = render(report, "md").decode("utf-8")
    tables = md_tables(text)
    assert len(tables) == 1 + len(report.groups)  # header table + one per outcome group
    for table in tables:
        width = len(table[0])
        assert all(len(row) == width for row in table), table
        assert set(table[1]) == {":---"}
    matrix_width = 2 + len(catalog.platforms)
    assert all(len(t[0]) == matrix_width for t in tables[1:])


def test_markdown_values_round_trip(catalog: Catalog, report: Report) -> None:
    text = render(report, "md").decode("utf-8")
    tables = md_tables(text)
    names = [md_unescape(row[0].split("<br>")[0]) for table in tables[1:] for row in table[2:]]
    assert names == [r.capability.name for r in report.rows]
    script = next(row[0] for table in tables[1:] for row in table[2:] if "script" in row[0])
    assert md_unescape(script).split("\n")[1] == "⚠ phase-out started =2023, removal at <13>"
    heads = [md_unescape(c) for c in tables[1][0][2:]]
    assert heads == [p.short_name for p in catalog.platforms]
    pipes = tables[1][2]  # the "pipes" row: every line break of a note is a <br>
    note = catalog.point("eq.pipes").on("eq").note
    assert "\n" in note and note in md_unescape(pipes[2])


def test_markdown_has_no_live_markup_from_data(report: Report) -> None:
    text = render(report, "md").decode("utf-8")
    assert not re.search(r"(?<!\\)<(?!br>)", text), "unescaped < from data"
    assert not re.search(r"(?<!\\)&", text.replace("&b=2", "").replace("&r=2", "")), "unescaped &"
    for line in text.split("\n"):  # links only where we made them: [escaped text](encoded url)
        for url in re.findall(r"(?<!\\)\]\(([^)]*)\)", line):
            assert url.startswith("https://") and not re.search(r"[\s()<>|\"`]", url), url
    assert "\r" not in text


@pytest.mark.skipif(shutil.which("cmark-gfm") is None, reason="cmark-gfm is not installed")
def test_markdown_through_the_real_gfm_parser(catalog: Catalog, report: Report) -> None:
    """cmark-gfm (with raw HTML allowed) makes only the elements we wrote, never data's."""
    html = subprocess.run(
        ["cmark-gfm", "-e", "table", "--unsafe"], input=render(report, "md"), capture_output=True, check=True
    ).stdout.decode("utf-8")
    parser = Collector()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert set(tags) <= {"h1", "h2", "h3", "p", "strong", "table", "thead", "tbody", "tr", "th", "td",
                         "br", "code", "a", "ul", "li", "hr"}, set(tags)
    assert tags.count("hr") == 1  # the footer's rule, and no other
    header_rows = 7
    assert tags.count("td") == 2 * header_rows + len(report.rows) * (2 + len(catalog.platforms))
    text = "".join(parser.text)
    for value in [p.name for p in catalog.points] + [c.name for c in catalog.capabilities]:
        assert value in text, value
    for caveat in catalog.point("eq.pipes").caveats:  # line breaks become <br>, text stays text
        assert caveat.replace("\n", "") in text, caveat
    hrefs = [a["href"] for t, a in parser.tags if t == "a"]
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs


# --- CSV -------------------------------------------------------------------------------


def csv_rows(report: Report) -> list[dict[str, str]]:
    data = render(report, "csv")
    assert b"\r\r\n" not in data
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert all(len(r) == len(COLUMNS) for r in rows)
    return [dict(zip(COLUMNS, r)) for r in rows[1:]]


def check_guarded(raw: str, value: str) -> None:
    if value.startswith(FORMULA_START):
        assert raw == "'" + value
    else:
        assert raw == value
    assert unguard(raw) == value


def test_csv_values_round_trip_exactly(catalog: Catalog, report: Report) -> None:
    rows = csv_rows(report)
    expected = sum(max(1, len(c.points)) for r in report.rows for c in r.cells)
    assert len(rows) == expected
    guarded = 0
    for row in rows:
        cap = catalog.capability(row["capability_id"])
        platform = catalog.platform(row["platform_id"])
        check_guarded(row["capability"], cap.name)
        check_guarded(row["platform"], platform.name)
        guarded += row["platform"].startswith("'")
        if row["point_id"]:
            point = catalog.point(row["point_id"])
            av = point.on(row["platform_id"])
            check_guarded(row["point"], point.name)
            check_guarded(row["note"], av.note)
            check_guarded(row["technologies"], "; ".join(point.technologies))
            assert row["status"] == av.status.value
            assert row["environments"] == "; ".join(av.environments)
            assert row["doc_url"] == (point.doc_url or "")
            check_guarded(row["caveats"], "\n".join(c.replace("\n", " ") for c in point.caveats))
            check_guarded(row["lifecycle"], "\n".join(lc.label() for lc in point.lifecycle if lc.warns))
        else:
            assert row["status"] in ("not-available", "unknown", "filtered")
        check_guarded(row["capability_lifecycle"], "\n".join(lc.label() for lc in cap.lifecycle if lc.warns))
    assert guarded  # the = and - and @ platform names were guarded
    note_row = next(r for r in rows if r["point_id"] == "eq.pipes" and r["platform_id"] == "eq")
    assert "\n" in note_row["note"]
    assert note_row["caveats"].startswith("'=cmd|")  # guarded: the first caveat starts with =
    assert note_row["caveats"].count("\n") == 1  # two caveats, one per line
    # eq is onsite: the onsite requirement applies there; the tokyo-only one does not
    requires = note_row["requires"]
    assert requires == "'=Licence <b>bold</b> | `tick` & co or -Minimum version | <v> — onsite only: <i>note</i> | pipe next line"
    tokyo = next(r for r in rows if r["point_id"] == "eq.pipes" and r["platform_id"] == "tokyo")
    assert "-Minimum version | <v> — version <10> | x or later — on 東京 🚀" in tokyo["requires"].split("\n")


def test_csv_formula_guard() -> None:
    for risky in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\0x"):
        assert guard(risky) == "'" + risky
        assert unguard(guard(risky)) == risky
    for safe in ("1", "a=b", "'quoted", "", " =x"):
        assert guard(safe) == safe
        assert unguard(safe) == safe


def test_csv_filtered_rows_name_the_reason(catalog: Catalog) -> None:
    platforms = catalog.platform_ids
    filters = Filters.from_lists(["cloud"], None)
    view = ViewBuilder(ComparisonIndex(catalog), platforms, filters).build(ViewSpec(platforms, filters))
    rows = csv_rows(report_from_view(catalog, view, STAMP))
    eq = [r for r in rows if r["platform_id"] == "eq"]
    pipes = [r for r in eq if r["capability_id"] == "pipes"]
    assert pipes and all(r["status"] == "filtered" for r in pipes)  # never "not-available"
    assert {r["filtered_reason"] for r in pipes} == {"onsite only"}
    quotes = next(r for r in eq if r["capability_id"] == "quotes")  # eq says it has no such point
    assert quotes["status"] == "not-available" and quotes["filtered_reason"] == ""


# --- JSON ------------------------------------------------------------------------------


def test_json_round_trips_to_the_model(catalog: Catalog, report: Report) -> None:
    data = render(report, "json")
    assert "東京".encode() in data and b"\\u" not in data  # ensure_ascii=False
    doc = json.loads(data, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert doc["schema_version"] == 2
    assert doc["generated_at"] == STAMP
    assert doc["title"] == f"Integration comparison: {catalog.info.name}"
    assert doc["catalog"] == {
        "id": catalog.info.id,
        "name": catalog.info.name,
        "version": catalog.info.version,
        "checked": "2026-12-02",
        "content_hash": catalog.content_hash,
    }
    assert [p["name"] for p in doc["platforms"]] == [p.name for p in catalog.platforms]
    assert [p["summary"] for p in doc["platforms"]] == [p.summary for p in catalog.platforms]
    rows = [row for group in doc["groups"] for row in group["rows"]]
    assert [r["capability"]["name"] for r in rows] == [r.capability.name for r in report.rows]
    statuses = set()
    for row, model_row in zip(rows, report.rows):
        assert row["capability"]["summary"] == model_row.capability.summary
        assert row["capability"]["warnings"] == [lc.label() for lc in model_row.warnings]
        for cell, model_cell in zip(row["cells"], model_row.cells):
            statuses.add(cell["status"])
            assert cell["status"] == model_cell.key
            assert cell["note"] == model_cell.note
            for point, ref in zip(cell["points"], model_cell.points, strict=True):
                assert point["name"] == ref.point.name
                assert point["summary"] == ref.point.summary
                assert point["technologies"] == list(ref.point.technologies)
                assert point["availability"]["note"] == ref.availability.note
                assert point["docs"] == [{"title": d.title, "url": d.url} for d in ref.point.docs]
                assert point["caveats"] == list(ref.point.caveats)
                assert [r["text"] for r in point["requires"]] == [r.text for r in ref.requires]
                assert point["warnings"] == [lc.label() for lc in ref.warnings]
    assert statuses <= {"available", "partial", "filtered", "not-available", "unknown"}
    assert statuses >= {"available", "partial", "not-available", "unknown"}
    pipes = next(r for r in rows if r["capability"]["id"] == "pipes")
    eq = next(p for c in pipes["cells"] if c["platform"] == "eq" for p in c["points"])
    assert eq["caveats"][0] == "=cmd|' /C calc'!A0 <script>alert(3)</script>"
    assert eq["requires"][0]["names"] == ["=Licence <b>bold</b> | `tick` & co", "-Minimum version | <v>"]
    assert eq["requires"][0]["ids"] == ["lic", "ver"] and eq["requires"][0]["environments"] == ["onsite"]


def test_json_filtered_cells_have_their_own_status(catalog: Catalog) -> None:
    platforms = catalog.platform_ids
    filters = Filters.from_lists(["cloud"], None)
    view = ViewBuilder(ComparisonIndex(catalog), platforms, filters).build(ViewSpec(platforms, filters))
    doc = json.loads(render(report_from_view(catalog, view, STAMP), "json"))
    cells = [c for g in doc["groups"] for r in g["rows"] for c in r["cells"] if c["platform"] == "eq"]
    filtered = [c for c in cells if c["filtered"]]
    assert filtered and all(c["status"] == "filtered" and c["filtered_reason"] == "onsite only" for c in filtered)
    assert all(c["status"] != "filtered" for c in cells if not c["filtered"])
    assert {"status": "filtered", "symbol": "–", "word": "filtered"}.items() <= doc["legend"][2].items()
    assert [(p["id"], p["compared"]) for p in doc["platforms"]] == [("eq", False), ("tokyo", True), ("amp", True)]


def test_json_key_order_is_fixed(report: Report) -> None:
    doc = json.loads(render(report, "json"))
    assert list(doc)[:3] == ["schema_version", "generator", "generated_at"]
    assert render(report, "json") == render(report, "json")


# --- HTML ------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2", "h3",
    "dl", "dt", "dd", "ul", "li", "span", "code", "time", "a", "p",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def parse_html(report: Report) -> tuple[str, Collector]:
    html = render(report, "html").decode("utf-8")
    parser = Collector()
    parser.feed(html)
    parser.close()
    return html, parser


def test_html_has_no_element_from_data(catalog: Catalog, report: Report) -> None:
    _html, parser = parse_html(report)
    tags = [t for t, _ in parser.tags]
    assert set(tags) <= ALLOWED_TAGS, set(tags) - ALLOWED_TAGS
    platforms, rows = len(catalog.platforms), len(report.rows)
    assert tags.count("td") == rows * platforms
    assert tags.count("tr") == 1 + len(report.groups) + rows
    assert tags.count("table") == 1 and tags.count("tbody") == len(report.groups)
    assert tags.count("h1") == 1 and tags.count("title") == 1 and tags.count("style") == 1
    listed = [n for n in report.notes if n.has_notes or n.warnings or n.capability_warnings]
    note_items = sum(
        bool(n.capability) + bool(n.platforms) + len(n.warnings) + len(n.capability_warnings)
        + len(n.caveats) + len(n.requires)
        for n in listed
    )
    assert tags.count("li") == 7 + sum(len(c.points) for r in report.rows for c in r.cells) + note_items
    expected_links = [
        link.url
        for p in catalog.platforms
        for link in [lc.source for lc in p.warnings if lc.source] + list(p.sdks) + list(p.sources)
    ]
    hrefs = [a.get("href") for t, a in parser.tags if t == "a"]
    assert [h for h in hrefs if not h.startswith("#")][-len(expected_links):] == expected_links
    anchors = {a["id"] for t, a in parser.tags if t == "section" and "id" in a}
    assert {h for h in hrefs if h.startswith("#")} <= {f"#{a}" for a in anchors}  # every † reaches its notes
    assert "#point-eq.pipes" in hrefs
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)


def test_html_text_is_the_model_text(catalog: Catalog, report: Report) -> None:
    _, parser = parse_html(report)
    text = "".join(parser.text)
    for value in [catalog.info.name] + [p.name for p in catalog.points] + [c.name for c in catalog.capabilities]:
        assert value in text, value
    assert catalog.point("eq.pipes").on("eq").note in text  # line breaks kept (CSS pre-line)


def test_html_is_self_contained(report: Report) -> None:
    html, parser = parse_html(report)
    assert html.startswith("<!doctype html>\n")
    assert ("meta", {"charset": "utf-8"}) in parser.tags
    lower = html.lower()
    assert "<script" not in lower and "<link" not in lower and "<img" not in lower
    assert "@import" not in lower and "url(" not in lower and "src=" not in lower.replace("src=x", "")
    assert "@media print" in html
    for tag, attrs in parser.tags:
        if tag == "th":
            assert attrs.get("scope") in ("col", "row", "rowgroup")
    assert "<caption>" in html and "<thead>" in html


def test_only_http_links_become_links(catalog: Catalog) -> None:
    platform = dataclasses.replace(
        catalog.platforms[0],
        sdks=(Link("bad", "javascript:alert(1)"), Link("data", "data:text/html,<b>x</b>"), Link("ok", "http://e.x/")),
    )
    hacked = Catalog(catalog.info, (platform,) + catalog.platforms[1:], catalog.capabilities, catalog.points, "0" * 64)
    report = report_everything(hacked, timestamp=STAMP)
    _, parser = parse_html(report)
    hrefs = [a["href"] for t, a in parser.tags if t == "a"]
    assert "http://e.x/" in hrefs
    assert not any(h.startswith(("javascript:", "data:")) for h in hrefs)
    assert "javascript:alert(1)" in "".join(parser.text)
    md = render(report, "md").decode()
    assert not re.search(r"(?<!\\)\]\((javascript|data)", md) and "[ok](http://e.x/)" in md


# --- every format: filtered cells, title, footer (issue 13 items 5 and 19) --------------------

HOSTILE_TITLE = "=Acme <script>alert(1)</script> | `x` & Zürich 🚀 [a](javascript:alert(2))"


def cloud_report(catalog: Catalog, title: str = "") -> Report:
    platforms = catalog.platform_ids
    filters = Filters.from_lists(["cloud"], None)
    view = ViewBuilder(ComparisonIndex(catalog), platforms, filters).build(ViewSpec(platforms, filters))
    return report_from_view(catalog, view, STAMP, title)


def test_filtered_cells_read_as_in_the_app_in_markdown_and_html(catalog: Catalog) -> None:
    report = cloud_report(catalog)
    filtered = [c for r in report.rows for c in r.cells if c.filtered]
    assert filtered and {c.filtered_reason for c in filtered} == {"onsite only"}
    tables = md_tables(render(report, "md").decode())
    eq_cells = [md_unescape(row[2]) for table in tables[1:] for row in table[2:]]
    assert "– filtered (onsite only)" in eq_cells
    assert all(not c.startswith("✗") for c in eq_cells if "filtered" in c)
    html, parser = parse_html(report)
    classes = [a.get("class") for t, a in parser.tags if t == "td"]
    assert classes.count("s-filtered") == len(filtered)
    assert '<span class="badge s-filtered">– filtered (onsite only)</span>' in html
    assert "filtered" not in "".join(  # a filtered cell is never drawn in the red of "not available"
        html[m.start(): html.index("</td>", m.start())] for m in re.finditer('<td class="s-not-available">', html)
    )
    assert ".badge.s-filtered" in html and "--filtered" in html  # grey, its own colours


def test_title_is_the_heading_and_plain_text_in_every_format(catalog: Catalog) -> None:
    report = cloud_report(catalog, HOSTILE_TITLE)
    md = render(report, "md").decode()
    assert md.split("\n")[0] == "# " + md_text(HOSTILE_TITLE)
    assert md_unescape(md.split("\n")[0][2:]) == HOSTILE_TITLE
    html, _parser = parse_html(report)
    assert "<script" not in html.lower()
    heading = html[html.index("<h1>") + 4: html.index("</h1>")]
    assert unescape(heading) == HOSTILE_TITLE and "<" not in heading
    assert f"<title>{heading}</title>" in html
    assert json.loads(render(report, "json"))["title"] == HOSTILE_TITLE
    assert HOSTILE_TITLE not in render(report, "csv").decode()  # CSV is one table, no heading


def test_tool_version_and_hash_are_in_a_footer_not_the_header(catalog: Catalog) -> None:
    report = cloud_report(catalog)
    short = report.header.short_hash
    md = render(report, "md").decode()
    head, _, foot = md.partition("\n---\n")
    assert short not in head and "so-explorer" not in head
    assert f"so-explorer {report.header.version}" in foot and short in foot
    assert md_text(report.header.catalog_text) in head and "facts checked 2026-12-02" in head
    html, _ = parse_html(report)
    header = html[html.index("<header>"): html.index("</header>")]
    footer = html[html.index("<footer>"): html.index("</footer>")]
    assert short not in header and "so-explorer" not in header
    assert short in footer and f"so-explorer {report.header.version}" in footer
    assert html.index("</main>") < html.index("<footer>")


def test_caveats_and_requirements_are_listed_once_per_point(catalog: Catalog, report: Report) -> None:
    md = render(report, "md").decode()
    notes = md[md.index("## Caveats, requirements and lifecycle"): md.index("## Platforms")]
    assert notes.count("### ") == len([n for n in report.notes if n.has_notes or n.warnings or n.capability_warnings])
    point = catalog.point("eq.pipes")
    for caveat in point.caveats:
        assert f"- Caveat: {md_text(caveat)}" in notes
    assert "- Requires: " + md_text("=Licence <b>bold</b> | `tick` & co or -Minimum version | <v> — onsite only: ") in notes
    assert "⚠ Lifecycle: " + md_text("deprecated from <9>: <img src=x onerror=alert(6)> | gone") in notes
    _html, parser = parse_html(report)
    text = "".join(parser.text)
    assert all(c in text for c in point.caveats)
    assert "Why <b>" in text and "<10> | x" in text
