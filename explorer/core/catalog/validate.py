"""Check parsed catalog documents against the format and collect every problem.

Structure (types, required and unknown keys, enums, patterns, links) is checked against
``spec``; the cross-entry checks (duplicate ids, unknown references) live in
``loader``. Nothing stops at the first problem.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from explorer.core.catalog.spec import (
    DOCUMENT,
    ID_PATTERN,
    Dict,
    Int,
    List,
    Map,
    Spec,
    Str,
)
from explorer.core.util.yamlsafe import LocDict, LocList, Pos


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}:" if self.path else ""
        return f"{self.file}:{self.line}:{self.col}:{where} {self.message}"


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if value is None:
        return "empty (null)"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


class _Checker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, pos: Pos, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, pos[0], pos[1], path, message))

    def check(self, spec: Spec, value: object, pos: Pos, path: str) -> None:
        if isinstance(spec, Str):
            self._str(spec, value, pos, path)
        elif isinstance(spec, Int):
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(pos, path, f"expected a whole number, got {_type_name(value)}")
            elif (spec.minimum is not None and value < spec.minimum) or (
                spec.maximum is not None and value > spec.maximum
            ):
                self.add(pos, path, f"{value} is out of range {spec.minimum}..{spec.maximum}")
        elif isinstance(spec, List):
            self._list(spec, value, pos, path)
        elif isinstance(spec, Map):
            self._map(spec, value, pos, path)
        else:
            self._dict(spec, value, pos, path)

    def _str(self, spec: Str, value: object, pos: Pos, path: str) -> None:
        if not isinstance(value, str):
            hint = " (quote it)" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
            self.add(pos, path, f"expected a string, got {_type_name(value)}{hint}")
            return
        if len(value.strip()) < spec.min_len:
            self.add(pos, path, "must not be empty")
            return
        if spec.enum is not None and value not in spec.enum:
            near = difflib.get_close_matches(value, spec.enum, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            self.add(pos, path, f"{value!r} is not one of {', '.join(spec.enum)}{hint}")
        if spec.pattern and not _regex(spec.pattern).match(value):
            if spec.pattern == ID_PATTERN:
                self.add(pos, path, f"{value!r} is not a valid id (lower case letters, digits, '.', '_', '-')")
            else:
                self.add(pos, path, f"{value!r} does not have the expected form ({spec.doc.rstrip('.')})")
        if spec.url and not _URL.match(value):
            self.add(pos, path, f"{value!r} is not an http(s) link")

    def _list(self, spec: List, value: object, pos: Pos, path: str) -> None:
        if not isinstance(value, LocList):
            self.add(pos, path, f"expected a list, got {_type_name(value)}")
            return
        if len(value) < spec.min_items:
            self.add(pos, path, f"needs at least {spec.min_items} item(s)")
        for index, item in enumerate(value):
            self.check(spec.item, item, value.item_pos[index], _join(path, index))

    def _map(self, spec: Map, value: object, pos: Pos, path: str) -> None:
        if not isinstance(value, LocDict):
            self.add(pos, path, f"expected a mapping, got {_type_name(value)}")
            return
        for key in spec.required:
            if key not in value:
                self.add(value.pos, path or "(top level)", f"missing required key {key!r}")
        for key, item in value.items():
            field_spec = spec.fields.get(key) if isinstance(key, str) else None
            if field_spec is None:
                near = difflib.get_close_matches(str(key), list(spec.fields), n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                self.add(value.key_pos[key], _join(path, key), f"unknown key {key!r}{hint}")
                continue
            self.check(field_spec, item, value.value_pos[key], _join(path, key))

    def _dict(self, spec: Dict, value: object, pos: Pos, path: str) -> None:
        if not isinstance(value, LocDict):
            self.add(pos, path, f"expected a mapping, got {_type_name(value)}")
            return
        if len(value) < spec.min_items:
            self.add(pos, path, f"needs at least {spec.min_items} entr{'y' if spec.min_items == 1 else 'ies'}")
        for key, item in value.items():
            if not isinstance(key, str) or not _regex(spec.key_pattern).match(key):
                self.add(value.key_pos[key], _join(path, key), f"{key!r} is not a valid id")
                continue
            self.check(spec.value, item, value.value_pos[key], _join(path, key))


def check_document(file: str, data: object) -> list[Problem]:
    """Every structural problem of one parsed catalog file."""
    checker = _Checker(file)
    checker.check(DOCUMENT, data, getattr(data, "pos", (1, 1)), "")
    return checker.problems
