"""The integration team's review desk: `/review`, a page to decide uncertain matches.

`router` serves the page and its JSON calls (integrators and admins only, every call
audited), `queue` ranks what needs a human, `pair` lays out the evidence of one pair
and what a decision would change, `session` takes decisions through `api.review` and
keeps each reviewer's undo. docs/review-desk.md describes it.
"""
