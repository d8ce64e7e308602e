"""The GraphQL schema: queries (api/graphql/queries.py), review mutations
(api/graphql/mutations.py) and the limits every request runs under.

Errors a client may read (refusals, bad input, validation) keep their message
and carry a code; anything else is masked: no stack traces, no Cypher.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from api.graphql.errors import ClientError
from api.graphql.mutations import Mutation
from api.graphql.queries import Query

if TYPE_CHECKING:
    from api.app import ApiConfig

log = logging.getLogger("fengqiao.api")

# The exported SDL, committed for clients and reviewers: `fengqiao schema --write`.
SDL_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def build_schema(config: ApiConfig) -> strawberry.Schema:
    # The limiters' rule classes are made once: fresh classes per request would make
    # every request a miss in the validation cache.
    limits = (
        QueryDepthLimiter(max_depth=config.max_depth).validation_rules
        + MaxAliasesLimiter(max_alias_count=config.max_aliases).validation_rules
    )
    extensions: list[Any] = [
        lambda: AddValidationRules(limits),
        lambda: MaxTokensLimiter(max_token_count=config.max_tokens),
        lambda: MaskErrors(should_mask_error=_should_mask),
        # the same query text is parsed and validated once, not at every request
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    # Introspection (GraphiQL's docs and autocomplete) is for signed-in callers: the
    # schema runs only in api/app.py's POST /graphql, after the bearer token is
    # checked (401 otherwise), with the principal in the context. A static rule, so
    # that the validation cache, keyed by query text alone, answers alike for everyone.
    if not config.introspection:
        extensions.append(DisableIntrospection)
    return _Schema(query=Query, mutation=Mutation, extensions=extensions)


def sdl() -> str:
    """The schema in GraphQL's schema definition language (limits do not change it)."""
    return strawberry.Schema(query=Query, mutation=Mutation).as_str() + "\n"


class _Schema(strawberry.Schema):
    """Logs a client's own mistakes and refusals as one line; tracebacks only for faults."""

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        faults = [e for e in errors if error_code(e) == "INTERNAL_SERVER_ERROR"]
        for error in errors:
            if error not in faults:
                log.info("client error (%s): %s", error_code(error), error.message)
        if faults:
            super().process_errors(faults, execution_context)


def _should_mask(error: GraphQLError) -> bool:
    """Client errors and validation errors are the client's to read; anything else is masked."""
    return error.original_error is not None and not isinstance(error.original_error, ClientError)


def error_code(error: GraphQLError) -> str:
    """FORBIDDEN, BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED or INTERNAL_SERVER_ERROR."""
    if isinstance(error.original_error, ClientError):
        return error.original_error.code
    return "INTERNAL_SERVER_ERROR" if error.original_error else "GRAPHQL_VALIDATION_FAILED"
