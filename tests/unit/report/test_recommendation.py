"""Recommendation reports: golden files (SOURCE_DATE_EPOCH fixed) and hostile catalog text.

Regenerate the golden files after a deliberate change, then review the diff::

    UPDATE_GOLDEN=1 python -m pytest tests/unit/report/test_recommendation.py
    git diff tests/unit/report/golden/
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.catalog import load_catalog
from explorer.core.recommend import Question, recommend
from explorer.core.report import build_recommendation_report, render_recommendation
from explorer.core.report.markdown import md_text
from explorer.core.report.recommendation import report_dict
from tests.catalogs import SHOP
from tests.unit.report.golden_files import EPOCH, check_golden

HOSTILE = Path(__file__).parent / "fixtures" / "hostile_recommend.yaml"
TITLE = "Acme | Ltd <b>&</b>"
SHOP_CASE = ["--catalog", str(SHOP), "--need", "events", "--need", "data", "--need", "schema",
             "--env", "cloud", "--client", "web", "--title", TITLE]
CASES = {
    "recommend-shop.md": SHOP_CASE,
    "recommend-shop.html": SHOP_CASE,
    "recommend-shop.json": SHOP_CASE,
    "recommend-cloud-web-events-ui.md": ["--need", "events", "--need", "ui", "--env", "cloud", "--client", "web",
                                         "--title", "CRM Online customer: ticket changes and order data"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_recommendation_report(name: str, monkeypatch: pytest.MonkeyPatch, capsysbinary) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code = main(["recommend", *CASES[name], "-o", "-", "-f", name.rsplit(".", 1)[1]])
    out, err = capsysbinary.readouterr()
    assert code == 0, err
    check_golden(name, out, "tests/unit/report/test_recommendation.py")


# --- hostile text ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile():
    catalog = load_catalog([str(HOSTILE)])
    rec = recommend(catalog, Question.make(["events"], ["cloud"], ["web"], has=[]))
    return build_recommendation_report(catalog, rec, "<script>alert('t')</script> | **T**", 0, "2026-11-18T11:06:40Z")


def _cells(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_hostile_markdown_tables_keep_their_shape_and_no_raw_html(hostile) -> None:
    text = render_recommendation(hostile, "md").decode()
    assert not re.search(r"(?<!\\)<(script|img|b>|u>|/)", text), "every < from the catalog is escaped"
    assert "\\[x\\](https://evil.example)" in text, "a link written in catalog text is not a link"
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    for block in re.findall(r"((?:^\|.*\n)+)", text, flags=re.MULTILINE):
        rows = block.splitlines()
        assert {_cells(r) for r in rows} == {_cells(rows[0])}, block
    assert text.startswith(f"# {md_text(hostile.title)}\n")
    assert "Pipe \\| and \\<b\\>tag\\</b\\><br>and a second line" in text


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_html_shows_text_as_text(hostile) -> None:
    page = render_recommendation(hostile, "html").decode()
    parser = _Collect()
    parser.feed(page)
    assert not {"script", "img", "b", "u", "i"} & set(parser.tags)
    assert all(href.startswith("https://") for href in parser.links)
    assert "https://example.com/d?q=|x|&y=<z>" in parser.links
    text = "".join(parser.text)
    assert "<script>alert('t')</script> | **T**" in text
    assert "Web | hooks <img src=x onerror=alert(1)> **bold** [x](https://evil.example)" in text
    assert "Made with so-explorer" in text.split("Excluded, and why")[-1], "the footer comes last"


def test_hostile_json_round_trips(hostile) -> None:
    data = json.loads(render_recommendation(hostile, "json"))
    assert data == json.loads(json.dumps(report_dict(hostile)))
    assert data["title"] == hostile.title
    (option,) = data["options"]
    assert option["point"]["name"].startswith("Web | hooks <img")
    assert option["fit"] == "possible" and option["requires"][0]["state"] == "missing"
    assert data["excluded"][0]["why"] == "onsite only, win client only"
    assert data["footer"]["catalog"]["content_hash"] == hostile.catalog_hash


def test_the_footer_carries_tool_version_and_catalog_hash(hostile) -> None:
    for fmt in ("md", "html"):
        text = render_recommendation(hostile, fmt).decode()
        tail = text[text.rindex("Made with"):]
        assert f"so-explorer {hostile.version}" in tail and hostile.catalog_hash[:16] in tail
        assert "2026-11-18T11:06:40Z" in tail
        assert text.index("Made with") > text.index("Excluded, and why"), "a footer, not a header"
