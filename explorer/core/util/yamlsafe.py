"""Safe YAML reading that remembers where every value came from.

Only PyYAML's safe composer is used: tags that would construct objects are refused, merge
keys and duplicate keys are refused, aliases may not expand beyond a budget ("billion
laughs"), and files over a size bound or with bytes that are not UTF-8 are refused.
Mappings come back as :class:`LocDict` and sequences as :class:`LocList`, which carry the
line and column (1-based) of each of their values.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # libyaml is much faster; the pure-Python loader is the fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 64 * 1024 * 1024
#: Aliases may make the document at most this many times larger than its distinct nodes.
ALIAS_EXPANSION_FACTOR = 4
ALIAS_EXPANSION_FLOOR = 10_000

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "binary")}
_ALLOWED_TAGS = _SCALAR_TAGS | {_TAG + "seq", _TAG + "map"}

Pos = tuple[int, int]


class YamlProblem(Exception):
    """A file that cannot be read as safe YAML; carries its position."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.file, self.line, self.col, self.message = file, line, col, message


class LocDict(dict):
    """A dict that knows the position of itself, each key and each value."""

    __slots__ = ("key_pos", "pos", "value_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[object, Pos] = {}
        self.value_pos: dict[object, Pos] = {}


class LocList(list):
    """A list that knows the position of itself and each item."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


@dataclass
class YamlDocument:
    file: str
    data: object
    raw: bytes


def _pos(node: yaml.Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _expanded_size(root: yaml.Node) -> tuple[int, int]:
    """(distinct nodes, nodes after expanding aliases), without expanding anything."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in sizes and not done:
            continue
        children: list[yaml.Node]
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            sizes[key] = 1
            continue
        if done:
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
        else:
            sizes[key] = 0  # marks "in progress"; YAML aliases cannot form cycles here
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return len(sizes), sizes[id(root)]


class _Converter:
    def __init__(self, file: str) -> None:
        self.file = file
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, message: str) -> YamlProblem:
        line, col = _pos(node)
        return YamlProblem(self.file, line, col, message)

    def convert(self, node: yaml.Node) -> object:
        if node.tag not in _ALLOWED_TAGS:
            if node.tag == _TAG + "merge":
                raise self.fail(node, "merge keys ('<<') are not supported; write the keys out")
            raise self.fail(node, f"the tag {node.tag!r} is not allowed (only plain YAML data)")
        if isinstance(node, yaml.ScalarNode):
            try:
                return self.constructor.construct_object(node, deep=True)
            except yaml.YAMLError as exc:
                raise self.fail(node, f"bad value: {exc}") from None
        if isinstance(node, yaml.SequenceNode):
            out = LocList(_pos(node))
            for item in node.value:
                out.append(self.convert(item))
                out.item_pos.append(_pos(item))
            return out
        mapping = LocDict(_pos(node))
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise self.fail(key_node, "merge keys ('<<') are not supported; write the keys out")
            key = self.convert(key_node)
            if isinstance(key, (list, dict)):
                raise self.fail(key_node, "a key must be a plain value")
            if key in mapping:
                first = mapping.key_pos[key]
                raise self.fail(key_node, f"duplicate key {key!r} (first at line {first[0]})")
            mapping[key] = self.convert(value_node)
            mapping.key_pos[key] = _pos(key_node)
            mapping.value_pos[key] = _pos(value_node)
        return mapping


def parse_bytes(raw: bytes, file: str, max_bytes: int = MAX_BYTES) -> YamlDocument:
    """Parse one YAML document; raise :class:`YamlProblem` with a position on any problem."""
    if len(raw) > max_bytes:
        raise YamlProblem(file, 1, 1, f"file is {len(raw):,} bytes; the limit is {max_bytes:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(file, line, col, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlProblem(file, line, 1, "binary data (a NUL byte) in a text file")
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(file, line, col, f"YAML syntax: {reason}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise YamlProblem(file, line, col, f"a control character (U+{code:04X}) that YAML does not allow") from None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise YamlProblem(file, 1, 1, f"YAML error: {first}") from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise YamlProblem(file, 1, 1, "file is empty (no YAML document)")
    if len(nodes) > 1:
        line, col = _pos(nodes[1])
        raise YamlProblem(file, line, col, "more than one YAML document ('---') in one file")
    root = nodes[0]
    distinct, expanded = _expanded_size(root)
    budget = max(ALIAS_EXPANSION_FLOOR, distinct * ALIAS_EXPANSION_FACTOR)
    if expanded > budget:
        raise YamlProblem(
            file, 1, 1,
            f"aliases expand to {expanded:,} values from {distinct:,} (limit {budget:,}); "
            "refusing an alias bomb",
        )
    return YamlDocument(file, _Converter(file).convert(root), raw)
