"""`python -m wizard.cli`: the wizard in a terminal (see wizard/tooling/cli.py)."""

import sys

from wizard.tooling.cli import main

if __name__ == "__main__":
    sys.exit(main())
