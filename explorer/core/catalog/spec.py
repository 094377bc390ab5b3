"""The catalog format, declared once.

The same declaration drives the validator (``validate.py``) and generates
``catalog/schema.json`` (``python -m explorer.core.catalog.spec > catalog/schema.json``),
so the editor schema and the checks can never disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from explorer.core.model import (
    CLIENTS,
    DELIVERY,
    DIRECTIONS,
    ENVIRONMENTS,
    KINDS,
    LIFECYCLE_STATUSES,
    NEEDS,
    REQUIREMENT_KINDS,
    RUNS_ON,
    Status,
)

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"


@dataclass(frozen=True)
class Str:
    doc: str = ""
    min_len: int = 1
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    url: bool = False


@dataclass(frozen=True)
class Int:
    doc: str = ""
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class List:
    item: Spec
    doc: str = ""
    min_items: int = 0


@dataclass(frozen=True)
class Map:
    """A mapping with known keys. ``required`` names the keys that must be present."""

    fields: dict[str, Spec]
    required: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class Dict:
    """A mapping from ids (e.g. platform ids) to values of one shape."""

    value: Spec
    doc: str = ""
    min_items: int = 0
    key_pattern: str = ID_PATTERN


Spec = Str | Int | List | Map | Dict

ID = Str("A stable id: lower case letters, digits, '.', '_' or '-'.", pattern=ID_PATTERN)
TEXT = Str()
OPTIONAL_TEXT = Str(min_len=0)
STRINGS = List(Str())

LINK = Map(
    {"title": Str("Link text."), "url": Str("An http(s) address.", url=True)},
    required=("title", "url"),
    doc="A titled http(s) link.",
)
LINKS = List(LINK)

LIFECYCLE = Map(
    {
        "status": Str(enum=LIFECYCLE_STATUSES),
        "from_version": Str("The SuperOffice version the status applies from, e.g. '9' or 'Online 10'."),
        "started": Str("When a phase-out or deprecation was initiated or announced (a year or a version)."),
        "removal": Str("The announced removal target version, e.g. '13'."),
        "last_version": Str("The last version that supports it, e.g. '10.2.9'."),
        "summary": Str("One sentence on what the status means for an integration."),
        "source": LINK,
    },
    required=("status", "summary"),
    doc="A lifecycle statement.",
)

ENV_LIST = List(Str(enum=ENVIRONMENTS), min_items=1)
CLIENT_LIST = List(Str(enum=CLIENTS), min_items=1)
ID_LIST = List(ID, min_items=1)

TRAITS = Map(
    {
        "runs_on": Str("Where the code runs: " + ", ".join(f"{k} ({v})" for k, v in RUNS_ON.items()) + ".",
                       enum=tuple(RUNS_ON)),
        "delivery": Str("For events: push (SuperOffice calls your code) or pull (you ask).", enum=tuple(DELIVERY)),
        "latency": Str("How soon it acts or is told, in a few words."),
        "retries": Str("What happens when a call or delivery fails, in a few words."),
    },
    doc="How an option differs from similar ones. A point's traits override its capability's.",
)

REQUIREMENT = Map(
    {
        "id": ID,
        "name": TEXT,
        "kind": Str(enum=REQUIREMENT_KINDS),
        "summary": OPTIONAL_TEXT,
        "source": LINK,
    },
    required=("id", "name", "kind", "source"),
    doc="Something a point may require: a licence, a plan, access on request, a version. "
    "Points name it in requires:, and `recommend --has ID` says the customer has it.",
)

REQUIREMENT_REF = Map(
    {
        "id": Str("The id of a requirement defined under requirements:.", pattern=ID_PATTERN),
        "or": List(Str(pattern=ID_PATTERN), doc="Other requirement ids that satisfy it as well."),
        "min_version": Str("The minimum version, for a version requirement."),
        "environments": ENV_LIST,
        "platforms": List(Str(pattern=ID_PATTERN), min_items=1, doc="Only on these platforms."),
        "note": OPTIONAL_TEXT,
        "source": LINK,
    },
    required=("id", "source"),
    doc="A point's requirement; environments and platforms narrow where it applies.",
)

AVAILABILITY = Map(
    {
        "status": Str(enum=tuple(s.value for s in Status)),
        "environments": ENV_LIST,
        "clients": CLIENT_LIST,
        "note": OPTIONAL_TEXT,
    },
    required=("status",),
    doc="Availability on one platform. environments and clients default to the platform's own.",
)

ELSEWHERE = Map(
    {
        "status": Str(enum=(Status.NOT_AVAILABLE.value, Status.UNKNOWN.value)),
        "note": OPTIONAL_TEXT,
    },
    required=("status",),
    doc="What a platform that none of the capability's points mention shows.",
)

CATALOG_INFO = Map(
    {
        "id": ID,
        "name": TEXT,
        "version": Str("Catalog version, quoted: \"2026.11\"."),
        "description": OPTIONAL_TEXT,
        "checked": Str("The date the facts were last checked, YYYY-MM-DD.", pattern=r"^\d{4}-\d{2}-\d{2}$"),
    },
    required=("id", "name", "version"),
)

PLATFORM = Map(
    {
        "id": ID,
        "name": TEXT,
        "short_name": Str("A short name for narrow pane headers."),
        "summary": TEXT,
        "since": Int("The year the platform has been available since.", 1970, 2100),
        "environments": ENV_LIST,
        "clients": CLIENT_LIST,
        "authentication": TEXT,
        "lifecycle": List(LIFECYCLE),
        "sdks": LINKS,
        "sources": List(LINK, min_items=1),
        "aliases": STRINGS,
    },
    required=("id", "name", "summary", "environments", "clients", "authentication", "sources"),
)

CAPABILITY = Map(
    {
        "id": ID,
        "name": TEXT,
        "kind": Str(enum=KINDS),
        "summary": OPTIONAL_TEXT,
        "aliases": STRINGS,
        "elsewhere": Dict(ELSEWHERE, doc="Platform id → status for platforms without a point."),
        "needs": List(Str(enum=tuple(NEEDS)), doc="The customer needs this capability serves: "
                      + "; ".join(f"{k} = {v}" for k, v in NEEDS.items()) + "."),
        "choose_when": Str("When to choose it, in a sentence or two a customer can read."),
        "traits": TRAITS,
        "lifecycle": List(LIFECYCLE),
    },
    required=("id", "name", "kind"),
)

POINT = Map(
    {
        "id": ID,
        "name": TEXT,
        "capability": Str("The id of the capability row this point lines up in.", pattern=ID_PATTERN),
        "kind": Str(enum=KINDS),
        "summary": TEXT,
        "direction": Str(enum=DIRECTIONS),
        "technologies": STRINGS,
        "caveats": STRINGS,
        "docs": LINKS,
        "sdks": LINKS,
        "lifecycle": List(LIFECYCLE),
        "source": LINK,
        "aliases": STRINGS,
        "keywords": STRINGS,
        "parent": Str("The id of the point this one is nested under.", pattern=ID_PATTERN),
        "availability": Dict(AVAILABILITY, min_items=1, doc="Platform id → availability."),
        "requires": List(REQUIREMENT_REF),
        "traits": TRAITS,
    },
    required=("id", "name", "capability", "kind", "summary", "direction", "source", "availability"),
)

#: A search term as users type it: not starting with !, ' or ^ and not ending in $, which the
#: query syntax reads as operators.
SEARCH_TERM_PATTERN = r"^(?![!'^\s])(?!.*[$\s]$).+$"

SYNONYM = Map(
    {
        "terms": List(
            Str("A word or phrase users type (not starting with !, ' or ^, not ending in $).",
                pattern=SEARCH_TERM_PATTERN),
            min_items=1,
            doc="Words or phrases that mean the same: any of them finds what the others find.",
        ),
        "needs": List(Str(enum=tuple(NEEDS)), min_items=1, doc="The terms also find the points of "
                      "capabilities that serve these needs (ids as in capabilities' needs:)."),
        "means": List(Str("A word or phrase as the catalog says it, e.g. 'extra tables'."), min_items=1,
                      doc="Catalog words the terms stand for: the terms also find what these find."),
    },
    required=("terms",),
    doc="A search synonym or intent. Give needs:, means: or a second term, or it finds nothing new.",
)

DOCUMENT = Map(
    {
        "format": Int("The catalog format version.", FORMAT_VERSION, FORMAT_VERSION),
        "catalog": CATALOG_INFO,
        "requirements": List(REQUIREMENT),
        "platforms": List(PLATFORM),
        "capabilities": List(CAPABILITY),
        "points": List(POINT),
        "synonyms": List(SYNONYM, doc="Search synonyms and intents; files combine their lists."),
        "stop_words": List(
            Str("One word (no spaces).", pattern=r"^\S+$"),
            doc="Words a search query may leave unmatched ('our', 'when', 'the'); files combine them.",
        ),
    },
    required=("format",),
    doc="A so-explorer catalog file. Several files combine; ids must be unique across them.",
)


def to_json_schema(spec: Spec) -> dict:
    """Translate a spec into JSON Schema (draft 2020-12)."""
    if isinstance(spec, Str):
        out: dict = {"type": "string"}
        if spec.min_len:
            out["minLength"] = spec.min_len
        if spec.enum:
            out["enum"] = list(spec.enum)
        if spec.pattern:
            out["pattern"] = spec.pattern
        if spec.url:
            out["pattern"] = r"^https?://\S+$"
    elif isinstance(spec, Int):
        out = {"type": "integer"}
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
    elif isinstance(spec, List):
        out = {"type": "array", "items": to_json_schema(spec.item)}
        if spec.min_items:
            out["minItems"] = spec.min_items
    elif isinstance(spec, Map):
        out = {
            "type": "object",
            "properties": {k: to_json_schema(v) for k, v in spec.fields.items()},
            "additionalProperties": False,
        }
        if spec.required:
            out["required"] = list(spec.required)
    else:
        out = {
            "type": "object",
            "propertyNames": {"pattern": spec.key_pattern},
            "additionalProperties": to_json_schema(spec.value),
        }
        if spec.min_items:
            out["minProperties"] = spec.min_items
    if spec.doc:
        out["description"] = spec.doc
    return out


def json_schema() -> dict:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://so-explorer.invalid/catalog/schema.json",
        "title": "so-explorer catalog",
    }
    schema.update(to_json_schema(DOCUMENT))
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - used to regenerate catalog/schema.json
    print(schema_text(), end="")
