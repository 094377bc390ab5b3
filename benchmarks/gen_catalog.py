"""Write a synthetic, valid so-explorer catalog of any size (for benchmarks).

    python benchmarks/gen_catalog.py --points 10000 -o /tmp/cat10k.yaml
    so-explorer validate /tmp/cat10k.yaml

The catalog has the five bundled platforms (win, web, online, service, netserver) and about
``points / 4`` capabilities. Each capability lines up several points on different platforms,
named the way each platform names things: NetServer agent methods
(``ContactAgent.GetContactEntity``), REST endpoints (``GET /api/v1/Contact/{id}``), CRMScript
classes (``NSContactAgent.GetContactEntity``), webhook events, COM objects and web panels.
Generation is seeded, so the same size always gives the same file.

Importable: ``generate(n) -> dict`` (the YAML document as plain data), ``write(n, path)``
and ``to_catalog(doc)`` (model objects straight from the data, without the YAML loader,
which takes about a minute at 100k points).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

SEED = 7

PLATFORMS = [
    {
        "id": "win", "name": "SuperOffice Windows client", "short_name": "Windows",
        "summary": "The classic desktop CRM client, installed onsite.",
        "environments": ["onsite"], "clients": ["win"], "authentication": "Windows or SuperOffice credentials.",
        "aliases": ["win client", "desktop"],
    },
    {
        "id": "web", "name": "SuperOffice Web client (onsite)", "short_name": "Web onsite",
        "summary": "The browser client hosted on the customer's own servers.",
        "environments": ["onsite"], "clients": ["web"], "authentication": "SuperOffice or federated credentials.",
        "aliases": ["web onsite"],
    },
    {
        "id": "online", "name": "SuperOffice CRM Online", "short_name": "Online",
        "summary": "The multi-tenant cloud service.",
        "environments": ["cloud"], "clients": ["web"], "authentication": "OpenID Connect through SuperID.",
        "aliases": ["cloud", "crm online"],
    },
    {
        "id": "service", "name": "SuperOffice Service", "short_name": "Service",
        "summary": "Customer Service: tickets, chat and mailings, onsite and online.",
        "environments": ["cloud", "onsite"], "clients": ["web"], "authentication": "Service users and API keys.",
        "aliases": ["customer service", "cs"],
    },
    {
        "id": "netserver", "name": "SuperOffice NetServer", "short_name": "NetServer",
        "summary": "The data-access layer and web services under every client.",
        "environments": ["cloud", "onsite"], "clients": ["win", "web"], "authentication": "Tickets and tokens.",
        "aliases": ["ns", "web services"],
    },
]

ENTITIES = [
    "Contact", "Person", "Sale", "Project", "Appointment", "Document", "Ticket", "Selection",
    "Quote", "Product", "Associate", "Customer", "Chat", "Mailing", "Form", "Campaign",
    "Relation", "Task", "Invoice", "Order", "Pricelist", "Category", "Currency", "Country",
    "Phone", "Email", "Address", "Note", "Attachment", "Knowledgebase", "Extra Table", "Dashboard",
    "Diary", "Follow-up", "Stakeholder", "Competitor", "Source", "Reason", "Stage", "Target",
]
OPERATIONS = [
    ("Get", "Gets"), ("Save", "Saves"), ("Delete", "Deletes"), ("Create", "Creates"),
    ("Find", "Finds"), ("List", "Lists"), ("Update", "Updates"), ("Copy", "Copies"),
    ("Merge", "Merges"), ("Archive", "Archives"), ("Restore", "Restores"), ("Export", "Exports"),
    ("Import", "Imports"), ("Validate", "Validates"), ("Move", "Moves"), ("Lock", "Locks"),
    ("Share", "Shares"), ("Assign", "Assigns"), ("Notify", "Notifies about"), ("Sync", "Synchronises"),
]
ASPECTS = [
    "Entity", "", "List", "Summary", "Details", "ByExternalKey", "Links", "History",
    "Rights", "Preferences", "Fields", "Udefs", "Templates", "Statistics", "Owner", "Layout",
    "Status", "Groups", "Tags", "Attachments", "Translations", "Defaults", "Timeline", "Activity",
    "Members", "Interests", "Consents", "Sources", "Addresses", "Settings", "Permissions",
]
WORDS = [
    "quickly", "in bulk", "for the current user", "with paging", "by id", "from an external system",
    "with custom fields", "for reporting", "for integrations", "on behalf of another user",
]
STATUS_WEIGHTS = [("available", 80), ("partial", 12), ("unknown", 5), ("not-available", 3)]


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def _capabilities(count: int) -> list[tuple[str, str, str, str]]:
    """(entity, operation, verb, aspect) combos, in a seeded order, as many as asked for."""
    combos = [(e, o, v, a) for a in ASPECTS for o, v in OPERATIONS for e in ENTITIES]
    random.Random(SEED).shuffle(combos)
    out = []
    round_ = 0
    while len(out) < count:
        for e, o, v, a in combos[: count - len(out)]:
            out.append((e, o, v, a + (str(round_ + 1) if round_ else "")))
        round_ += 1
    return out


def _names(platform: str, entity: str, op: str, aspect: str) -> tuple[str, str, list[str], str, str]:
    """(name, kind, technologies, direction, summary prefix) in the platform's own style."""
    ent = entity.replace(" ", "").replace("-", "")
    method = f"{op}{ent}{aspect}"
    if platform == "netserver":
        return f"{ent}Agent.{method}", "data-api", ["SOAP", ".NET"], "inbound", "NetServer service agent method"
    if platform == "online":
        verb = {"Get": "GET", "List": "GET", "Find": "GET", "Delete": "DELETE", "Create": "POST",
                "Update": "PUT"}.get(op, "POST")
        path = f"/api/v1/{ent}" + ("/{id}" if op in ("Get", "Delete", "Update") else f"/{op}{aspect}")
        return f"{verb} {path}", "data-api", ["REST", "OData", "JSON"], "inbound", "REST endpoint"
    if platform == "service":
        return f"NS{ent}Agent.{method}", "scripting", ["CRMScript"], "in-process", "CRMScript class method"
    if platform == "win":
        if op == "Notify":
            return f"{ent} {aspect or 'changed'} event", "events", ["COM", "vbScript", "JScript"], "outbound", \
                "COM event raised by the Windows client"
        return f"SO{ent}.{op}{aspect}", "scripting", ["COM", "vbScript"], "in-process", "COM automation call"
    # web
    if op == "Notify":
        return f"Webhook {entity.lower()}.{(aspect or 'changed').lower()}", "events", ["HTTPS", "JSON"], \
            "outbound", "Webhook event"
    return f"Web panel: {entity} {op.lower()} {aspect}".rstrip(), "ui-extension", ["HTML", "JavaScript"], \
        "ui", "Web panel"


def generate(n: int) -> dict:
    """A catalog document with ``n`` points, as plain data ready for YAML."""
    rng = random.Random(SEED * 1000003 + n)
    pids = [p["id"] for p in PLATFORMS]
    statuses = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    caps = _capabilities(max(1, n // 4))
    capabilities, points = [], []
    for index, (entity, op, verb, aspect) in enumerate(caps):
        cap_id = f"c{index}.{_slug(entity)}-{_slug(op)}" + (f"-{_slug(aspect)}" if aspect else "")
        title = f"{op} {entity.lower()}" + (f" {aspect.lower()}" if aspect else "")
        capabilities.append({
            "id": cap_id, "name": title[0].upper() + title[1:],
            "kind": "events" if op == "Notify" else "data-api",
            "summary": f"{verb} {entity.lower()} {aspect.lower()}".strip() + ".",
            "aliases": [f"{entity.lower()} {op.lower()}"],
        })
    # spread n points over the capabilities, several platforms per capability
    per_cap = [0] * len(caps)
    for i in range(n):
        per_cap[i % len(caps)] += 1
    for index, count in enumerate(per_cap):
        entity, op, verb, aspect = caps[index]
        cap_id = capabilities[index]["id"]
        chosen = rng.sample(pids, min(count, len(pids)))
        for k in range(count):
            platform = chosen[k % len(chosen)]
            name, kind, tech, direction, what = _names(platform, entity, op, aspect)
            if k >= len(chosen):
                name += f" (variant {k // len(chosen) + 1})"
            summary = f"{what}: {verb.lower()} the {entity.lower()} {aspect.lower() or 'record'} {rng.choice(WORDS)}."
            availability = {platform: {"status": rng.choices(statuses, weights)[0]}}
            if availability[platform]["status"] == "not-available":
                availability[platform] = {"status": "available"}
            if rng.random() < 0.3:
                other = rng.choice([p for p in pids if p != platform])
                availability[other] = {"status": rng.choices(statuses, weights)[0]}
            point = {
                "id": f"{platform}.{cap_id}.{k}", "name": name, "capability": cap_id, "kind": kind,
                "summary": summary, "direction": direction, "technologies": tech,
                "source": {"title": "synthetic", "url": "https://example.com/synthetic"},
                "availability": availability,
            }
            if rng.random() < 0.2:
                point["keywords"] = [f"{entity.lower()} {rng.choice(['api', 'integration', 'automation'])}"]
            points.append(point)
    return {
        "format": 1,
        "catalog": {"id": f"synthetic-{n}", "name": f"Synthetic catalog ({n} points)", "version": "1.0"},
        "platforms": [
            dict(p, sources=[{"title": "docs", "url": f"https://example.com/{p['id']}"}]) for p in PLATFORMS
        ],
        "capabilities": capabilities,
        "points": points,
    }


def _flat(value: object) -> bool:
    """Short lists and mappings that fit on one line in flow style."""
    if isinstance(value, list):
        return not any(isinstance(v, (dict, list)) for v in value)
    if isinstance(value, dict):
        return all(not isinstance(v, list) and (not isinstance(v, dict) or _flat(v)) for v in value.values())
    return False


def _flow(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def to_catalog(doc: dict):
    """Model objects for a generated document (what ``load_catalog`` would build)."""
    from explorer.core.model import (
        Availability,
        Capability,
        Catalog,
        CatalogInfo,
        Link,
        Platform,
        Point,
        Status,
    )

    platforms = tuple(
        Platform(
            id=p["id"], name=p["name"], short_name=p["short_name"], summary=p["summary"],
            environments=tuple(p["environments"]), clients=tuple(p["clients"]),
            authentication=p["authentication"], aliases=tuple(p.get("aliases", ())),
            sources=tuple(Link(s["title"], s["url"]) for s in p["sources"]),
        )
        for p in doc["platforms"]
    )
    by_id = {p.id: p for p in platforms}
    capabilities = tuple(
        Capability(
            id=c["id"], name=c["name"], kind=c["kind"], summary=c.get("summary", ""),
            aliases=tuple(c.get("aliases", ())),
        )
        for c in doc["capabilities"]
    )
    points = tuple(
        Point(
            id=p["id"], name=p["name"], capability=p["capability"], kind=p["kind"], summary=p["summary"],
            direction=p["direction"], source=Link(p["source"]["title"], p["source"]["url"]),
            technologies=tuple(p.get("technologies", ())), keywords=tuple(p.get("keywords", ())),
            aliases=tuple(p.get("aliases", ())),
            availability=tuple(
                Availability(pid, Status(v["status"]), by_id[pid].environments, by_id[pid].clients)
                for pid, v in p["availability"].items()
            ),
        )
        for p in doc["points"]
    )
    info = doc["catalog"]
    return Catalog(CatalogInfo(info["id"], info["name"], info["version"]), platforms, capabilities, points)


def _dump(value: object, indent: str) -> list[str]:
    """Block-style YAML for dicts of scalars/lists/dicts; JSON strings are valid YAML scalars."""
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if _flat(item):
                lines.append(f"{indent}{key}: {_flow(item)}")
            elif isinstance(item, (dict, list)) and item:
                lines.append(f"{indent}{key}:")
                lines.extend(_dump(item, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {json.dumps(item, ensure_ascii=False)}")
        return lines
    lines = []
    for item in value:  # a list
        if isinstance(item, dict):
            inner = _dump(item, indent + "  ")
            inner[0] = indent + "- " + inner[0][len(indent) + 2:]
            lines.extend(inner)
        else:
            lines.append(f"{indent}- {json.dumps(item, ensure_ascii=False)}")
    return lines


def dumps(doc: dict) -> str:
    return "# Synthetic catalog written by benchmarks/gen_catalog.py\n" + "\n".join(_dump(doc, "")) + "\n"


def write(n: int, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(dumps(generate(n)), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=1000, help="number of integration points")
    parser.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    args = parser.parse_args(argv)
    if args.points < 1:
        parser.error("--points must be at least 1")
    if args.output == "-":
        sys.stdout.write(dumps(generate(args.points)))
    else:
        write(args.points, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
