"""`python -m schenk_edition <command>`: the command line (`tools.cli`)."""

import sys

from .tools.cli import main

sys.exit(main())
