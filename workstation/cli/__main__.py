"""`python -m workstation.cli`: the command line without the desktop app."""

import sys

from workstation.cli import main

if __name__ == "__main__":
    sys.exit(main())
