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
from html.parser import HTMLParser

import pytest

from explorer.core.filters import Filters
from explorer.core.model import Catalog, Link
from explorer.core.report import render, report_everything, report_from_view
from explorer.core.report.csv_report import COLUMNS, FORMULA_START, guard, unguard
from explorer.core.report.data import Report
from explorer.core.compare import ComparisonIndex
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
    names = [md_unescape(row[0]) for table in tables[1:] for row in table[2:]]
    assert names == [r.capability.name for r in report.rows]
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
        for url in re.findall(r"\]\(([^)]*)\)", line):
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
                         "br", "code", "a", "ul", "li"}, set(tags)
    header_rows = 8
    assert tags.count("td") == 2 * header_rows + len(report.rows) * (2 + len(catalog.platforms))
    text = "".join(parser.text)
    for value in [p.name for p in catalog.points] + [c.name for c in catalog.capabilities]:
        assert value in text, value


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
        else:
            assert row["status"] in ("not-available", "unknown")
    assert guarded  # the = and - and @ platform names were guarded
    note_row = next(r for r in rows if r["point_id"] == "eq.pipes" and r["platform_id"] == "eq")
    assert "\n" in note_row["note"]


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
    assert eq and all(r["status"] == "not-available" for r in eq)
    assert {r["filtered"] for r in eq if r["capability_id"] == "pipes"} == {"onsite only"}


# --- JSON ------------------------------------------------------------------------------


def test_json_round_trips_to_the_model(catalog: Catalog, report: Report) -> None:
    data = render(report, "json")
    assert "東京".encode() in data and b"\\u" not in data  # ensure_ascii=False
    doc = json.loads(data, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert doc["schema_version"] == 1
    assert doc["generated_at"] == STAMP
    assert doc["catalog"] == {
        "id": catalog.info.id,
        "name": catalog.info.name,
        "version": catalog.info.version,
        "content_hash": catalog.content_hash,
    }
    assert [p["name"] for p in doc["platforms"]] == [p.name for p in catalog.platforms]
    assert [p["summary"] for p in doc["platforms"]] == [p.summary for p in catalog.platforms]
    rows = [row for group in doc["groups"] for row in group["rows"]]
    assert [r["capability"]["name"] for r in rows] == [r.capability.name for r in report.rows]
    statuses = set()
    for row, model_row in zip(rows, report.rows):
        assert row["capability"]["summary"] == model_row.capability.summary
        for cell, model_cell in zip(row["cells"], model_row.cells):
            statuses.add(cell["status"])
            assert cell["status"] == model_cell.status.value
            assert cell["note"] == model_cell.note
            for point, ref in zip(cell["points"], model_cell.points, strict=True):
                assert point["name"] == ref.point.name
                assert point["summary"] == ref.point.summary
                assert point["technologies"] == list(ref.point.technologies)
                assert point["availability"]["note"] == ref.availability.note
                assert point["docs"] == [{"title": d.title, "url": d.url} for d in ref.point.docs]
    assert statuses <= {"available", "partial", "not-available", "unknown"}
    assert statuses >= {"available", "partial", "not-available", "unknown"}


def test_json_key_order_is_fixed(report: Report) -> None:
    doc = json.loads(render(report, "json"))
    assert list(doc)[:3] == ["schema_version", "generator", "generated_at"]
    assert render(report, "json") == render(report, "json")


# --- HTML ------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1", "h2", "h3",
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
    html, parser = parse_html(report)
    tags = [t for t, _ in parser.tags]
    assert set(tags) <= ALLOWED_TAGS, set(tags) - ALLOWED_TAGS
    platforms, rows = len(catalog.platforms), len(report.rows)
    assert tags.count("td") == rows * platforms
    assert tags.count("tr") == 1 + len(report.groups) + rows
    assert tags.count("table") == 1 and tags.count("tbody") == len(report.groups)
    assert tags.count("h1") == 1 and tags.count("title") == 1 and tags.count("style") == 1
    assert tags.count("li") == 4 + sum(len(c.points) for r in report.rows for c in r.cells)
    expected_links = [
        link.url
        for p in catalog.platforms
        for link in [lc.source for lc in p.warnings if lc.source] + list(p.sdks) + list(p.sources)
    ]
    assert [a.get("href") for t, a in parser.tags if t == "a"] == expected_links
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
    assert "](javascript" not in md and "](data" not in md and "[ok](http://e.x/)" in md
