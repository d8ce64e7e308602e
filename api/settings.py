"""The one settings object: every knob comes from the environment (or a .env file).

Standard Neo4j variables (`NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD`,
`NEO4J_DATABASE`) select an existing server; without `NEO4J_URI` the project
provisions and uses its own local Neo4j. Everything else is `FENGQIAO_*`.
Settings are read at the entry points only and handed down as plain values.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.analyse import AnalysisConfig
from graph.connection import Neo4jTarget
from graph.loader import LoadOptions
from graph.local.instance import LocalNeo4j, LocalServerConfig

if TYPE_CHECKING:
    from api.audit import AuditLog
    from resolution.pipeline import ResolveOptions


def _xdg(var: str, fallback: str) -> Path:
    base = os.environ.get(var)
    return (Path(base) if base else Path.home() / fallback) / "fengqiao"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # An existing Neo4j (Desktop, Aura, a cluster through neo4j://). Unset: the local one.
    neo4j_uri: str | None = Field(None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER", "NEO4J_USERNAME"))
    neo4j_password: SecretStr | None = Field(None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", validation_alias="NEO4J_DATABASE")

    # Where the project keeps its state (local Neo4j data, tokens, audit log) and downloads.
    home: Path = Field(
        default_factory=lambda: _xdg("XDG_DATA_HOME", ".local/share"),
        validation_alias="FENGQIAO_HOME",
    )
    cache_dir: Path = Field(
        default_factory=lambda: _xdg("XDG_CACHE_HOME", ".cache"),
        validation_alias="FENGQIAO_CACHE_DIR",
    )

    # The local Neo4j the project provisions for itself.
    neo4j_version: str = Field("5.26.30", validation_alias="FENGQIAO_NEO4J_VERSION")
    neo4j_browser_version: str = Field("5.24.0", validation_alias="FENGQIAO_NEO4J_BROWSER_VERSION")
    neo4j_bolt_port: int = Field(7687, validation_alias="FENGQIAO_NEO4J_BOLT_PORT")
    neo4j_http_port: int = Field(7474, validation_alias="FENGQIAO_NEO4J_HTTP_PORT")
    # Sized for a 2-core / 24 GiB machine that also runs the resolver and the API.
    neo4j_heap: str = Field("2g", validation_alias="FENGQIAO_NEO4J_HEAP")
    neo4j_pagecache: str = Field("2g", validation_alias="FENGQIAO_NEO4J_PAGECACHE")
    neo4j_start_timeout_s: float = Field(180.0, validation_alias="FENGQIAO_NEO4J_START_TIMEOUT")

    # Resolution: where trained models and human decisions are kept.
    resolve_cores: int = Field(2, validation_alias="FENGQIAO_RESOLVE_CORES")
    cluster_threshold: float = Field(0.5, validation_alias="FENGQIAO_CLUSTER_THRESHOLD")
    link_threshold: float = Field(0.5, validation_alias="FENGQIAO_LINK_THRESHOLD")

    # Loading: rows per write transaction, and transactions at once where rows split
    # cleanly (see graph/loader.py); two suit 2 cores, where the server does the work.
    load_batch: int = Field(2_000, validation_alias="FENGQIAO_LOAD_BATCH", gt=0)
    load_writers: int = Field(2, validation_alias="FENGQIAO_LOAD_WRITERS", gt=0)

    # Analysis of disputes (see graph/analyse.py for what each means).
    dispute_thread_window_days: int = Field(
        180, validation_alias="FENGQIAO_DISPUTE_THREAD_WINDOW_DAYS"
    )
    network_min_incidents: int = Field(3, validation_alias="FENGQIAO_NETWORK_MIN_INCIDENTS")
    hotspot_window_days: int = Field(365, validation_alias="FENGQIAO_HOTSPOT_WINDOW_DAYS")
    hotspot_building_threshold: int = Field(
        4, validation_alias="FENGQIAO_HOTSPOT_BUILDING_THRESHOLD"
    )
    hotspot_compound_threshold: int = Field(
        8, validation_alias="FENGQIAO_HOTSPOT_COMPOUND_THRESHOLD"
    )

    # The GraphQL API.
    api_host: str = Field("127.0.0.1", validation_alias="FENGQIAO_API_HOST")
    api_port: int = Field(8000, validation_alias="FENGQIAO_API_PORT")
    api_graphiql: bool = Field(True, validation_alias="FENGQIAO_API_GRAPHIQL")
    # Introspection for callers with a valid token (docs and autocomplete in GraphiQL);
    # false refuses it to everyone. Without a token nothing runs at all (401).
    api_introspection: bool = Field(True, validation_alias="FENGQIAO_API_INTROSPECTION")
    api_max_depth: int = Field(8, validation_alias="FENGQIAO_API_MAX_DEPTH")
    api_max_aliases: int = Field(15, validation_alias="FENGQIAO_API_MAX_ALIASES")
    api_max_tokens: int = Field(2000, validation_alias="FENGQIAO_API_MAX_TOKENS")
    api_max_page_size: int = Field(100, validation_alias="FENGQIAO_API_MAX_PAGE_SIZE")
    api_tx_timeout_s: float = Field(10.0, validation_alias="FENGQIAO_API_TX_TIMEOUT")
    api_max_graph_nodes: int = Field(200, validation_alias="FENGQIAO_API_MAX_GRAPH_NODES")
    # The front door (docs/security.md): bodies larger than this are refused (413) unread.
    api_max_body_bytes: int = Field(100_000, validation_alias="FENGQIAO_API_MAX_BODY_BYTES", gt=0)
    # Items of a nested list (a household, counterparts, residents, a network's members):
    # `first` takes fewer, never more.
    api_max_list_size: int = Field(500, validation_alias="FENGQIAO_API_MAX_LIST_SIZE", gt=0)
    # Tokens expire this many days after `fengqiao token create` (--days overrides).
    api_token_days: int = Field(90, validation_alias="FENGQIAO_API_TOKEN_DAYS", gt=0)
    # Per-token budgets (api/security/limits.py); 0 is no limit. Searches by an ID number
    # or phone count for roles that see identities masked; one per request at most.
    api_requests_per_minute: int = Field(
        120, validation_alias="FENGQIAO_API_REQUESTS_PER_MINUTE", ge=0
    )
    api_identifier_searches_per_minute: int = Field(
        10, validation_alias="FENGQIAO_API_IDENTIFIER_SEARCHES_PER_MINUTE", ge=0
    )
    api_identifier_searches_per_day: int = Field(
        200, validation_alias="FENGQIAO_API_IDENTIFIER_SEARCHES_PER_DAY", ge=0
    )
    api_identifier_searches_per_request: int = Field(
        1, validation_alias="FENGQIAO_API_IDENTIFIER_SEARCHES_PER_REQUEST", ge=1
    )
    # Roles whose reads of persons must state a purpose (X-Purpose; comma-separated;
    # empty: none must).
    api_purpose_roles: str = Field(
        "analyst,investigator,integrator,admin", validation_alias="FENGQIAO_API_PURPOSE_ROLES"
    )
    # The platform mapping the exports were read with (`--mapping` of resolve and ingest):
    # it says which export columns are ID numbers and phones, to mask them by meaning.
    mapping_file: Path | None = Field(None, validation_alias="FENGQIAO_MAPPING")
    # Where the audit log's head and key are kept (default: beside the log). Put them
    # where whoever can write the log cannot (docs/security.md).
    audit_head_file: Path | None = Field(None, validation_alias="FENGQIAO_AUDIT_HEAD")
    audit_key_file: Path | None = Field(None, validation_alias="FENGQIAO_AUDIT_KEY")

    def analysis(self) -> AnalysisConfig:
        return AnalysisConfig(
            thread_window_days=self.dispute_thread_window_days,
            min_incidents=self.network_min_incidents,
            hotspot_window_days=self.hotspot_window_days,
            building_threshold=self.hotspot_building_threshold,
            compound_threshold=self.hotspot_compound_threshold,
        )

    def loading(self) -> LoadOptions:
        return LoadOptions(batch=self.load_batch, writers=self.load_writers)

    def resolving(self, **choices: Any) -> ResolveOptions:
        """The resolver's options: models, thresholds and cores from the settings; `choices`
        are a command's own (training file, decisions, mapping, previous result)."""
        from resolution.linking import LinkingConfig  # the resolver loads when a command runs
        from resolution.pipeline import ResolveOptions

        linking = LinkingConfig(
            cluster_threshold=self.cluster_threshold, link_threshold=self.link_threshold
        )
        return ResolveOptions(
            models_dir=self.models_dir, linking=linking, num_cores=self.resolve_cores, **choices
        )

    def purpose_roles(self) -> frozenset[str]:
        """The roles of FENGQIAO_API_PURPOSE_ROLES; an unknown one is a clear error."""
        from api.security.roles import Role
        from resolution.errors import InputError

        roles = frozenset(r.strip() for r in self.api_purpose_roles.split(",") if r.strip())
        unknown = sorted(roles - {r.value for r in Role})
        if unknown:
            raise InputError(
                f"FENGQIAO_API_PURPOSE_ROLES names unknown role(s) {', '.join(unknown)} "
                f"(known: {', '.join(r.value for r in Role)})."
            )
        return roles

    @property
    def tokens_file(self) -> Path:
        return self.home / "api" / "tokens.json"

    @property
    def audit_file(self) -> Path:
        return self.home / "api" / "audit.jsonl"

    def audit_log(self) -> AuditLog:
        """The audit log, with its head and key where the settings keep them."""
        from api.audit import AuditLog

        return AuditLog(self.audit_file, self.audit_head_file, self.audit_key_file)

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def state_file(self) -> Path:
        """The durable resolution state that `fengqiao ingest` grows (resolution.state)."""
        return self.home / "state" / "resolution.sqlite"

    @property
    def watch_status_file(self) -> Path:
        """Where `fengqiao watch` says how far it is (read by `status` and `/readyz`)."""
        return self.home / "state" / "watch.json"

    @property
    def decisions_file(self) -> Path:
        return self.home / "decisions.csv"

    @property
    def uses_external_neo4j(self) -> bool:
        return bool(self.neo4j_uri)

    def local_server(self) -> LocalServerConfig:
        return LocalServerConfig(
            home=self.home / "neo4j",
            cache_dir=self.cache_dir / "neo4j",
            version=self.neo4j_version,
            browser_version=self.neo4j_browser_version,
            bolt_port=self.neo4j_bolt_port,
            http_port=self.neo4j_http_port,
            heap=self.neo4j_heap,
            pagecache=self.neo4j_pagecache,
            start_timeout_s=self.neo4j_start_timeout_s,
            guide_url=f"http://127.0.0.1:{self.api_port}/guide",
        )

    def bulk_server(self, online: bool = False) -> LocalNeo4j | None:
        """The local Neo4j when it is the target (no NEO4J_URI) and `online` was not asked
        for: a first load into its empty database goes through the bulk importer."""
        return None if online or self.uses_external_neo4j else LocalNeo4j(self.local_server())

    def neo4j_target(self) -> Neo4jTarget:
        """The server every command talks to: `NEO4J_URI` if set, else the local one."""
        if self.neo4j_uri:
            password = self.neo4j_password.get_secret_value() if self.neo4j_password else ""
            return Neo4jTarget(self.neo4j_uri, self.neo4j_user, password, self.neo4j_database)
        return self.local_server().target()
