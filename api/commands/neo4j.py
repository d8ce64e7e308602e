"""`fengqiao neo4j fetch | start | stop | status | env | init`."""

from __future__ import annotations

import argparse
import shlex


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "neo4j", help="the local Neo4j server (or the one NEO4J_URI names)"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, run, text in [
        ("fetch", fetch, "download the Neo4j jars from Maven Central into the cache (once)"),
        ("start", start, "start the local Neo4j in the background; returns once Bolt answers"),
        ("stop", stop, "stop the local Neo4j and wait for it to exit"),
        ("status", status, "where Neo4j runs, its version, where its data and logs are"),
        ("env", env, "print export lines for NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD"),
        ("init", init, "apply the schema (constraints, indexes, conversions); safe to repeat"),
    ]:
        actions.add_parser(name, help=text).set_defaults(run=run)


def fetch(_args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.local.runtime import ensure_runtime, require_java

    config = Settings().local_server()
    require_java()
    lib = ensure_runtime(config.cache_dir, config.version, config.browser_version)
    print(f"Neo4j {config.version} is in {lib}.")
    return 0


def start(_args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.local.instance import LocalNeo4j

    settings = Settings()
    if settings.uses_external_neo4j:
        print(f"NEO4J_URI is set: using the Neo4j at {settings.neo4j_uri}; nothing to start.")
        return 0
    state = LocalNeo4j(settings.local_server()).start()
    print(f"Neo4j {state.version} is running (pid {state.pid}).")
    print(f"  Bolt:    {state.bolt_uri}")
    print(f"  Browser: {state.http_url}/browser/  (user neo4j; password: `fengqiao neo4j env`)")
    return 0


def stop(_args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.local.instance import LocalNeo4j

    settings = Settings()
    if settings.uses_external_neo4j:
        print(f"NEO4J_URI is set: the Neo4j at {settings.neo4j_uri} is not ours to stop.")
        return 0
    stopped = LocalNeo4j(settings.local_server()).stop()
    print("Neo4j stopped." if stopped else "The local Neo4j was not running.")
    return 0


def status(_args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.connection import connect, server_version
    from graph.local.instance import LocalNeo4j

    settings = Settings()
    if settings.uses_external_neo4j:
        target = settings.neo4j_target()
        with connect(target) as driver:
            version = server_version(driver, target.database)
        print(
            f"Using the existing Neo4j at {target.uri} (NEO4J_URI), database {target.database}: {version}."
        )
        return 0
    local = LocalNeo4j(settings.local_server())
    state = local.status()
    if not state.running:
        print("The local Neo4j is not running: `fengqiao neo4j start` starts it.")
        print(f"  Data: {state.data_dir}\n  Logs: {state.logs_dir}")
        return 3
    print(f"The local Neo4j is running (pid {state.pid}), version {state.version or 'unknown'}.")
    print(f"  Bolt:    {state.bolt_uri}")
    print(f"  Browser: {state.http_url}/browser/")
    print(f"  Data:    {state.data_dir}")
    print(f"  Logs:    {state.logs_dir}")
    return 0


def env(_args: argparse.Namespace) -> int:
    from api.settings import Settings

    target = Settings().neo4j_target()
    for key, value in [
        ("NEO4J_URI", target.uri),
        ("NEO4J_USER", target.user),
        ("NEO4J_USERNAME", target.user),
        ("NEO4J_PASSWORD", target.password),
        ("NEO4J_DATABASE", target.database),
    ]:
        print(f"export {key}={shlex.quote(value)}")
    return 0


def init(_args: argparse.Namespace) -> int:
    from api.settings import Settings
    from graph.connection import connect
    from graph.schema import apply_schema

    target = Settings().neo4j_target()
    with connect(target) as driver:
        count = apply_schema(driver, target.database)
    print(
        f"Schema applied to {target.uri}: {count} statements (constraints, indexes, conversions)."
    )
    return 0
