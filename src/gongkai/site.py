"""Stage 5: write ``content/`` (only files that changed), write the MkDocs nav, publish ``build/`` atomically.

``build`` is a link to a complete, numbered version of the site; a new version is built beside it and
the link is switched with one ``rename()`` only when the version is complete (:func:`publish_atomically`),
so a failed or killed build leaves the previous site online.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import html
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path

import yaml

from gongkai.data_writer import GENERATED_NOTE
from gongkai.diagnostics import BuildFailed
from gongkai.models import SiteConfig
from gongkai.theme import OVERRIDES, Theme, mkdocs_config

SITE_CONFIG = "mkdocs.site.yml"  # generated: inherits mkdocs.yml and adds the nav
THEME_OVERRIDES = Path(".gongkai") / OVERRIDES  # below the project: the theme's Material overrides, merged


_FS_PROBLEMS: dict[int, tuple[str, str, str]] = {
    errno.EROFS: (
        "fs-read-only",
        "文件系统是只读的，无法写入",
        "请在可写的目录中运行，或用 --project 指定可写的项目目录。",
    ),
    errno.EACCES: ("fs-read-only", "没有写入（或读取）权限", "请检查这个文件和所在目录的权限。"),
    errno.EPERM: ("fs-read-only", "操作不被允许（权限不足）", "请检查这个文件和所在目录的权限。"),
    errno.ENOSPC: ("fs-disk-full", "磁盘已满，无法写入", "请清理磁盘空间后重试；原有网站保持不变。"),
    errno.EDQUOT: ("fs-disk-full", "超出磁盘配额，无法写入", "请清理磁盘空间后重试；原有网站保持不变。"),
    errno.ENOTDIR: ("fs-not-a-directory", "路径中应是目录的地方是一个文件", "请删除或改名这个文件，或换一个目录。"),
    errno.EEXIST: ("fs-not-a-directory", "这里应是目录，却已有同名文件", "请删除或改名这个文件，或换一个目录。"),
    errno.EISDIR: ("fs-not-a-directory", "这里应是文件，却是一个目录", "请删除或改名这个目录。"),
}


def fs_failure(exc: OSError, base: Path | None = None) -> BuildFailed:
    """A file-system error (read-only, disk full, a file where a folder should be …) as a coded
    :class:`BuildFailed` naming the file, relative to ``base`` when it lies under it."""
    code, message, hint = _FS_PROBLEMS.get(exc.errno or 0, ("fs-error", "文件系统错误", "请检查磁盘与目录权限后重试。"))
    name = exc.filename if isinstance(exc.filename, str) else ""
    if name and base is not None and Path(name).is_relative_to(base):
        name = Path(name).relative_to(base).as_posix() or "."
    detail = exc.strerror or type(exc).__name__
    return BuildFailed(f"{message}（{detail}）。{hint}", code=code, file=name)


def write_tree(root: Path, files: Mapping[str, bytes]) -> tuple[int, int]:
    """Make ``root`` hold exactly ``files``: rewrite only changed files, delete stale ones.

    Returns (files written, files deleted).  Unchanged files keep their modification time, so MkDocs,
    the browser cache and incremental tools see stable files.
    """
    root.mkdir(parents=True, exist_ok=True)
    written = sum(write_if_changed(root / rel, data) for rel, data in sorted(files.items()))
    return written, remove_stale(root, files)


def remove_stale(root: Path, keep: Collection[str]) -> int:
    """Delete the files of ``root`` whose path (relative to it) is not in ``keep``, and the folders left
    empty; returns how many files were deleted."""
    deleted = 0
    wanted = {root / rel for rel in keep}
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            deleted += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return deleted


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write one file (whole, through a temporary sibling) unless it already holds ``data``; whether it
    was written.  Its siblings are left alone."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def copy_assets(theme: Theme) -> dict[str, bytes]:
    """The theme's assets shipped with the site (CSS, JS) as content files."""
    return {f"assets/{rel}": path.read_bytes() for rel, path in theme.files("assets").items()}


def robots_txt(site_url: str) -> bytes:
    """robots.txt: every page may be crawled; with ``site_url``, where the sitemap is.  (Crawlers read it at
    the host's root only: a site published in a sub-folder names its sitemap there or to the search engines.)"""
    lines = [GENERATED_NOTE.rstrip("\n"), "User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")


SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


def drop_sitemap(site_dir: Path) -> None:
    """Remove the sitemap MkDocs writes even without ``site_url``: one without addresses, of no use to anyone."""
    for name in SITEMAPS:
        (site_dir / name).unlink(missing_ok=True)


def site_config(
    project: Path,
    nav: list[object],
    site: SiteConfig,
    not_in_nav: tuple[str, ...] = (),
    *,
    at: Path | None = None,
    more: Mapping[str, object] | None = None,
) -> bytes:
    """The generated MkDocs config: everything from the project's mkdocs.yml (gongkai's default when it has
    none), the theme's Material overrides (gathered in ``.gongkai/overrides`` by :func:`write_site_config`),
    the site's identity from data/site.yaml (its one place: title, description, site_url, and the footer's
    office, contact and 备案号) and the nav; pages matching ``not_in_nav`` (gitignore patterns) are reached
    by links only.  ``at``: the folder the config is written to (default: the project's), ``more``: further
    settings (a shard's validation …)."""
    settings: dict[str, object] = {
        "INHERIT": os.path.relpath(mkdocs_config(project), at or project),
        "theme": {"custom_dir": os.path.relpath(project / THEME_OVERRIDES, at or project)},
        # Material prints site_name unescaped in some attributes: escape it here (inert, identical for any
        # title without <>&"'); the description goes only into escaped meta tags.
        "site_name": html.escape(site.title),
        "site_description": site.description,
        "site_url": site.site_url,
        "extra": {"gongkai": {"office": site.office, "contact": site.contact, "icp": site.icp}},
        "nav": nav,
    }
    if not_in_nav:
        settings["not_in_nav"] = "\n".join(not_in_nav)
    settings.update(more or {})
    body = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=1000)
    return (GENERATED_NOTE + body).encode("utf-8")


def write_site_config(project: Path, nav: list[object], site: SiteConfig, not_in_nav: tuple[str, ...] = ()) -> Path:
    """:func:`site_config` written to ``mkdocs.site.yml`` in the project (the whole-site build), and the
    theme's Material overrides (gongkai's, replaced file by file by the project's) to ``.gongkai/overrides``."""
    path = project / SITE_CONFIG
    overrides = Theme.of(project).files(OVERRIDES)
    write_tree(project / THEME_OVERRIDES, {rel: file.read_bytes() for rel, file in overrides.items()})
    write_if_changed(path, site_config(project, nav, site, not_in_nav))
    return path


def mkdocs_build(config_file: Path, site_dir: Path, *, source_date_epoch: int) -> None:
    """Run MkDocs in this process into ``site_dir``, deterministically (fixed build date)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
    try:
        with contextlib.chdir(config_file.parent):  # paths in mkdocs.yml are relative to it
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            build(config)
    except OSError as exc:
        raise fs_failure(exc, config_file.parent) from None
    except (MkDocsException, SystemExit) as exc:
        raise BuildFailed(str(exc) or exc.__class__.__name__) from None
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def publish_atomically(
    config_file: Path,
    build_dir: Path,
    *,
    source_date_epoch: int,
    post_process: Callable[[Path], None] = lambda staged: None,
) -> None:
    """Build a complete new version of the site and switch ``build_dir`` to it with one ``rename()``.

    ``build_dir`` is a symbolic link to a folder in :func:`versions_folder`; MkDocs builds into a
    staging folder there, ``post_process`` finishes the staged site (a search index, checks: every step
    that must run before readers see it), the folder is renamed to the next version number, and a new
    link replaces ``build_dir`` atomically.  A kill at any moment leaves the old or the new site online,
    never none or half of one; the next build removes what a killed one left and all but the previous
    version.  Call it holding :func:`build_lock`.
    """

    def fill(staging: Path) -> None:
        mkdocs_build(config_file, staging, source_date_epoch=source_date_epoch)
        post_process(staging)

    publish(build_dir, fill)


def publish(build_dir: Path, fill: Callable[[Path], None]) -> None:
    """Publish a new version of the site that ``fill`` writes into an empty staging folder, switching
    ``build_dir`` to it with one ``rename()`` once ``fill`` returned (:func:`publish_atomically`)."""
    versions = versions_folder(build_dir)
    current = _migrate_legacy(build_dir, versions)
    _prune(versions, keep=current)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=versions))
    try:
        fill(staging)
        staging.chmod(0o755)
        final = versions / f"{_next_number(versions):06d}"
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    link = versions / f"{STAGING_PREFIX}link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(versions.name) / final.name)  # relative to build_dir's folder, where it ends up
    os.replace(link, build_dir)
    _prune(versions, keep=final.name, previous=current)


STAGING_PREFIX = "new-"  # in the versions folder: a build in progress (or killed)


def versions_folder(build_dir: Path) -> Path:
    """Where the published versions of ``build_dir`` live: ``.build-versions`` beside ``build``."""
    folder = build_dir.with_name(f".{build_dir.name}-versions")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _migrate_legacy(build_dir: Path, versions: Path) -> str | None:
    """The name of the version ``build_dir`` points to; a ``build_dir`` that is still a real folder (a
    site built before versions existed) is moved into the versions folder first, and the ``build.new-*``
    and ``build.old`` folders such builds could leave behind are removed."""
    for leftover in build_dir.parent.glob(f"{build_dir.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.rmtree(build_dir.with_name(f"{build_dir.name}.old"), ignore_errors=True)
    if build_dir.is_symlink():
        target = Path(os.readlink(build_dir))
        return target.name if target.parent.name == versions.name else None
    if not build_dir.exists():
        return None
    if not build_dir.is_dir():
        raise FileExistsError(errno.EEXIST, "build 不是目录", str(build_dir))
    legacy = f"{_next_number(versions):06d}"
    build_dir.rename(versions / legacy)
    (versions / f"{STAGING_PREFIX}link").unlink(missing_ok=True)
    (versions / f"{STAGING_PREFIX}link").symlink_to(Path(versions.name) / legacy)
    os.replace(versions / f"{STAGING_PREFIX}link", build_dir)
    return legacy


def _next_number(versions: Path) -> int:
    return max((int(p.name) for p in versions.iterdir() if p.name.isdigit()), default=0) + 1


def _prune(versions: Path, *, keep: str | None, previous: str | None = None) -> None:
    """Remove every version but ``keep`` and ``previous``, and whatever a killed build left."""
    for path in sorted(versions.iterdir()):
        if path.name in {keep, previous}:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


LOCK_FILE = ".gongkai/build.lock"


@contextlib.contextmanager
def build_lock(project: Path) -> Iterator[None]:
    """Hold the project's build lock, or raise :class:`BuildFailed` (``build-locked``) if another build
    holds it.  The operating system releases the lock when its holder dies, so a killed build never
    leaves the project locked."""
    path = project / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFailed(
                "另一次生成正在进行（同一项目同时只能有一次生成），请等它结束后再试",
                code="build-locked",
                file=LOCK_FILE,
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
