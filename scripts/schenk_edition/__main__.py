"""`python -m schenk_edition <command>`: the command line (`tools.cli`)."""

from .tools.cli import run

run()
