"""One local Neo4j server: its folders, configuration, password, process.

Layout under `home`: `conf/neo4j.conf`, `data/`, `logs/` (neo4j.log, debug.log,
console.log), `run/neo4j.pid`, and `password` (mode 0600).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph.connection import Neo4jTarget, open_driver, server_version
from graph.errors import GraphError
from graph.local.runtime import ensure_runtime, require_java

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# The throughput collector, not G1: with a 2 GiB heap on 2 cores its pauses stay short,
# and G1's write barriers and concurrent marking cost the loader's and a batch's
# transactions CPU the server has no spare of (a first online load of 20,000 persons
# into a just-started server: 39.0 s with G1, 28.2 s with it; docs/benchmarks.md).
JVM_OPTIONS = [
    "-XX:+UseParallelGC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
]


@dataclass(frozen=True)
class LocalServerConfig:
    home: Path
    cache_dir: Path
    version: str = "5.26.30"
    browser_version: str = "5.24.0"
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "2g"
    pagecache: str = "2g"
    start_timeout_s: float = 180.0
    guide_url: str = "http://127.0.0.1:8000/guide"  # the API's Neo4j Browser guide

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def import_marker(self) -> Path:
        """Present while a bulk import writes the store (graph/bulk_import.py); it names
        the database being imported."""
        return self.home / "run" / "bulk-import"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    def target(self) -> Neo4jTarget:
        return Neo4jTarget(self.bolt_uri, "neo4j", self.read_password(), "neo4j")

    def read_password(self) -> str:
        try:
            return self.password_file.read_text().strip()
        except FileNotFoundError:
            raise GraphError(
                f"The local Neo4j has not been set up yet (no {self.password_file}): "
                "run `fengqiao neo4j start`."
            ) from None


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    http_url: str
    version: str | None
    data_dir: Path
    logs_dir: Path


class LocalNeo4j:
    def __init__(self, config: LocalServerConfig) -> None:
        self.config = config

    # -- lifecycle -----------------------------------------------------------

    def start(self) -> ServerStatus:
        """Start in the background and return once Bolt answers with our password."""
        cfg = self.config
        if self.running_pid() is not None:
            return self.status()
        java = require_java()
        lib = ensure_runtime(cfg.cache_dir, cfg.version, cfg.browser_version)
        for port in (cfg.bolt_port, cfg.http_port):
            _require_free_port(port)
        first_time = not cfg.password_file.exists()
        self._write_config()
        self.discard_unfinished_import()
        if first_time:
            self._set_initial_password(java, lib)
        with open(cfg.logs_dir / "console.log", "ab") as console:
            proc = subprocess.Popen(
                [
                    java,
                    f"-Xms{cfg.heap}",
                    f"-Xmx{cfg.heap}",
                    *JVM_OPTIONS,
                    "-cp",
                    f"{lib}/*",
                    ENTRY_POINT,
                    f"--home-dir={cfg.home}",
                    f"--config-dir={cfg.home / 'conf'}",
                ],
                stdout=console,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env=self._env(),
            )
        cfg.pid_file.parent.mkdir(parents=True, exist_ok=True)
        cfg.pid_file.write_text(f"{proc.pid}\n")
        self._wait_for_bolt(proc)
        return self.status()

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop our server by its pid and wait for it to exit. False if it was not running."""
        pid = self.running_pid()
        if pid is None:
            self.config.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while process_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if process_alive(pid):
            os.kill(pid, signal.SIGKILL)
            while process_alive(pid):
                time.sleep(0.1)
        self.config.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> ServerStatus:
        cfg = self.config
        pid = self.running_pid()
        version = None
        if pid is not None:
            try:
                driver = open_driver(cfg.target())
                try:
                    version = server_version(driver)
                finally:
                    driver.close()
            except GraphError:
                version = None
        return ServerStatus(
            pid is not None, pid, cfg.bolt_uri, cfg.http_url, version, cfg.data_dir, cfg.logs_dir
        )

    def running_pid(self) -> int | None:
        """The pid from our pid file, if that process is alive and is our Neo4j."""
        try:
            pid = int(self.config.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return None
        ours = ENTRY_POINT in cmdline and str(self.config.home) in cmdline
        return pid if ours and process_alive(pid) else None

    def discard_unfinished_import(self) -> None:
        """The store of a bulk import that did not finish (failed, or its process killed)
        is removed, so that the server creates that database empty again, as it was
        before the import: the first build that started it loads it again."""
        marker = self.config.import_marker
        if not marker.exists():
            return
        database = marker.read_text().strip()
        for folder in ("databases", "transactions"):
            shutil.rmtree(self.config.data_dir / folder / database, ignore_errors=True)
        marker.unlink()

    # -- set-up --------------------------------------------------------------

    def _write_config(self) -> None:
        cfg = self.config
        for folder in ("conf", "data", "logs", "run", "import", "plugins"):
            (cfg.home / folder).mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{cfg.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{cfg.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{cfg.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{cfg.http_port}",
            "server.https.enabled": "false",
            "server.directories.data": str(cfg.data_dir),
            "server.directories.logs": str(cfg.logs_dir),
            "server.directories.run": str(cfg.home / "run"),
            "server.directories.import": str(cfg.home / "import"),
            "server.directories.plugins": str(cfg.home / "plugins"),
            "server.memory.heap.initial_size": cfg.heap,
            "server.memory.heap.max_size": cfg.heap,
            "server.memory.pagecache.size": cfg.pagecache,
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            # Neo4j Browser, on a network with no internet: no telemetry, guides from
            # loopback only, and the API's guide played after connecting.
            "client.allow_telemetry": "false",
            "browser.remote_content_hostname_whitelist": "localhost,127.0.0.1",
            "browser.post_connect_cmd": f"play {cfg.guide_url}",
            "db.tx_log.rotation.retention_policy": "1 days",
        }
        lines = ["# Written by `fengqiao neo4j start`; edits are overwritten at the next start."]
        lines += [f"{key}={value}" for key, value in settings.items()]
        (cfg.home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n")

    def _set_initial_password(self, java: str, lib: Path) -> None:
        cfg = self.config
        # hex, not urlsafe: a password beginning with "-" reads as an option to neo4j-admin
        password = secrets.token_hex(18)
        proc = self.admin(["dbms", "set-initial-password", password], java=java, lib=lib)
        if proc.returncode != 0:
            raise GraphError(
                f"Could not set the local Neo4j's password: {proc.stderr.strip()[-300:]}"
            )
        fd = os.open(cfg.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password + "\n")

    def admin(
        self,
        arguments: list[str],
        java: str | None = None,
        lib: Path | None = None,
        jvm_options: tuple[str, ...] = (),
        log: Path | None = None,
    ) -> subprocess.CompletedProcess:
        """Run `neo4j-admin ARGUMENTS` (org.neo4j.cli.AdminTool from the cached jars) with
        this server's home and configuration; its output goes to `log` if given, else it
        is captured."""
        cfg = self.config
        java = java or require_java()
        lib = lib or ensure_runtime(cfg.cache_dir, cfg.version, cfg.browser_version)
        command = [java, *jvm_options, "-cp", f"{lib}/*", ADMIN_TOOL, *arguments]
        if log is None:
            return subprocess.run(command, capture_output=True, text=True, env=self._env())
        with open(log, "ab") as output:
            return subprocess.run(
                command,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._env(),
            )

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.config.home)
        env["NEO4J_CONF"] = str(self.config.home / "conf")
        return env

    def _wait_for_bolt(self, proc: subprocess.Popen) -> None:
        cfg = self.config
        deadline = time.monotonic() + cfg.start_timeout_s
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                cfg.pid_file.unlink(missing_ok=True)
                raise GraphError(
                    f"Neo4j stopped while starting (exit code {proc.returncode}); "
                    f"see {cfg.logs_dir / 'console.log'}:\n{_tail(cfg.logs_dir / 'console.log')}"
                )
            if _port_open(cfg.bolt_port):
                try:
                    open_driver(cfg.target()).close()
                    return
                except GraphError:
                    pass
            time.sleep(0.5)
        self.stop()
        raise GraphError(
            f"Neo4j did not answer on {cfg.bolt_uri} within {cfg.start_timeout_s:.0f} s; "
            f"see {cfg.logs_dir / 'neo4j.log'}."
        )


def _require_free_port(port: int) -> None:
    """Nothing listens on the port. Connections of a server just stopped may linger in
    TIME_WAIT; Neo4j binds with SO_REUSEADDR, so they do not stop a restart, nor here."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise GraphError(
                f"Port {port} on 127.0.0.1 is already taken (another Neo4j?): stop what uses it, "
                "or choose other ports with FENGQIAO_NEO4J_BOLT_PORT / FENGQIAO_NEO4J_HTTP_PORT."
            ) from None


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def process_alive(pid: int) -> bool:
    """Whether a process runs (a zombie child of ours counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def free_port() -> int:
    """A free loopback port, for disposable servers (tests, benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
