"""Loader, safe YAML and validation: good catalogs load, bad ones are refused with positions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer.core.catalog import (
    BUNDLED,
    CatalogError,
    bundled_catalog_dir,
    load_catalog,
)
from explorer.core.model import Status
from explorer.core.util.yamlsafe import YamlProblem, parse_bytes
from tests.catalogs import FIXTURES

HERE = Path(__file__).parent / "fixtures"
BAD = HERE / "bad"
MINI = FIXTURES / "mini.yaml"


def problems_of(path: Path, **kwargs) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog([path], **kwargs)
    return [str(p) for p in info.value.problems]


def test_mini_catalog_loads_with_defaults_filled_in():
    catalog = load_catalog([MINI])
    assert catalog.platform_ids == ("alpha", "beta", "gamma")
    assert catalog.info.name == "Mini test catalog"
    soap = catalog.point("gamma.soap")
    av = soap.on("gamma")
    assert av.status is Status.PARTIAL
    assert av.environments == ("onsite",)  # narrower than the platform
    assert av.clients == ("win", "web")  # defaulted from the platform
    assert soap.lifecycle[0].removal == "13"
    assert len(catalog.content_hash) == 64


def test_bundled_catalog_is_found_and_valid():
    assert (bundled_catalog_dir() / "schema.json").is_file()
    catalog = load_catalog([BUNDLED])
    assert len(catalog.platforms) == 5
    assert load_catalog(None).content_hash == catalog.content_hash


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("billion_laughs.yaml", "alias bomb"),
        ("not_utf8.yaml", "not UTF-8"),
        ("empty.yaml", "file is empty"),
        ("only_comment.yaml", "file is empty"),
        ("list_for_mapping.yaml", "catalog: expected a mapping, got a list"),
        ("string_for_list.yaml", "environments: expected a list, got a string"),
        ("python_tag.yaml", "is not allowed"),
        ("syntax_error.yaml", "YAML syntax"),
        ("top_level_list.yaml", "expected a mapping, got a list"),
        ("duplicate_key.yaml", "duplicate key 'format'"),
        ("binary.yaml", "not UTF-8"),
        ("control_character.yaml", ":2:30: a control character (U+0007) that YAML does not allow"),
    ],
)
def test_bad_files_get_one_line_reasons_with_positions(name, expected):
    lines = problems_of(BAD / name)
    assert any(expected in line for line in lines), lines
    for line in lines:
        assert "\n" not in line
        assert re.match(rf"^{re.escape(str(BAD / name))}:\d+:\d+: ", line), line


def test_size_bound_is_enforced():
    lines = problems_of(MINI, max_bytes=100)
    assert any("over the limit of 100 bytes" in line for line in lines)


def test_devices_and_fifos_are_refused_without_reading_forever(tmp_path):
    import os

    assert problems_of(Path("/dev/zero")) == ["/dev/zero:1:1: not a regular file"]
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert problems_of(fifo) == [f"{fifo}:1:1: not a regular file"]


def test_python_tag_never_runs(tmp_path, monkeypatch):
    marker = tmp_path / "ran"
    doc = f'format: 1\nx: !!python/object/apply:os.system ["touch {marker}"]\n'.encode()
    with pytest.raises(YamlProblem):
        parse_bytes(doc, "t.yaml")
    assert not marker.exists()


def test_small_aliases_are_allowed():
    doc = parse_bytes(b"a: &x [cloud, onsite]\nb: *x\n", "t.yaml")
    assert doc.data["b"] == ["cloud", "onsite"]


def test_every_planted_problem_is_reported_on_its_line():
    path = BAD / "planted.yaml"
    lines = problems_of(path)
    expected = []
    for number, text in enumerate(path.read_text().splitlines(), start=1):
        if "# PROBLEM: " in text:
            expected.append((number, text.split("# PROBLEM: ", 1)[1].strip()))
    assert len(expected) >= 15
    for number, message in expected:
        hits = [line for line in lines if line.startswith(f"{path}:{number}:") and message in line]
        assert hits, f"line {number}: no problem containing {message!r} in\n" + "\n".join(lines)


def test_missing_source_is_reported_not_crashing(tmp_path):
    lines = problems_of(tmp_path / "nope.yaml")
    assert lines == [f"{tmp_path / 'nope.yaml'}:1:1: no such file or folder"]


def test_two_files_combine_and_refer_across(tmp_path):
    extra = tmp_path / "partner.yaml"
    extra.write_text(
        "format: 1\n"
        "points:\n"
        "  - id: partner.panel\n"
        "    name: Partner panel\n"
        "    capability: panels\n"
        "    kind: ui-extension\n"
        "    summary: A partner's panel.\n"
        "    direction: ui\n"
        "    source: {title: partner, url: 'https://partner.example'}\n"
        "    availability: {beta: {status: available}}\n"
    )
    catalog = load_catalog([MINI, extra])
    assert catalog.point("partner.panel").capability == "panels"
    assert catalog.info.id == "mini"  # the first file's header wins


def test_duplicate_ids_across_files_name_both_places(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(MINI.read_text())
    with pytest.raises(CatalogError) as info:
        load_catalog([MINI, copy])
    messages = [str(p) for p in info.value.problems]
    assert any("duplicate id 'alpha'" in m and str(MINI) in m for m in messages)


def test_folder_source_loads_every_yaml(tmp_path):
    (tmp_path / "a.yaml").write_text(MINI.read_text())
    (tmp_path / "notes.txt").write_text("ignored")
    assert len(load_catalog([tmp_path]).points) == 6
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no .yaml" in problems_of(empty)[0]


def test_control_characters_are_stripped_from_text(tmp_path):
    text = MINI.read_text().replace(
        "name: Beta web", 'name: "Beta\\e]52;c;ZXZpbA==\\a web\\e[31m\\x07"'
    )
    path = tmp_path / "ctl.yaml"
    path.write_text(text)
    assert load_catalog([path]).platform("beta").name == "Beta web"
