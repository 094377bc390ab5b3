"""The key table as data: ids, defaults, remapping, refusing bad keys, and the docs it writes."""

from __future__ import annotations

import ast

import pytest

from explorer.core.settings import keys as km
from tests.catalogs import ROOT


def test_binding_ids_are_unique_and_kebab_case():
    ids = [s.id for s in km.KEYMAP]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i and "_" not in i for i in ids)


def test_no_binding_is_declared_outside_the_table():
    """Every Textual binding is built from the table by explorer/tui/bindings.py."""
    for path in (ROOT / "explorer").rglob("*.py"):
        if path.name == "bindings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Binding":
                raise AssertionError(f"{path}: a Binding outside the key table")


def test_keyboard_contract_defaults():
    keys = km.effective_keys()
    assert keys["focus-search"] == "slash"
    assert [keys[f"toggle-{k}"] for k in ("cloud", "onsite", "win", "web")] == ["1", "2", "3", "4"]
    assert keys["differences"] == "d" and keys["platforms"] == "p" and keys["help"] == "question_mark"
    assert keys["quit"] == "q,ctrl+q" and keys["command-palette"] == "ctrl+p"
    assert keys["next-match"] == "n" and keys["previous-match"] == "N"
    assert km.resolve({}).problems == ()


def test_escape_never_quits():
    assert all("escape" not in s.keys.split(",") for s in km.KEYMAP if s.action == "quit")


def test_effective_keys_and_conflicts_after_a_remap():
    keys = km.effective_keys({"toggle-cloud": "c", "no-such-id": "x"})
    assert keys["toggle-cloud"] == "c" and "no-such-id" not in keys
    clash = km.resolve({"toggle-cloud": "q"})
    assert clash.keys["quit"] == "q,ctrl+q" and clash.keys["toggle-cloud"] == "1"  # the built-in key wins
    assert clash.problems == (("keymap: 'q' is bound to both quit and toggle-cloud; quit keeps it, "
                               "and toggle-cloud stays on 1"),)
    assert km.resolve({"toggle-cloud": "j"}).keys["cursor-down"] == "down,j"
    assert km.resolve({"chooser-save": "x"}).problems == ()  # dialogs are modal


def test_display_keys():
    assert km.display_keys("q,ctrl+q") == "q / ctrl+q"
    assert km.display_keys("question_mark") == "?"
    assert km.display_keys("shift+up,left_square_bracket") == "shift+↑ / ["


def test_markdown_lists_every_binding():
    text = km.markdown_table()
    for spec in km.KEYMAP:
        assert f"`{spec.id}`" in text
    assert "| `?` | Show the keys, filters and cell marks | `help` |" in text


@pytest.mark.parametrize("document", ["docs/keys.md", "README.md"])
def test_key_tables_in_the_docs_are_up_to_date(document):
    """The docs embed the generated table; regenerate with
    ``so-explorer keys --update <file>``."""
    doc = (ROOT / document).read_text(encoding="utf-8")
    assert km.markdown_table() in doc
