"""Build the wheel, install it in a fresh virtual environment, and run it from elsewhere.

No network: the wheel is built without build isolation (hatchling is a test dependency), and
the fresh environment reaches the already-installed runtime dependencies through a .pth file,
while so-explorer itself must come from the wheel, bundled catalog included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.catalogs import ROOT

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=300, env=env, check=False)


def test_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    built = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "--no-index", "-w", str(dist), str(ROOT), cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("so_explorer-*.whl"))

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = Path(run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=tmp_path).stdout.strip())
    # Runtime dependencies come from this environment; so-explorer must come from the wheel.
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_deps_from_test_env.pth").write_text("\n".join(sorted(deps)) + "\n")
    installed = run(
        sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
        str(wheel), cwd=tmp_path,
    )
    if installed.returncode != 0 and "no such option: --python" in installed.stderr:
        pytest.skip("pip is too old for --python")
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    exe = str(bindir / "so-explorer")
    version = run(exe, "--version", cwd=elsewhere, env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("so-explorer ")

    validated = run(exe, "validate", cwd=elsewhere, env=env)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "ok: 5 platforms" in validated.stdout
    assert str(site) in validated.stdout  # the catalog came from the installed package
    assert str(ROOT) not in validated.stdout

    where = run(str(python), "-c", "import explorer; print(explorer.__file__)", cwd=elsewhere, env=env)
    assert where.stdout.strip().startswith(str(site))
