"""Entry script of the packaged app: the same `workstation` command as the installed one."""

import multiprocessing
import sys

from ui.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a worker process of a frozen app re-enters here
    sys.exit(main())
