"""Property tests of the loader and validator: whatever the bytes, a catalog or located
one-line problems — never a traceback."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.catalog import CatalogError, load_catalog
from tests.catalogs import MINI

MINI_LINES = MINI.read_text(encoding="utf-8").splitlines()
YAMLISH = st.text(alphabet=st.sampled_from(list("abcdefghij:-[]{},'\"&*!|>#%@ \n\t0123456789.") + ["\x00", "é"]),
                  max_size=300)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load(tmp_path: Path, data: bytes):
    path = tmp_path / "catalog.yaml"
    path.write_bytes(data)
    try:
        return load_catalog([path], cache=False), path
    except CatalogError as exc:
        return exc, path


def check(outcome, path: Path) -> None:
    result, _ = outcome, None
    if isinstance(result, CatalogError):
        assert result.problems
        for problem in result.problems:
            assert problem.file == str(path)
            assert problem.line >= 1 and problem.col >= 1
            text = str(problem)
            assert text and "\n" not in text and "Traceback" not in text
    else:
        assert result.platforms


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_give_a_catalog_or_located_problems(tmp_path, data):
    outcome, path = load(tmp_path, data)
    check(outcome, path)


@SETTINGS
@given(text=YAMLISH)
def test_yaml_like_text_gives_a_catalog_or_located_problems(tmp_path, text):
    outcome, path = load(tmp_path, text.encode("utf-8"))
    check(outcome, path)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 6))
def test_a_damaged_real_catalog_gives_a_catalog_or_located_problems(tmp_path, seed, edits):
    """The mini catalog with lines deleted, repeated, cut or re-indented."""
    rng = random.Random(seed)
    lines = list(MINI_LINES)
    for _ in range(edits):
        i = rng.randrange(len(lines))
        choice = rng.randrange(5)
        if choice == 0:
            del lines[i]
        elif choice == 1:
            lines.insert(i, lines[i])
        elif choice == 2:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif choice == 3:
            lines[i] = "  " + lines[i]
        else:
            lines[i] = lines[i].replace(":", rng.choice(["", "::", ": [", ": {"]), 1)
    outcome, path = load(tmp_path, "\n".join(lines).encode("utf-8"))
    check(outcome, path)
