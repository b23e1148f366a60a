"""Reading a printed PDF back, for the print view's test (test_print.py) and the whole edition's (test_pdf.py):
poppler-utils' pdftotext and pdfinfo (Debian; `make print-deps` installs them)."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

MIN_LINES = 3  # a page with fewer lines of text than this is (nearly) empty
FOOTNOTE = re.compile(r'<li id="[^"]*fn:(\d+)" value="\1">(.*?)</li>', re.S)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is missing: run `make print-deps` (installs Debian's poppler-utils)", pytrace=False)
    return path


def layout_pages(pdf: Path) -> list[str]:
    """The text of each PDF page, as `pdftotext -layout` lays it out."""
    text = subprocess.run([tool("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1]  # every page ends with a form feed


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """The words of each PDF page with their boxes (x0, y0, x1, y1 in pt, y downwards)."""
    out = subprocess.run([tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    return [[(float(a), float(b), float(c), float(d), html_lib.unescape(w)) for a, b, c, d, w in WORD.findall(pg)]
            for pg in out.split("<page ")[1:]]
