"""What is inside a corpus folder: the one walk the loader and the index fingerprint share.

The corpus is the folder's own files. Symbolic links are judged by where they lead:

    a link to a file inside the corpus      read, under the link's own name
    a link to a folder inside the corpus    not entered: its files are read at their own path
    a link that leads outside the corpus    not read, named (it could expose /etc or the bot's .env)
    a link that loops (a -> b -> a, or a    not read, named
      folder link to a folder holding it)
    a link to nothing                       not read, named

Every link not followed is named (`gongkai check` lists it as a failure), whatever its
name. Hidden files and folders (a name starting with ".") are never part of the corpus,
and a link is never followed into one. Sidecars and agencies.toml obey the same rule
(`outside_reason`). Files are read through their resolved path, checked inside the root.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

LEAVES = "a link to outside the corpus folder: not read"
LOOPS = "a link loop: not read"
DANGLING = "a link that leads nowhere: not read"
HIDDEN = "a link to a hidden file: not read"


@dataclass(frozen=True)
class Refused:
    """A link the walk did not follow, and why."""

    path: Path
    reason: str


@dataclass
class Walk:
    """Every file inside a corpus (link paths as they are named) and the links refused."""

    files: list[Path] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def walk_corpus(root: Path) -> Walk:
    """The corpus's files, sorted, hidden ones left out; links judged as the module says."""
    walk = Walk()
    real_root = root.resolve()
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [*dirs]:
            if (here / name).is_symlink():
                dirs.remove(name)
                if reason := _folder_link(here / name, real_root):
                    walk.refused.append(Refused(here / name, reason))
        for name in sorted(n for n in names if not n.startswith(".")):
            path = here / name
            reason = outside_reason(path, root) if path.is_symlink() else None
            if reason:
                walk.refused.append(Refused(path, reason))
            elif path.is_file():
                walk.files.append(path)
    walk.files.sort()
    walk.refused.sort(key=lambda refused: refused.path)
    return walk


def outside_reason(path: Path, root: Path) -> str | None:
    """Why the file at path may not be read as part of the corpus at root; None when it may."""
    real_root = root.resolve()
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return DANGLING
    except (RuntimeError, OSError):  # RuntimeError: "Symlink loop" (Python < 3.13); ELOOP
        return LOOPS
    if not target.is_relative_to(real_root):
        return LEAVES
    if any(part.startswith(".") for part in target.relative_to(real_root).parts):
        return HIDDEN
    return None


def _folder_link(link: Path, real_root: Path) -> str | None:
    """Why a link to a folder is named; None for a harmless link to a folder inside."""
    reason = outside_reason(link, real_root)
    if reason:
        return reason
    target = link.resolve()
    return LOOPS if link.parent.resolve().is_relative_to(target) else None
