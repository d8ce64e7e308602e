"""The package as a user installs it: `pip install .` into a clean virtual environment,
no extras, then `fengqiao` run from a folder outside the source tree, so that nothing
is read from the repository: its Cypher, data files, the shipped training file and
the Maven pom must all be in the wheel.

The wheel is built from a copy of the tree (setuptools' build/ folder would otherwise
keep files the tree no longer has). Dependencies are installed with pip at the
versions this test environment has, which pip's cache already holds after
`make install`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from importlib.metadata import distributions, version
from pathlib import Path

import pytest

from graph.local.instance import free_port

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("api", "cypher", "graph", "resolution")
PEOPLE = "query($name: String!) { people(search: $name, first: 20) { edges { node { name } } } }"
NOT_BUILT = {".git", ".venv", "build", "fengqiao.egg-info", "out", "data", "tests"}
NOT_BUILT |= {".pytest_cache", ".ruff_cache", ".hypothesis"}


@dataclass
class Installed:
    wheel: Path
    venv: Path
    home: Path
    cwd: Path

    def fengqiao(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.venv / "bin" / "fengqiao"), *args],
            cwd=self.cwd,
            env=env or self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )

    def env(self, **extra: str) -> dict[str, str]:
        """The environment less anything that points at this checkout or another server."""
        kept = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("NEO4J_", "FENGQIAO_", "PYTHON", "VIRTUAL_ENV"))
        }
        return {**kept, "FENGQIAO_HOME": str(self.home), **extra}


def not_built(folder: str, names: list[str]) -> set[str]:
    """What the wheel is not built from: compiled files, and the checkout's own state."""
    return {n for n in names if n == "__pycache__" or (Path(folder) == ROOT and n in NOT_BUILT)}


def run(*command: str | Path, cwd: Path) -> None:
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source, dist, venv = base / "source", base / "dist", base / "venv"
    shutil.copytree(ROOT, source, ignore=not_built)
    run(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-w", dist, cwd=base)
    (wheel,) = dist.glob("fengqiao-*.whl")
    pins = base / "constraints.txt"
    pins.write_text(
        "".join(
            f"{d.metadata['Name']}=={d.version}\n"
            for d in distributions()
            if d.metadata["Name"] != "fengqiao"
        )
    )
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    pip = [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install"]
    run(*pip, "--quiet", "--no-compile", "--constraint", pins, wheel, cwd=base)
    cwd = base / "elsewhere"
    cwd.mkdir()
    return Installed(wheel=wheel, venv=venv, home=base / "home", cwd=cwd)


def test_every_data_file_of_the_packages_is_in_the_wheel(installed: Installed):
    shipped = set(zipfile.ZipFile(installed.wheel).namelist())
    data_files = [
        path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and path.name != "README.md"  # documentation, read in the repository
    ]
    assert len(data_files) > 80  # the Cypher, normalisation tables, training file, pom
    assert sorted(set(data_files) - shipped) == []


def test_code_and_cypher_come_from_the_installed_package(installed: Installed):
    where = subprocess.run(
        [
            str(installed.venv / "bin" / "python"),
            "-c",
            "import api, graph.statements as s, graph.local.runtime as r, "
            "resolution.model.store as m; "
            "print(api.__file__, s.CYPHER_DIR, r.POM, m.SHIPPED_TRAINING, sep='\\n')",
        ],
        cwd=installed.cwd,
        env=installed.env(),
        capture_output=True,
        text=True,
    )
    assert where.returncode == 0, where.stderr
    paths = [Path(line) for line in where.stdout.splitlines()]
    assert len(paths) == 4
    for path in paths:
        assert path.is_relative_to(installed.venv) and path.exists(), path


def test_help_and_version(installed: Installed):
    helped = installed.fengqiao("--help")
    assert helped.returncode == 0, helped.stderr
    assert "ingest" in helped.stdout and "neo4j" in helped.stdout and "serve" in helped.stdout
    versioned = installed.fengqiao("--version")
    assert versioned.returncode == 0, versioned.stderr
    assert versioned.stdout == f"fengqiao {version('fengqiao')}\n"


def test_a_benchmark_needing_a_dev_package_says_so_at_once(installed: Installed):
    benched = installed.fengqiao("bench", "api")
    assert benched.returncode == 1
    assert "needs httpx" in benched.stderr and "fengqiao[dev]" in benched.stderr
    assert "Traceback" not in benched.stderr


def test_neo4j_status_of_the_local_and_of_an_existing_server(installed: Installed, neo4j_target):
    local = installed.fengqiao("neo4j", "status")
    assert local.returncode == 3, local.stderr
    assert "not running" in local.stdout and str(installed.home) in local.stdout
    existing = installed.fengqiao("neo4j", "status", env=installed.env(**neo4j_env(neo4j_target)))
    assert existing.returncode == 0, existing.stderr
    assert f"Using the existing Neo4j at {neo4j_target.uri}" in existing.stdout
    assert "5.26" in existing.stdout


def test_generate_ingest_and_serve(installed: Installed, graph, neo4j_target, tmp_path):
    env = installed.env(**neo4j_env(neo4j_target))
    generated = installed.fengqiao(
        "generate", str(tmp_path / "in"), "--persons", "200", "--seed", "15"
    )
    assert generated.returncode == 0, generated.stderr
    ingested = installed.fengqiao(
        "ingest", str(tmp_path / "in"), "--out", str(tmp_path / "out"), env=env
    )
    assert ingested.returncode == 0, ingested.stderr
    assert "ingested (first build)" in ingested.stdout  # the batch's line; progress on stderr
    assert "Resolved" in ingested.stderr and "repeat-dispute networks" in ingested.stderr
    persons = graph.execute_query(
        "MATCH (p:Person) RETURN count(p) AS persons, min(p.name) AS name"
    ).records[0]
    assert persons["persons"] > 150
    name = persons["name"]

    token = installed.fengqiao("token", "create", "--user", "wheel", "--role", "analyst", env=env)
    assert token.returncode == 0, token.stderr
    port = free_port()
    server = subprocess.Popen(
        [str(installed.venv / "bin" / "fengqiao"), "serve", "--port", str(port)],
        cwd=installed.cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_ready(url, server)
        request = urllib.request.Request(
            f"{url}/graphql",
            data=json.dumps({"query": PEOPLE, "variables": {"name": name}}).encode(),
            headers={
                "Authorization": f"Bearer {token.stdout.strip()}",
                "Content-Type": "application/json",
                "X-Purpose": "wheel test",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.loads(response.read())
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "errors" not in answer, answer
    assert name in [e["node"]["name"] for e in answer["data"]["people"]["edges"]]


def neo4j_env(target) -> dict[str, str]:
    return {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password,
        "NEO4J_DATABASE": target.database,
    }


def wait_until_ready(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read()
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("fengqiao serve from the wheel did not become ready in 120 s")
