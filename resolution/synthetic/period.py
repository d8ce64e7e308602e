"""The two years the generated exports cover; everything that happens falls in them."""

from datetime import date

FIRST_DAY = date(2023, 1, 1)
LAST_DAY = date(2024, 12, 31)
