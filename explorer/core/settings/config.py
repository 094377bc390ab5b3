"""The user's ``config.yaml``: theme, key map, default filters and default platforms.

Pure (no Textual). Reading never fails: every problem becomes a one-line warning naming the
file, the line when known, and the key, and only the bad part is ignored. Writing is atomic,
keeps the user's other keys (and their comments, where the file's layout allows), and never
overwrites a file it could not read: such a file is first moved aside as
``config.yaml.corrupt-<UTC stamp>``.

The file::

    version: 1
    theme: nord                    # any Textual theme name
    keymap:                        # binding id: keys (see docs/keys.md)
      toggle-cloud: c
    filters:                       # the filters the app starts with
      environments: [cloud, onsite]
      clients: [web]
    platforms: [online, web, win]  # the panes shown, in order
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from explorer.core.model import CLIENTS, ENVIRONMENTS
from explorer.core.settings import paths
from explorer.core.settings.keys import binding_ids as known_binding_ids
from explorer.core.settings.keys import keys_problem
from explorer.core.util import atomic
from explorer.core.util.sanitize import clean_text
from explorer.core.util.yamlsafe import LocDict, LocList, YamlProblem, parse_bytes

CONFIG_NAME = "config.yaml"
VERSION = 1
MAX_BYTES = 1024 * 1024
KNOWN_KEYS: tuple[str, ...] = ("version", "theme", "keymap", "filters", "platforms")
FILTER_KEYS: dict[str, tuple[str, ...]] = {"environments": ENVIRONMENTS, "clients": CLIENTS}


@dataclass(frozen=True)
class Config:
    """What the app takes from config.yaml; ``None`` means "not set, use the default"."""

    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    environments: tuple[str, ...] | None = None
    clients: tuple[str, ...] | None = None
    platforms: tuple[str, ...] | None = None
    #: The file's top level failed to parse (so a later save must move it aside first).
    corrupt: bool = False
    #: Nothing of the file could be used (corrupt or unreadable): the defaults are in force.
    ignored: bool = False


def config_path(config_dir: str | os.PathLike[str] | None = None) -> Path:
    """``<config dir>/config.yaml`` (see :func:`explorer.core.settings.paths.config_dir`)."""
    return paths.config_dir(config_dir) / CONFIG_NAME


class _Warn:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.items: list[str] = []

    def __call__(self, line: int | None, key: str, message: str) -> None:
        where = f"{self.file}" + (f", line {line}" if line else "")
        self.items.append(clean_text(f"{where}: {key}: {message}"))


def _line(mapping: object, key: object, value: bool = True) -> int | None:
    if isinstance(mapping, LocDict):
        pos = (mapping.value_pos if value else mapping.key_pos).get(key)
        return pos[0] if pos else None
    return None


def _item_line(seq: object, index: int) -> int | None:
    if isinstance(seq, LocList) and index < len(seq.item_pos):
        return seq.item_pos[index][0]
    return None


def load_config(
    path: str | os.PathLike[str],
    *,
    themes: Iterable[str] | None = None,
    binding_ids: Iterable[str] | None = None,
    platform_ids: Iterable[str] | None = None,
) -> tuple[Config, list[str]]:
    """Read ``path``; return the config and the warnings (empty when all is well).

    ``themes``, ``binding_ids`` and ``platform_ids`` are the known values; ``None`` skips
    that check (the core does not know Textual's themes or the app's bindings).
    A missing file is the default config with no warning.
    """
    path = Path(path)
    warn = _Warn(path)
    if not path.exists():
        return Config(), []
    try:
        if path.is_dir():
            raise YamlProblem(str(path), 0, 0, "is a folder, not a file")
        raw = path.read_bytes()
        if _blank(raw):
            return Config(), []
        doc = parse_bytes(raw, str(path), max_bytes=MAX_BYTES)
    except YamlProblem as exc:
        warn(exc.line or None, "file", exc.message)
        return Config(corrupt=True, ignored=True), warn.items
    except OSError as exc:
        warn(None, "file", f"cannot read ({exc.strerror or exc})")
        return Config(ignored=True), warn.items
    data = doc.data
    if not isinstance(data, dict):
        got = _type_name(data)
        warn(1, "file", f"expected a mapping of settings, found {got}")
        return Config(corrupt=True, ignored=True), warn.items
    return _read(data, warn, themes, binding_ids, platform_ids), warn.items


def _blank(raw: bytes) -> bool:
    """Empty or only comments: the defaults, nothing to warn about."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.lstrip("\ufeff").splitlines())


def _type_name(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text" if value.strip() else "an empty value"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a value of another kind"


def _read(data: dict, warn: _Warn, themes, binding_ids, platform_ids) -> Config:
    for key in data:
        if key not in KNOWN_KEYS:
            warn(_line(data, key, value=False), str(key), f"unknown setting (known: {', '.join(KNOWN_KEYS)}); ignored")

    version = data.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        warn(_line(data, "version"), "version", f"expected a number, found {_type_name(version)}; ignored")
    elif version > VERSION:
        warn(_line(data, "version"), "version", f"{version} is newer than this so-explorer ({VERSION}); reading what it understands")

    theme = data.get("theme")
    if theme is not None:
        known = set(themes) if themes is not None else None
        if not isinstance(theme, str) or not theme.strip():
            warn(_line(data, "theme"), "theme", f"expected a theme name, found {_type_name(theme)}; ignored")
            theme = None
        elif known is not None and theme not in known:
            warn(_line(data, "theme"), "theme", f"unknown theme {theme!r} (known: {', '.join(sorted(known))}); ignored")
            theme = None

    keymap = _read_keymap(data, warn, binding_ids)
    environments, clients = _read_filters(data, warn)
    platforms = _read_platforms(data, warn, platform_ids)
    return Config(theme=theme, keymap=keymap, environments=environments, clients=clients, platforms=platforms)


_KEY_RE = re.compile(r"^[^\s,]+$")


def _read_keymap(data: dict, warn: _Warn, binding_ids) -> dict[str, str]:
    section = data.get("keymap")
    if section is None:
        return {}
    if not isinstance(section, dict):
        warn(_line(data, "keymap"), "keymap", f"expected a mapping of binding id: keys, found {_type_name(section)}; ignored")
        return {}
    known = set(binding_ids) if binding_ids is not None else set(known_binding_ids())
    out: dict[str, str] = {}
    for binding_id, keys in section.items():
        line = _line(section, binding_id, value=False)
        label = f"keymap.{binding_id}"
        if binding_id not in known:
            warn(line, label, "unknown binding id (see docs/keys.md for the list); ignored")
            continue
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            warn(line, label, f"expected keys such as \"c\" or \"ctrl+k,f2\", found {_type_name(keys)}; ignored")
            continue
        parts = [k.strip() for k in keys.split(",")]
        if any(not part or not _KEY_RE.match(part) for part in parts):
            warn(line, label, f"{keys!r} is not a comma-separated list of keys; the default keys stay")
            continue
        problem = keys_problem(keys)
        if problem:
            warn(line, label, f"{keys!r}: {problem}; the default keys stay")
            continue
        out[str(binding_id)] = ",".join(parts)
    return out


def _read_filters(data: dict, warn: _Warn) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    section = data.get("filters")
    if section is None:
        return None, None
    if not isinstance(section, dict):
        warn(_line(data, "filters"), "filters", f"expected a mapping with environments and clients, found {_type_name(section)}; ignored")
        return None, None
    for key in section:
        if key not in FILTER_KEYS:
            warn(_line(section, key, value=False), f"filters.{key}", "unknown filter (known: environments, clients); ignored")
    result: list[tuple[str, ...] | None] = []
    for key, allowed in FILTER_KEYS.items():
        value = section.get(key)
        label = f"filters.{key}"
        line = _line(section, key)
        if value is None:
            result.append(None)
            continue
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            warn(line, label, f"expected a list such as [{', '.join(allowed)}], found {_type_name(value)}; ignored")
            result.append(None)
            continue
        good: list[str] = []
        for index, item in enumerate(value):
            if item not in allowed:
                warn(_item_line(value, index) or line, label, f"unknown value {item!r} (known: {', '.join(allowed)}); ignored")
            elif item not in good:
                good.append(item)
        if not good:
            warn(line, label, f"names no known value; all {key} are shown")
            result.append(None)
        else:
            result.append(tuple(v for v in allowed if v in good))
    return result[0], result[1]


def _read_platforms(data: dict, warn: _Warn, platform_ids) -> tuple[str, ...] | None:
    value = data.get("platforms")
    if value is None:
        return None
    line = _line(data, "platforms")
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list):
        warn(line, "platforms", f"expected a list of platform ids, found {_type_name(value)}; ignored")
        return None
    known = set(platform_ids) if platform_ids is not None else None
    good: list[str] = []
    for index, item in enumerate(value):
        item_line = _item_line(value, index) or line
        if not isinstance(item, str):
            warn(item_line, "platforms", f"expected a platform id, found {_type_name(item)}; ignored")
        elif known is not None and item not in known:
            warn(item_line, "platforms", f"no platform {item!r} in this catalog (known: {', '.join(sorted(known))}); ignored")
        elif item in good:
            warn(item_line, "platforms", f"{item!r} is listed twice; the first one counts")
        else:
            good.append(item)
    if not good:
        warn(line, "platforms", "names no platform of this catalog; all platforms are shown")
        return None
    return tuple(good)


def known_platforms(config: Config, platform_ids: Iterable[str], file: Path | str = CONFIG_NAME) -> tuple[Config, list[str]]:
    """Drop platform ids the catalog does not have (when the catalog was not known at load time)."""
    if config.platforms is None:
        return config, []
    known = list(platform_ids)
    good = tuple(p for p in config.platforms if p in known)
    warnings = [
        f"{file}: platforms: no platform {p!r} in this catalog (known: {', '.join(sorted(known))}); ignored"
        for p in config.platforms
        if p not in known
    ]
    if not good:
        warnings.append(f"{file}: platforms: names no platform of this catalog; all platforms are shown")
    return Config(config.theme, dict(config.keymap), config.environments, config.clients, good or None, config.corrupt), warnings


def summary(warnings: list[str], limit: int = 4) -> str:
    """All warnings as one message (for a single notification): the first ``limit`` and a count."""
    shown = warnings[:limit]
    more = len(warnings) - len(shown)
    text = "\n".join(shown)
    if more > 0:
        text += f"\n… and {more} more problem{'s' if more != 1 else ''}"
    return text


# --- saving ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveResult:
    path: Path
    #: Where an unreadable previous file was moved to, if one was.
    moved_aside: Path | None = None


class _Blank(Exception):
    pass


def save_config(path: str | os.PathLike[str], updates: Mapping[str, object]) -> SaveResult:
    """Set top-level ``updates`` (e.g. ``{"theme": "nord"}``) in the file at ``path``.

    Other keys stay as the user wrote them. A file that is not a readable mapping is moved
    aside first (the returned ``moved_aside``), then a fresh file is written. Atomic, and
    serialised with other so-explorer processes by a lock file.
    """
    path = Path(path)
    for key in updates:
        if key not in KNOWN_KEYS:
            raise ValueError(f"unknown config key {key!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic.file_lock(path.with_name(path.name + ".lock")):
        moved: Path | None = None
        text = ""
        if path.exists():
            try:
                raw = path.read_bytes()
                if _blank(raw):
                    raise _Blank
                doc = parse_bytes(raw, str(path), max_bytes=MAX_BYTES)
                if not isinstance(doc.data, dict):
                    raise YamlProblem(str(path), 1, 1, "not a mapping")
                text = raw.decode("utf-8").lstrip("\ufeff")
            except _Blank:
                text = raw.decode("utf-8").lstrip("\ufeff")
            except YamlProblem:
                moved = atomic.move_aside(path)
        new_text = _update_text(text, {"version": VERSION, **updates} if "version" not in _top_keys(text) else dict(updates))
        atomic.write_atomic(path, new_text.encode("utf-8"))
    return SaveResult(path, moved)


def _top_keys(text: str) -> set[str]:
    if not text:
        return set()
    data = yaml.safe_load(text)
    return set(data) if isinstance(data, dict) else set()


def _dump_one(key: str, value: object) -> str:
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return yaml.safe_dump({key: value}, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1000).strip()[1:-1] + "\n"
    return yaml.safe_dump({key: value}, default_flow_style=False, sort_keys=False, allow_unicode=True)


def _update_text(text: str, updates: Mapping[str, object]) -> str:
    """Replace or append top-level keys in YAML text, keeping everything else verbatim.

    Falls back to a full re-dump (comments lost, data kept) if the result would not read
    back as the intended data.
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for key, value in updates.items():
        block = _dump_one(key, value).splitlines(keepends=True)
        start = next((i for i, ln in enumerate(lines) if re.match(rf"^{re.escape(key)}\s*:", ln)), None)
        if start is None and key == "version":
            # after the leading comment lines, before the first setting
            at = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")), len(lines))
            lines[at:at] = block
            continue
        if start is None:
            lines.extend(block)
            continue
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#-"):
            end += 1
        # keep blank lines and comments that precede the next top-level key
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        lines[start:end] = block
    new_text = "".join(lines)
    expected = yaml.safe_load(text) if text.strip() else {}
    expected = dict(expected) if isinstance(expected, dict) else {}
    expected.update({k: list(v) if isinstance(v, tuple) else v for k, v in updates.items()})
    try:
        if yaml.safe_load(new_text) == expected:
            return new_text
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(expected, default_flow_style=False, sort_keys=False, allow_unicode=True)
