"""Text helpers in Swedish: alphabetical order and dates."""

from __future__ import annotations

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


def sv_key(text: str) -> str:
    """Sort key in Swedish alphabetical order: å, ä, ö after z."""
    return text.lower().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"}))


def swedish(date: str) -> str:
    """`2026-11-23` -> `23 november 2026`."""
    year, month, day = (int(x) for x in date.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"
