"""`so-explorer search`: table, JSON, filters, limits and exit codes."""

from __future__ import annotations

import json

import pytest

from explorer.cli import main
from tests.catalogs import FIXTURES

MINI = str(FIXTURES / "mini.yaml")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["search", *args, "--catalog", MINI])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_is_aligned_and_ranked(capsys):
    code, out, _ = run(capsys, "web")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["SCORE", "NAME", "PLATFORMS", "CAPABILITY", "ID"]
    # columns line up: every row has its id where the header has ID
    column = lines[0].index("ID")
    assert all(line[column:].split()[0].count(".") == 1 for line in lines[1:])
    assert lines[1].split()[-1] in {"alpha.panels", "beta.panels", "gamma.webhooks"}
    scores = [float(line.split()[0]) for line in lines[1:]]
    assert scores == sorted(scores, reverse=True)


def test_table_lists_each_point_once_with_its_platforms(capsys):
    """Issue 13 item 16: Webhooks is on beta and gamma: one line, both platforms."""
    code, out, _ = run(capsys, "webhooks")
    assert code == 0
    lines = out.splitlines()
    ids = [line.split()[-1] for line in lines[1:]]
    assert len(ids) == len(set(ids)) and "gamma.webhooks" in ids
    hooks = next(line for line in lines if line.endswith("gamma.webhooks"))
    platforms = hooks[lines[0].index("PLATFORMS"): lines[0].index("CAPABILITY")].strip()
    assert platforms == "Beta, Gamma"  # catalog column order
    code, out, _ = run(capsys, "webhooks", "--platforms", "gamma")
    hooks = next(line for line in out.splitlines() if line.endswith("gamma.webhooks"))
    assert "Beta" not in hooks


def test_limit_counts_points_in_the_table_and_in_json(capsys):
    code, out, _ = run(capsys, "e", "--limit", "0")
    every = [line.split()[-1] for line in out.splitlines()[1:]]
    assert code == 0 and len(every) > 3
    code, out, _ = run(capsys, "e", "--limit", "3")
    assert [line.split()[-1] for line in out.splitlines()[1:]] == every[:3]
    code, out, _ = run(capsys, "e", "--limit", "3", "--json")
    records = json.loads(out)
    assert list(dict.fromkeys(d["id"] for d in records)) == every[:3]  # one record per pair, 3 points


def test_json_output_has_stable_keys_and_name_spans(capsys):
    code, out, _ = run(capsys, "webhok", "--json")
    assert code == 0
    data = json.loads(out)
    keys = ["id", "name", "platform", "capability", "score", "spans", "explain"]
    assert [list(item) for item in data] == [keys] * len(data)
    assert {(d["id"], d["platform"]) for d in data} == {("gamma.webhooks", "gamma"), ("gamma.webhooks", "beta")}
    assert data[0]["capability"] == "hooks"
    name = data[0]["name"]
    assert "".join(name[a:b] for a, b in data[0]["spans"]).lower() == "webhok"


def test_query_words_join_into_one_query(capsys):
    code, out, _ = run(capsys, "web", "panels", "--json")
    assert code == 0
    assert {d["id"] for d in json.loads(out)} == {"alpha.panels", "beta.panels"}


def test_filters_and_platforms_restrict_hits(capsys):
    code, out, _ = run(capsys, "webhooks", "--platforms", "beta", "--json")
    assert code == 0 and [d["platform"] for d in json.loads(out)] == ["beta"]
    # SOAP services are onsite only
    code, out, _ = run(capsys, "soap", "--env", "cloud", "--json")
    assert code == 1 and json.loads(out) == []
    code, out, _ = run(capsys, "panels", "--client", "win", "--json")
    assert code == 0 and [d["id"] for d in json.loads(out)] == ["alpha.panels"]


def test_limit(capsys):
    code, out, _ = run(capsys, "e", "--json", "--limit", "2")
    assert code == 0 and len({d["id"] for d in json.loads(out)}) == 2
    code, out, _ = run(capsys, "e", "--json", "--limit", "0")
    assert len({d["id"] for d in json.loads(out)}) > 2


def test_nothing_matched_exits_1(capsys):
    code, out, err = run(capsys, "zzzqqq")
    assert code == 1 and out == "" and "no match" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (("web", "--limit", "lots"), "--limit must be a whole number"),
        (("web", "--limit", "-3"), "--limit must be 0"),
        (("web", "--platforms", "nope"), "unknown platform 'nope'"),
        (("!web",), "the query has no term to search for (exclusions alone match nothing)"),
        (("",), "the query is empty"),
        (("   ",), "the query is empty"),
        (("'",), "has no term to search for"),
    ],
)
def test_usage_errors_exit_2(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and message in err
    if not "".join(args).strip():  # issue 13 item 18: no exclusions were given, so none are blamed
        assert "exclusion" not in err


def test_hostile_catalog_text_is_cleaned(tmp_path, capsys):
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(text.replace("name: Webhooks", 'name: "Web\\e[31mhooks\\e]52;c;aGk=\\a"'), encoding="utf-8")
    code = main(["search", "webhooks", "--catalog", str(hostile)])
    out = capsys.readouterr().out
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "Webhooks" in out


#: The examples of issue 15, on the bundled catalog: query → the points one of which comes first.
ISSUE_EXAMPLES = {
    "wehbook": {"netserver.webhooks"},
    "webhuk": {"netserver.webhooks"},
    "web hooks": {"netserver.webhooks"},
    "ticket trigger": {"netserver.crmscript-triggers"},
    "custom objects": {"netserver.custom-objects-api"},
    "notify our server when a ticket changes": {"netserver.webhooks", "netserver.crmscript-triggers"},
    "show our data inside superoffice": {"win.web-panels", "web.web-panels", "online.web-panels", "service.web-panels"},
    "import thousands of records": {"netserver.mass-operations", "netserver.bulk-update"},
    "single sign on": {"online.federated-auth"},
    "web api": {"netserver.rest-webapi", "netserver.agents-webapi"},
}


@pytest.mark.parametrize("query", list(ISSUE_EXAMPLES))
def test_the_issues_examples_come_first_on_the_bundled_catalog(capsys, query):
    code = main(["search", *query.split(), "--json", "--limit", "3"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data[0]["id"] in ISSUE_EXAMPLES[query], data


def test_json_says_what_a_synonym_matched(capsys):
    code = main(["search", "single", "sign", "on", "--json", "--limit", "1"])
    (first,) = json.loads(capsys.readouterr().out)
    assert code == 0 and first["id"] == "online.federated-auth"
    assert first["explain"] == ["single sign on → sso"]
