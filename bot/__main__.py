"""`python -m bot` is the same as the `gongkai` command."""

import sys
from pathlib import Path

# `python -m` puts the working directory first on sys.path; an index folder there
# called "index" (not our package: no __init__.py) would shadow the index package.
_here = Path.cwd()
if sys.path and Path(sys.path[0] or ".").resolve() == _here and not (_here / "index/__init__.py").exists():
    del sys.path[0]

from bot.cli import main  # noqa: E402  (after the sys.path repair)

sys.exit(main())
