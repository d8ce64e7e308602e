"""Synthetic platform exports with known truth: the demo, the tests, the training labels
and every accuracy benchmark use them, since no real police data may ever be shipped."""

from resolution.synthetic.generate import GenerationSummary, generate
from resolution.synthetic.rates import ErrorRates, WorldRates

__all__ = ["ErrorRates", "GenerationSummary", "WorldRates", "generate"]
