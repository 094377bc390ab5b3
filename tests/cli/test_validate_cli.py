"""`so-explorer validate` and catalog errors from every command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from explorer.cli import main
from explorer.core.catalog import json_schema, schema_text
from tests.catalogs import FIXTURES, ROOT

BAD = ROOT / "tests" / "unit" / "catalog" / "fixtures" / "bad"


def test_validate_clean_catalog(capsys):
    assert main(["validate", str(FIXTURES / "mini.yaml")]) == 0
    assert "ok: 3 platforms, 6 integration points, 4 capability rows" in capsys.readouterr().out


def test_validate_reports_every_problem_and_exits_1(capsys):
    assert main(["validate", str(BAD / "planted.yaml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].endswith("problems") and int(out[-1].split()[0]) >= 15
    assert all(line.startswith(str(BAD / "planted.yaml") + ":") for line in out[:-1])


def test_validate_several_paths_reports_problems_of_each(capsys):
    bad = BAD
    assert main(["validate", str(bad / "empty.yaml"), str(bad / "python_tag.yaml")]) == 1
    out = capsys.readouterr().out
    assert "empty.yaml:1:1:" in out and "python_tag.yaml:2:" in out


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as info:
        main(["validate", "--no-such-flag"])
    assert info.value.code == 2


def test_app_refuses_bad_catalog_with_exit_2_and_no_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--catalog", str(BAD / "string_for_list.yaml")],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "environments: expected a list, got a string" in result.stderr
    assert result.stdout == ""


def test_unknown_platform_is_a_usage_error(capsys):
    code = main(["--catalog", str(FIXTURES / "mini.yaml"), "--platforms", "alpha,nope"])
    assert code == 2
    assert "unknown platform 'nope'" in capsys.readouterr().err


def test_committed_schema_matches_the_spec():
    assert (ROOT / "catalog" / "schema.json").read_text() == schema_text()


def test_bundled_catalog_satisfies_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json_schema()
    for path in sorted((ROOT / "catalog").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=./schema.json")
    mini = yaml.safe_load((FIXTURES / "mini.yaml").read_text())
    jsonschema.validate(mini, json.loads(schema_text()))
