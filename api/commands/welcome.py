"""`fengqiao welcome`: where to go now that the graph is loaded (the end of `make demo`).

Prints the Neo4j Browser address (and where its credentials are kept, never the
password itself: this is the analyst's sheet, and the database has no roles), the
Bloom perspective, the GraphiQL address with a fresh analyst token, and example
queries filled in with real ids from the graph: a person's counterparts, the
riskiest repeat-dispute networks, and the shortest path between two people.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "welcome", help="print the addresses, a fresh analyst token and example queries"
    )
    parser.add_argument("--user", default="demo-analyst", help="who the analyst token is for")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from api.security.roles import Role
    from api.security.tokens import TokenStore
    from api.settings import Settings
    from graph.connection import connect
    from graph.statements import CYPHER_DIR, statement

    settings = Settings()
    target = settings.neo4j_target()
    with connect(target) as driver:
        records, _, _ = driver.execute_query(
            statement("api/networks"),
            minIncidents=1,
            since=None,
            until=None,
            district=None,
            districts=None,
            offset=0,
            limit=1,
            database_=target.database,
        )
        if not records:
            print("The graph has no repeat-dispute networks yet: run `fengqiao ingest` first.")
            return 1
        network = records[0]["network"]["networkId"]
        members, _, _ = driver.execute_query(
            statement("api/network_members"),
            ids=[network],
            districts=None,
            database_=target.database,
        )
    people = [p["personId"] for p in members[0]["items"][0]["people"]]
    token = TokenStore(settings.tokens_file).create(args.user, Role.ANALYST)
    api = f"http://{settings.api_host}:{settings.api_port}/graphql"
    browser = f"http://127.0.0.1:{settings.neo4j_http_port}/browser/"
    where = (
        "NEO4J_PASSWORD" if settings.uses_external_neo4j else settings.local_server().password_file
    )
    print(f"Neo4j Browser:  {browser}  user {target.user}, password in {where}")
    print(
        "  (the database unmasked and unaudited, with no roles in Neo4j Community: for fully\n"
        "   entitled investigators only, so the password is not printed here)"
    )
    print("  try: MATCH (n:DisputeNetwork)<-[:MEMBER_OF]-(p:Person) RETURN n, p")
    print(f"Bloom perspective: {CYPHER_DIR / 'bloom' / 'fengqiao-perspective.json'}")
    print(
        f"  (Bloom: perspective menu > Import; then try `People in dispute with {_name(members)}`)"
    )
    print()
    print(f"GraphiQL: {api}")
    print(f"  sign in with: {token}")
    print(
        "  (a fresh analyst token, kept in the page's memory only: ID numbers and phones are masked)"
    )
    print("  and state your purpose (查询事由): reads of persons need one, and are audited")
    for title, query in _examples(people).items():
        print(f"\n# {title}\n{query}")
    print("\nThe API runs in the foreground: Ctrl-C stops it; `make stop` stops Neo4j.")
    return 0


def _name(members) -> str:
    return members[0]["items"][0]["people"][0].get("name") or "张伟"


def _examples(people: list[str]) -> dict[str, str]:
    first, last = people[0], people[-1]
    return {
        "A person's counterparts: who they keep being in dispute with": (
            f'{{ person(id: "{first}") {{ name idNumber phones\n'
            "    counterparts { person { id name } incidents firstAt lastAt } } }"
        ),
        "The riskiest repeat-dispute networks": (
            "{ repeatDisputeNetworks(first: 5) { edges { node {\n"
            "    id size incidentCount escalations trend riskScore district compound\n"
            "    people { name } addresses { text } } } } }"
        ),
        "Alerts, and the incident that raised each": (
            "{ alerts(first: 5) { edges { node {\n"
            "    level place district triggeredBy raisedAt reason } } } }"
        ),
        "The shortest path between two people": (
            f'{{ shortestPath(from: "{first}", to: "{last}", maxHops: 4) {{\n'
            "    length nodes { id label caption } edges { type source target } } }"
        ),
    }
