"""Neo4j's jars, resolved from Maven Central into a cache outside the repository.

Resolved once per version: a later start finds the `.complete` marker and
downloads nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from graph.errors import GraphError

POM = Path(__file__).with_name("pom.xml")
MIN_JAVA = 17


def require_java() -> str:
    """Path of a Java 17+ runtime, or a sentence saying how to get one."""
    java = shutil.which("java")
    if java is None:
        raise GraphError(
            "Java is not installed: the local Neo4j needs Java 17 or newer "
            "(on Debian/Ubuntu: `sudo apt-get install openjdk-17-jre-headless`), "
            "or set NEO4J_URI to use an existing Neo4j."
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    major = int(match.group(1)) if match else 0
    if major == 1 and match and match.group(2):  # "1.8" style
        major = int(match.group(2))
    if major < MIN_JAVA:
        raise GraphError(
            f"Java {major or '?'} found at {java}, but the local Neo4j needs Java {MIN_JAVA} or newer: "
            "install openjdk-17-jre-headless and put it first on PATH."
        )
    return java


def lib_dir(cache_dir: Path, version: str) -> Path:
    return cache_dir / version / "lib"


def ensure_runtime(cache_dir: Path, version: str, browser_version: str) -> Path:
    """The folder of jars for this Neo4j version, fetched with Maven if not cached yet."""
    lib = lib_dir(cache_dir, version)
    marker = lib.parent / ".complete"
    if marker.exists():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise GraphError(
            "Maven is not installed: the local Neo4j is fetched from Maven Central with it "
            "(on Debian/Ubuntu: `sudo apt-get install maven`)."
        )
    staging = lib.parent / "lib.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    print(f"Fetching Neo4j {version} from Maven Central into {lib} (once) ...", flush=True)
    proc = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-f",
            str(POM),
            f"-Dneo4j.version={version}",
            f"-Dneo4j.browser.version={browser_version}",
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={staging}",
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-5:])
        raise GraphError(
            f"Maven could not fetch Neo4j {version} (is Maven Central reachable?). Maven said:\n{tail}"
        )
    shutil.rmtree(lib, ignore_errors=True)
    staging.rename(lib)
    marker.write_text(version + "\n")
    return lib
