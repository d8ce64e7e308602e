"""`fengqiao bench api`: GraphQL latency and throughput beside the same Cypher run raw.

A generated set is resolved, loaded and analysed in a disposable Neo4j (or the
NEO4J_URI server, whose database is replaced); `fengqiao serve` runs as its own
process against it, as in production. Three operations are timed over HTTP with
a bearer token, each beside the Cypher statements it runs sent directly through the
driver: sequential requests, interleaved with the raw statements, for p50/p95, and
concurrent requests through a connection pool for throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import closing
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from api.benchmarks._measure import quiet
from api.benchmarks.graph import _prepared, bench_target, emptied
from api.commands.generate import positive

if TYPE_CHECKING:
    from graph.connection import Neo4jTarget

OPERATIONS = (
    "person(id) { counterparts }",
    "people(search, first: 20)",
    "repeatDisputeNetworks(first: 20)",
)
PERSON = """query($id: ID!) { person(id: $id) { id name idNumber phones
  counterparts { person { id name } incidents firstAt lastAt } } }"""
PEOPLE = """query($s: String!) { people(search: $s, first: 20) {
  edges { node { id name pinyin idNumber phones } } pageInfo { hasNextPage endCursor } } }"""
NETWORKS = """{ repeatDisputeNetworks(first: 20) { edges { node { id size incidentCount
  firstAt lastAt escalations trend riskScore } } pageInfo { hasNextPage endCursor } } }"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("api", help="GraphQL p50/p95 and throughput beside raw Cypher")
    parser.add_argument("--persons", type=positive, default=20_000)
    parser.add_argument("--seed", type=int, default=424_242)
    parser.add_argument("--requests", type=positive, default=300, help="per operation")
    parser.add_argument(
        "--warm-up", type=positive, default=100, help="untimed calls of each, per operation"
    )
    parser.add_argument("--concurrency", type=positive, default=8)
    parser.set_defaults(run=run)


@dataclass
class Timing:
    p50_ms: float
    p95_ms: float
    per_second: float | None  # concurrent requests per second; not measured for raw Cypher


def run(args: argparse.Namespace) -> int:
    if find_spec("httpx") is None:  # say so now, not after minutes of generating and loading
        raise SystemExit("error: `fengqiao bench api` needs httpx: pip install 'fengqiao[dev]'")
    from api.security.roles import Role
    from api.security.tokens import TokenStore
    from api.settings import Settings
    from graph.analyse import analyse
    from graph.connection import connect
    from graph.loader import load_result

    settings = Settings()
    with (
        tempfile.TemporaryDirectory(prefix="fengqiao-bench-") as scratch,
        bench_target(settings) as target,
    ):
        base = Path(scratch)
        with connect(target) as driver:
            _data, out = _prepared(settings, args.persons, args.seed, base)
            emptied(driver, target.database)
            load_result(driver, out, target.database, settings.loading(), progress=quiet)
            analyse(driver, settings.analysis(), target.database)
        token = TokenStore(base / "home" / "api" / "tokens.json").create("bench", Role.ANALYST)
        with _server(target, base / "home") as url:
            rows = asyncio.run(_compare(url, token, target, args))
    print(f"api --persons {args.persons:,} --seed {args.seed}, {args.requests} requests each")
    print(
        f"  {'operation':<34}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>8}"
        f"{'raw p50':>9}{'raw p95':>9}{'p95 x raw':>10}"
    )
    for name, api, raw in rows:
        print(
            f"  {name:<34}{api.p50_ms:>8.1f}{api.p95_ms:>8.1f}{api.per_second:>8.0f}"
            f"{raw.p50_ms:>9.1f}{raw.p95_ms:>9.1f}{api.p95_ms / raw.p95_ms:>10.2f}"
        )
    return 0


class _server:
    """`fengqiao serve` in a child process, on a free port, until the block ends."""

    def __init__(self, target: Neo4jTarget, home: Path) -> None:
        from graph.local.instance import free_port

        self.port = free_port()
        self.env = {
            **os.environ,
            "NEO4J_URI": target.uri,
            "NEO4J_USER": target.user,
            "NEO4J_PASSWORD": target.password,
            "NEO4J_DATABASE": target.database,
            "FENGQIAO_HOME": str(home),
            "FENGQIAO_API_PORT": str(self.port),
            # the benchmark's one token sends thousands of requests a minute by design
            "FENGQIAO_API_REQUESTS_PER_MINUTE": "0",
        }

    def __enter__(self) -> str:
        import httpx

        command = [sys.executable, "-m", "api.cli", "serve"]
        self.process = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    return url
            except httpx.TransportError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("fengqiao serve did not become ready within 60 s")

    def __exit__(self, *_exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


async def _compare(url: str, token: str, target: Neo4jTarget, args: argparse.Namespace):
    import httpx
    from neo4j import AsyncGraphDatabase

    from graph.statements import statement

    driver = AsyncGraphDatabase.driver(target.uri, auth=(target.user, target.password))
    # a purpose, as every read of persons states one (X-Purpose, docs/security.md)
    headers = {"Authorization": f"Bearer {token}", "X-Purpose": "benchmark"}
    async with driver, httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        people, names = await inputs(driver, target.database)

        async def raw(statement_name: str, /, **parameters: object) -> list:
            records, _, _ = await driver.execute_query(
                statement(statement_name), parameters, database_=target.database, routing_="r"
            )
            return records

        async def concurrent(payload: dict) -> tuple[int, bytes]:
            response = await client.post("/graphql", json=payload)
            return response.status_code, response.content

        with closing(_KeepAlive(url, headers)) as sequential:
            lean = _api_calls(sequential.post, people, names)
            pooled = _api_calls(concurrent, people, names)
            raw_calls = _raw_calls(raw, people, names)
            rows = []
            for name, api_call, raw_call, api_pooled in zip(
                OPERATIONS, lean, raw_calls, pooled, strict=True
            ):
                api_latency, raw_latency = await _latencies(api_call, raw_call, args)
                rate = await _throughput(api_pooled, args.requests, args.concurrency)
                rows.append((name, _timing(api_latency, rate), _timing(raw_latency, None)))
        return rows


_Post = Callable[[dict], Awaitable[tuple[int, bytes]]]


def _api_calls(post: _Post, people: list[str], names: list[str]) -> list[Callable]:
    """The OPERATIONS, each a GraphQL request sent through `post`."""

    async def graphql(query: str, **variables: object) -> None:
        status, content = await post({"query": query, "variables": variables})
        body = json.loads(content)
        if status != 200 or body.get("errors"):
            raise RuntimeError(f"the API answered {status}: {body}")

    return [
        lambda: graphql(PERSON, id=random.choice(people)),
        lambda: graphql(PEOPLE, s=random.choice(names)),
        lambda: graphql(NETWORKS),
    ]


def _raw_calls(
    raw: Callable[..., Awaitable[list]], people: list[str], names: list[str]
) -> list[Callable]:
    """The OPERATIONS as the Cypher statements the API runs for them."""
    from api.graphql.search import search_terms

    async def person() -> None:
        ids = [random.choice(people)]
        await raw("api/person", ids=ids, districts=None)
        await raw("api/counterparts", ids=ids, districts=None)

    async def search() -> None:
        await raw(
            "api/people_search",
            **search_terms(random.choice(names)),
            district=None,
            sex=None,
            bornFrom=None,
            bornUntil=None,
            districts=None,
            offset=0,
            limit=21,
        )

    async def networks() -> None:
        await raw(
            "api/networks",
            minIncidents=3,
            since=None,
            until=None,
            district=None,
            districts=None,
            offset=0,
            limit=21,
        )

    return [person, search, networks]


class _KeepAlive:
    """One keep-alive HTTP/1.1 connection (the standard library's http.client) for the
    sequential timings: the leanest client, so that a latency is the server's and not
    an async client library's (httpx's AsyncClient added about 0.8 ms a request here).
    It blocks the event loop while it waits, which is harmless when nothing else runs."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        address = urlsplit(url)
        self.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        self.headers = {**headers, "Content-Type": "application/json"}

    async def post(self, payload: dict) -> tuple[int, bytes]:
        self.connection.request("POST", "/graphql", json.dumps(payload), self.headers)
        response = self.connection.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self.connection.close()


async def inputs(driver, database: str) -> tuple[list[str], list[str]]:
    """Persons in disputes (so counterparts are not empty) and names people search for."""
    from graph.statements import statement

    records, _, _ = await driver.execute_query(
        statement("bench/people_in_disputes"),
        database_=database,
        routing_="r",
    )
    people = [r["id"] for r in records]
    names = [r["name"] for r in records if r["name"]]
    if not people:
        raise RuntimeError("the generated set has no persons in dispute")
    return people, names


async def _latencies(
    api_call: Callable[[], Awaitable[None]],
    raw_call: Callable[[], Awaitable[None]],
    args: argparse.Namespace,
) -> tuple[list[float], list[float]]:
    """Sequential latencies of both, interleaved so that they meet the same server state
    (a JIT still warming, a cache still filling) instead of one after the other."""
    for _ in range(args.warm_up):
        await api_call()
        await raw_call()
    api_ms: list[float] = []
    raw_ms: list[float] = []
    for _ in range(args.requests):
        for call, into in ((api_call, api_ms), (raw_call, raw_ms)):
            started = time.perf_counter()
            await call()
            into.append((time.perf_counter() - started) * 1000)
    return api_ms, raw_ms


async def _throughput(
    call: Callable[[], Awaitable[None]], requests: int, concurrency: int
) -> float:
    started = time.perf_counter()
    for _ in range(0, requests, concurrency):
        await asyncio.gather(*(call() for _ in range(concurrency)))
    return (requests // concurrency * concurrency) / (time.perf_counter() - started)


def _timing(latencies: list[float], per_second: float | None) -> Timing:
    cuts = statistics.quantiles(latencies, n=100)
    return Timing(p50_ms=cuts[49], p95_ms=cuts[94], per_second=per_second)
