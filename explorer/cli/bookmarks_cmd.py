"""``so-explorer bookmarks list|add|remove``: bookmark shortlists from scripts.

The same ``bookmarks.yaml`` as the app (in ``--config-dir``), with the same lock and merge,
so a script can add bookmarks while the app is open. Exit codes: 0 done, 1 refused (unknown
id or platform, a point not available on that platform, unknown shortlist, nothing to
remove, cannot save), 2 usage error or a broken catalog. A refused request leaves the file
byte for byte as it was. Warnings (a damaged file moved aside, a point whose availability on
the platform the catalog does not know, ...) go to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys

from explorer.cli.common import EXIT_OK, EXIT_PROBLEMS, add_catalog_options, err, load
from explorer.core.bookmarks import (
    FILE_NAME,
    MISSING,
    BookmarkError,
    BookmarkStore,
    PlatformGroup,
    Resolved,
    Shortlist,
    check_target,
    clean_note,
    group_by_platform,
)
from explorer.core.model import Catalog, Status
from explorer.core.settings import paths

JSON_VERSION = 1


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="list, add and remove bookmarks (the app's shortlists)",
        description="List, add and remove bookmarks in the shortlists kept in bookmarks.yaml "
        "(in --config-dir). Without --shortlist, add and remove work on the active shortlist.",
    )
    add_catalog_options(parser, suppress=True)
    actions = parser.add_subparsers(dest="bookmarks_action", metavar="ACTION", title="actions", required=True)

    lister = actions.add_parser("list", help="show bookmarks by shortlist and platform",
                                description="Show each shortlist's bookmarks grouped by platform, "
                                "with availability and note; bookmarks whose point left the catalog "
                                f"are marked '{MISSING}'.")
    lister.add_argument("--shortlist", metavar="NAME", help="only this shortlist")
    lister.add_argument("--json", action="store_true", help="machine-readable output (stable keys and order)")
    add_catalog_options(lister, suppress=True)

    adder = actions.add_parser("add", help="bookmark a point on a platform",
                               description="Bookmark an integration point on a platform. The point "
                               "and platform must be in the catalog and the point must not be marked "
                               "not-available there. Adding an existing bookmark with --note sets its note.")
    _target_arguments(adder)
    adder.add_argument("--note", metavar="TEXT", help="a note to keep with the bookmark")
    adder.add_argument("--shortlist", metavar="NAME", help="shortlist to add to (made if it does not exist)")
    add_catalog_options(adder, suppress=True)

    remover = actions.add_parser("remove", help="remove a bookmark",
                                 description="Remove a bookmark. Works for bookmarks whose point has "
                                 "left the catalog too.")
    _target_arguments(remover)
    remover.add_argument("--shortlist", metavar="NAME", help="shortlist to remove from")
    add_catalog_options(remover, suppress=True)


def _target_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("point", metavar="ID", help="integration point id, e.g. gamma.rest")
    parser.add_argument("--platform", "-p", metavar="P", required=True, help="platform id")


def run(args: argparse.Namespace) -> int:
    catalog = load(args)
    folder = paths.config_dir(getattr(args, "config_dir", None))
    action = {"list": _list, "add": _add, "remove": _remove}[args.bookmarks_action]
    return action(args, catalog, folder)


def _open(folder) -> BookmarkStore:
    store, warnings = BookmarkStore.open(folder)
    _warn(warnings)
    return store


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        err(f"warning: {warning}")


def _refuse(message: str) -> int:
    err(f"{message} (nothing was changed)")
    return EXIT_PROBLEMS


def _save(store: BookmarkStore) -> bool:
    saved = store.save()
    _warn(store.take_warnings())
    if not saved:
        err(f"the change could not be saved to {store.path}")
    return saved


# -- add / remove ----------------------------------------------------------------------------


def unknown_warning(catalog: Catalog, point_id: str, platform_id: str) -> str | None:
    """A warning for a bookmark on a platform where the catalog does not know whether the point
    is available (unknown is never "no", so it is added, but not silently)."""
    point = catalog.find_point(point_id)
    av = point.on(platform_id) if point is not None else None
    if av is None or av.status is not Status.UNKNOWN:
        return None
    note = f" ({av.note})" if av.note else ""
    return (f"warning: the catalog does not say whether {point_id} is available on {platform_id}"
            f"{note}; it is bookmarked anyway")


def _add(args: argparse.Namespace, catalog: Catalog, folder) -> int:
    reason = check_target(catalog, args.point, args.platform)
    if reason:
        return _refuse(reason)
    doubt = unknown_warning(catalog, args.point, args.platform)
    try:
        note = clean_note(args.note or "")
    except ValueError as exc:
        return _refuse(str(exc))
    store = _open(folder)
    if not store.persistent:
        return _refuse(f"bookmarks cannot be saved in {folder}")
    try:
        name = args.shortlist
        created = name is not None and not store.has_shortlist(name)
        if created:
            name = store.create_shortlist(name)
        target = store.shortlist(name)
        added = store.add(args.point, args.platform, note=note, shortlist=target.name)
        if not added and args.note is not None:
            store.set_note(args.point, args.platform, note, shortlist=target.name)
    except BookmarkError as exc:
        return _refuse(str(exc))
    if not store.dirty:
        print(f"{args.point} on {args.platform} is already bookmarked in {target.name!r}")
        return EXIT_OK
    if not _save(store):
        return EXIT_PROBLEMS
    if doubt:
        err(doubt)
    made = " (new shortlist)" if created else ""
    verb = "bookmarked" if added else "updated the note of"
    print(f"{verb} {args.point} on {args.platform} in {target.name!r}{made}")
    return EXIT_OK


def _remove(args: argparse.Namespace, catalog: Catalog, folder) -> int:
    store = _open(folder)
    try:
        target = store.shortlist(args.shortlist)
    except BookmarkError as exc:
        return _refuse(str(exc))
    if not store.remove(args.point, args.platform, shortlist=target.name):
        reason = check_target(catalog, args.point, args.platform)
        missing = f"{args.point} on {args.platform} is not bookmarked in {target.name!r}"
        return _refuse(f"{missing}; {reason}" if reason else missing)
    if not store.persistent:
        return _refuse(f"bookmarks cannot be saved in {folder}")
    if not _save(store):
        return EXIT_PROBLEMS
    print(f"removed {args.point} on {args.platform} from {target.name!r}")
    return EXIT_OK


# -- list ------------------------------------------------------------------------------------


def _list(args: argparse.Namespace, catalog: Catalog, folder) -> int:
    store = _open(folder)
    try:
        shortlists = (store.shortlist(args.shortlist),) if args.shortlist else store.shortlists
    except BookmarkError as exc:
        err(str(exc))
        return EXIT_PROBLEMS
    active = store.active.name
    if args.json:
        json.dump(_json(store, shortlists, catalog, folder), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for i, shortlist in enumerate(shortlists):
            if i:
                print()
            print("\n".join(_text(shortlist, shortlist.name == active, catalog)))
    return EXIT_OK


def _text(shortlist: Shortlist, active: bool, catalog: Catalog) -> list[str]:
    count = len(shortlist.bookmarks)
    amount = f"{count} bookmark{'s' if count != 1 else ''}" if count else "no bookmarks"
    lines = [f"{shortlist.name}{' (active)' if active else ''}: {amount}"]
    groups = group_by_platform(shortlist, catalog)
    entries = [r for g in groups for r in g.entries]
    id_width = max((len(r.bookmark.point) for r in entries), default=0)
    name_width = max((len(r.point_name) for r in entries), default=0)
    for group in groups:
        lines.append(f"  {group.title}" + (f" [--platform {group.platform_id}]" if group.platform else ""))
        for r in group.entries:
            line = f"    {r.bookmark.point:<{id_width}}  {r.point_name:<{name_width}}  {r.availability_text()}"
            if r.bookmark.note:
                line += f"  note: {r.bookmark.note}"
            lines.append(line.rstrip())
    return lines


def _json(store: BookmarkStore, shortlists, catalog: Catalog, folder) -> dict:
    return {
        "version": JSON_VERSION,
        "file": str(folder / FILE_NAME),
        "active": store.active.name,
        "shortlists": [
            {
                "name": s.name,
                "created": s.created,
                "active": s.name == store.active.name,
                "bookmarks": [_json_entry(r, g) for g in group_by_platform(s, catalog) for r in g.entries],
            }
            for s in shortlists
        ],
    }


def _json_entry(r: Resolved, group: PlatformGroup) -> dict:
    av = r.availability
    return {
        "point": r.bookmark.point,
        "platform": r.bookmark.platform,
        "note": r.bookmark.note,
        "added": r.bookmark.added,
        "missing": r.missing,
        "point_name": r.point.name if r.point else None,
        "platform_name": group.platform.name if group.platform else None,
        "status": r.status.value if r.status else None,
        "environments": list(av.environments) if av and r.status and r.status.present else [],
        "clients": list(av.clients) if av and r.status and r.status.present else [],
    }
