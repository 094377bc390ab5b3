"""Golden report files: compare output byte for byte, or rewrite them with UPDATE_GOLDEN=1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
#: Reports are made with SOURCE_DATE_EPOCH fixed to this, so they match byte for byte.
EPOCH = "1795000000"  # 2026-11-18T11:06:40Z


def check_golden(name: str, out: bytes, test_file: str) -> None:
    """``out`` equals golden/``name``; with UPDATE_GOLDEN set, it is written there first."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(out)
    assert path.exists(), f"{path} is missing; run UPDATE_GOLDEN=1 pytest {test_file}"
    expected = path.read_bytes()
    if out != expected:
        got, want = out.decode().splitlines(), expected.decode().splitlines()
        first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(
            f"{name} differs from the golden file at line {first + 1}:\n"
            f"  golden: {want[first] if first < len(want) else '<end>'}\n"
            f"  now:    {got[first] if first < len(got) else '<end>'}\n"
            f"If the change is intended: UPDATE_GOLDEN=1 pytest {test_file}"
        )
