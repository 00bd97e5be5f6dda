"""The site's theme: page templates, CSS and JavaScript, MkDocs overrides and the default MkDocs config.

gongkai ships them as package data (``gongkai/site_templates/``), so an installed gongkai builds a site
from nothing but a data folder.  A project changes any of them file by file: a file in the project's own
``site_templates/`` (same layout: ``pages/``, ``assets/``, ``overrides/``, ``search/``) replaces gongkai's
file of the same path, and a project's ``mkdocs.yml`` replaces gongkai's default config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGED = Path(__file__).resolve().parent / "site_templates"  # gongkai's own theme (package data)
OVERRIDE = "site_templates"  # the project's override folder, below the project
CONFIG = "mkdocs.yml"  # the MkDocs config, in the project (optional) and in the theme
OVERRIDES = "overrides"  # MkDocs' custom_dir (Material overrides), below a theme folder


@dataclass(frozen=True)
class Theme:
    """The theme folders of a project, the first one's files winning: the project's, then gongkai's."""

    folders: tuple[Path, ...]

    @classmethod
    def of(cls, project: Path) -> Theme:
        return cls((project / OVERRIDE, PACKAGED))

    def folder(self, sub: str) -> list[Path]:
        """The folders ``sub`` of the theme that exist, in lookup order (for a template loader)."""
        return [folder / sub for folder in self.folders if (folder / sub).is_dir()]

    def files(self, sub: str) -> dict[str, Path]:
        """Every file under ``sub`` by its path relative to ``sub``, the project's replacing gongkai's."""
        found: dict[str, Path] = {}
        for base in reversed(self.folder(sub)):
            found.update({p.relative_to(base).as_posix(): p for p in base.rglob("*") if p.is_file()})
        return dict(sorted(found.items()))

    def file(self, rel: str) -> Path:
        """The file ``rel`` (relative to a theme folder): the project's if it has one, else gongkai's."""
        return next((folder / rel for folder in self.folders if (folder / rel).is_file()), self.folders[-1] / rel)


GONGKAI = Theme((PACKAGED,))  # gongkai's theme alone (no project)


def mkdocs_config(project: Path) -> Path:
    """The MkDocs config a project's site inherits: the project's ``mkdocs.yml``, else gongkai's default."""
    own = project / CONFIG
    return own if own.is_file() else PACKAGED / CONFIG
