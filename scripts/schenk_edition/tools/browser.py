"""The browsers the edition drives, never downloaded: Debian packages, installed by `make browser-deps` and
`make budget-deps`.

- `HEADLESS`, for the browser tests and the PDF: Debian's `chromium-headless-shell`, Chromium's headless build
  (the same version as Debian's `chromium`; the build Playwright itself runs for headless Chromium since its
  version 1.49). The same engine (Blink, V8, Skia) without the full browser's windowing layer, at less CPU per
  page (README, "Measured").
- `READER`, for the budget: Debian's `chromium`, the full browser a reader runs. Lighthouse's scores and the page
  weights are those of a reader's browser (the headless build, for one, asks for no favicon).

The environment variable CHROMIUM names one browser for both (GitHub's runners: their preinstalled Chrome, where
the workflows run the browser tests in the full browser).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Flags that keep the browser off the network and quiet on a machine without a display or GPU.
ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync")


@dataclass(frozen=True)
class Browser:
    package: str  # the Debian package
    path: Path  # its executable
    target: str  # the Make target that installs it


HEADLESS = Browser("chromium-headless-shell", Path("/usr/bin/chromium-headless-shell"), "browser-deps")
READER = Browser("chromium", Path("/usr/bin/chromium"), "budget-deps")


def executable(browser: Browser = HEADLESS) -> Path:
    """The executable to run: $CHROMIUM when set, else the Debian package's."""
    return Path(os.environ.get("CHROMIUM") or browser.path)


def missing(browser: Browser = HEADLESS) -> str | None:
    """None when the executable is there, else what to do."""
    path = executable(browser)
    if path.exists():
        return None
    if os.environ.get("CHROMIUM"):
        return (f"CHROMIUM={path} does not exist: set CHROMIUM to the path of a Chromium or Chrome, or unset it to "
                f"use Debian's {browser.package} (`make {browser.target}` installs it)")
    return (f"{path} is missing: run `make {browser.target}` (installs Debian's {browser.package} with apt-get; a "
            "browser is never downloaded), or set CHROMIUM to the path of a Chromium or Chrome")
