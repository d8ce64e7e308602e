"""Per-token rate limits: requests, and searches by an identifier, per minute and per day.

A masked role (one that may not see ID numbers and phones in full) could otherwise
use `people(search:)` as an oracle: try every number that fits a mask until one
finds the person. Each such search counts against its token's budget; a request
over a budget is refused with HTTP 429 and audited. The counts live in the server
process (a restart forgets them); with several server processes each keeps its own,
so a deployment behind a load balancer divides the budgets by the processes.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

MINUTE, DAY = 60.0, 86_400.0


@dataclass(frozen=True)
class Budgets:
    """0 means no limit."""

    requests_per_minute: int = 120
    identifier_searches_per_minute: int = 10
    identifier_searches_per_day: int = 200


class RateLimits:
    def __init__(self, budgets: Budgets) -> None:
        self.budgets = budgets
        self._lock = threading.Lock()
        self._requests: dict[str, deque[float]] = defaultdict(deque)
        self._searches: dict[str, deque[float]] = defaultdict(deque)

    def take_request(self, token_id: str) -> str | None:
        """Count one request; None if it is within the budget, else why it is refused."""
        with self._lock:
            return _take(self._requests[token_id], self.budgets.requests_per_minute, 0, "requests")

    def take_identifier_search(self, token_id: str) -> str | None:
        """Count one search by an ID number or phone; None, or why it is refused."""
        b = self.budgets
        with self._lock:
            return _take(
                self._searches[token_id],
                b.identifier_searches_per_minute,
                b.identifier_searches_per_day,
                "searches by an ID number or phone",
            )


def _take(times: deque[float], per_minute: int, per_day: int, what: str) -> str | None:
    now = time.monotonic()
    horizon = DAY if per_day else MINUTE
    while times and times[0] <= now - horizon:
        times.popleft()
    in_minute = sum(1 for t in reversed(times) if t > now - MINUTE) if per_minute else 0
    if per_minute and in_minute >= per_minute:
        return f"Too many {what}: at most {per_minute} a minute for one token."
    if per_day and len(times) >= per_day:
        return f"Too many {what}: at most {per_day} a day for one token."
    times.append(now)
    return None
