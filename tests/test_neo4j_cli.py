"""`fengqiao neo4j ...` as a user runs it: start, status, stop, and the failures
that must read as one sentence, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from graph.local.instance import free_port


def fengqiao(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def local_env(home: Path, bolt: int, http: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        FENGQIAO_HOME=str(home),
        FENGQIAO_NEO4J_BOLT_PORT=str(bolt),
        FENGQIAO_NEO4J_HTTP_PORT=str(http),
        FENGQIAO_NEO4J_HEAP="512m",
        FENGQIAO_NEO4J_PAGECACHE="128m",
    )
    return env


def our_java_processes(home: Path) -> list[str]:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return [
        line for line in out.splitlines() if "CommunityEntryPoint" in line and str(home) in line
    ]


def test_start_status_env_stop(tmp_path):
    env = local_env(tmp_path / "state", free_port(), free_port())
    started = fengqiao("neo4j", "start", env=env)
    try:
        assert started.returncode == 0, started.stderr
        assert "Fetching" not in started.stdout, "a cached runtime must not be downloaded again"
        status = fengqiao("neo4j", "status", env=env)
        assert status.returncode == 0
        assert "is running" in status.stdout and "5.26" in status.stdout
        assert str(tmp_path / "state" / "neo4j" / "data") in status.stdout
        password_file = tmp_path / "state" / "neo4j" / "password"
        assert password_file.stat().st_mode & 0o777 == 0o600

        exports = fengqiao("neo4j", "env", env=env).stdout
        assert f"export NEO4J_URI=bolt://127.0.0.1:{env['FENGQIAO_NEO4J_BOLT_PORT']}" in exports
        assert f"export NEO4J_PASSWORD={password_file.read_text().strip()}" in exports

        init = fengqiao("neo4j", "init", env=env)
        assert init.returncode == 0 and "Schema applied" in init.stdout
    finally:
        stopped = fengqiao("neo4j", "stop", env=env)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert our_java_processes(tmp_path / "state") == []
    after = fengqiao("neo4j", "status", env=env)
    assert after.returncode == 3 and "not running" in after.stdout


def test_wrong_password_is_one_clear_sentence(neo4j_target):
    env = dict(os.environ, NEO4J_URI=neo4j_target.uri, NEO4J_USER="neo4j", NEO4J_PASSWORD="wrong")
    result = fengqiao("neo4j", "status", env=env)
    assert result.returncode == 1
    assert "password is wrong" in result.stderr and "NEO4J_PASSWORD" in result.stderr
    assert "Traceback" not in result.stderr


def test_port_taken_is_one_clear_sentence(tmp_path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        env = local_env(tmp_path / "state", blocker.getsockname()[1], free_port())
        result = fengqiao("neo4j", "start", env=env)
    assert result.returncode == 1
    assert "already taken" in result.stderr and "FENGQIAO_NEO4J_BOLT_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_java_is_one_clear_sentence(tmp_path):
    env = local_env(tmp_path / "state", free_port(), free_port())
    env["PATH"] = str(Path(sys.executable).parent)  # python, but no java
    result = fengqiao("neo4j", "start", env=env)
    assert result.returncode == 1
    assert "Java is not installed" in result.stderr
    assert "Traceback" not in result.stderr
