"""Sharded builds: the site as independent MkDocs builds, one per region and one top-level site, stitched
into one ``build/`` (``gongkai build --shard-by region``; docs/performance.md).

The key is a page's first path segment: every file under a region's folder (``Unit.region_slug``: its
disclosures, their 绩效 pages and charts, its unit pages) belongs to that region's shard, everything else
(home, browse, compare, checks, ranking, glossary, about, assets) to the top site.  Each shard has its
own content folder, MkDocs config and nav (its own pages in full, the other shards' pages as links), and
its own output under ``.gongkai/shards/<key>/``.  A shard is built again only when its content hash (its
files, its config, gongkai's code, templates and libraries) differs from the one recorded by its last
build, so adding a disclosure rebuilds its region and the top site only.  Shard builds run as Dask tasks
(:mod:`gongkai.cluster`); each is deterministic, so the stitched site is the same bytes whatever the
number of workers.  The stitched site is one folder: the top site, each region's folder from its
shard, one sitemap of all pages; the search index is made once over it and the whole is published
with one link switch (:func:`gongkai.site.publish`).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from gongkai import site as mkdocs_site
from gongkai.cluster import Engine, run_tasks
from gongkai.site import remove_stale, write_if_changed

TOP = "_top"  # the key of the top-level site (region slugs never start with "_")
FOLDER = Path(".gongkai/shards")  # under the project: each shard's content/, mkdocs.yml, site/, digest
KEYS = ("region",)  # the documented shard keys (gongkai build --shard-by)
# In a shard, links to other shards' pages cannot be checked by MkDocs (the crawl of tests/test_links.py
# checks the stitched site); everything else is validated as in the whole-site build.
VALIDATION = {
    "nav": {"not_found": "info", "omitted_files": "warn", "absolute_links": "warn"},
    "links": {"not_found": "info", "unrecognized_links": "info", "anchors": "info", "absolute_links": "warn"},
}


def key_of(path: str, regions: set[str]) -> str:
    """The shard of a content file: its region's slug, or :data:`TOP`."""
    first = path.split("/", 1)[0]
    return first if first in regions else TOP


def split(files: Mapping[str, bytes], regions: set[str]) -> dict[str, dict[str, bytes]]:
    """The content files (path -> SHA-256 of its bytes) by shard (the top site always has one, even
    for an empty corpus)."""
    shards: dict[str, dict[str, bytes]] = {TOP: {}}
    for path, data in files.items():
        shards.setdefault(key_of(path, regions), {})[path] = data
    return shards


@dataclass(frozen=True)
class Job:
    """One shard's MkDocs build: plain strings and numbers, sent to a Dask worker."""

    key: str
    folder: str  # .gongkai/shards/<key>/: content/ and mkdocs.yml in, site/ out
    epoch: int  # SOURCE_DATE_EPOCH of the build


def build_shard(job: Job) -> str:
    """Build one shard into ``<folder>/site`` (replaced whole once MkDocs succeeded); returns its key."""
    folder = Path(job.folder)
    fresh = folder / "site.new"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    mkdocs_site.mkdocs_build(folder / "mkdocs.yml", fresh, source_date_epoch=job.epoch)
    shutil.rmtree(folder / "site", ignore_errors=True)
    fresh.rename(folder / "site")
    return job.key


def digest(code: str, config: bytes, files: Mapping[str, bytes]) -> str:
    """The content hash of a shard: gongkai's code and templates (``code``), its config and its files
    (path -> SHA-256 of the file's bytes)."""
    hashed = hashlib.sha256(f"{code}\0".encode() + config)
    for path in sorted(files):
        hashed.update(f"\0{path}\0".encode() + files[path])
    return hashed.hexdigest()


@dataclass
class Plan:
    """What a sharded build does: every shard's folder, and the jobs of those whose hash changed."""

    folders: dict[str, Path]
    digests: dict[str, str]
    jobs: list[Job]


def prepare(
    project: Path,
    content: Path,
    shards: Mapping[str, Mapping[str, bytes]],
    config_for: Callable[[str, Path], bytes],
    code: str,
    epoch: int,
) -> Plan:
    """Give each shard its files of ``content`` (by :func:`split`: path -> SHA-256) and its config under
    ``.gongkai/shards/``; plan a build of those whose content hash differs from the one recorded by their
    last build.  ``config_for(key, folder)`` is the shard's generated MkDocs config.  Folders of shards
    that no longer exist are removed."""
    root = project / FOLDER
    plan = Plan({}, {}, [])
    for key in sorted(shards):
        folder = root / key
        _mirror(content, folder / "content", shards[key])
        config = config_for(key, folder)
        write_if_changed(folder / "mkdocs.yml", config)
        plan.folders[key] = folder
        plan.digests[key] = digest(code, config, shards[key])
        recorded = folder / "digest"
        built = recorded.is_file() and recorded.read_text(encoding="utf-8") == plan.digests[key]
        if not (built and (folder / "site").is_dir()):
            recorded.unlink(missing_ok=True)
            plan.jobs.append(Job(key, str(folder), epoch))
    for stale in sorted(root.iterdir()) if root.is_dir() else ():
        if stale.name not in plan.folders:
            shutil.rmtree(stale, ignore_errors=True)
    return plan


def run(plan: Plan, engine: Engine, step: Callable[[int, int], None]) -> None:
    """Build the planned shards: as Dask tasks when a scheduler is given or more than one local worker
    would run, otherwise in this process.  Each shard's hash is recorded once it is built."""
    workers = min(len(plan.jobs), engine.local_workers())
    built = (
        run_tasks(build_shard, plan.jobs, engine, workers=workers)
        if engine.scheduler or workers > 1
        else map(build_shard, plan.jobs)
    )
    for done, key in enumerate(built, start=1):
        (plan.folders[key] / "digest").write_text(plan.digests[key], encoding="utf-8")
        step(done, len(plan.jobs))


SITEMAP_URL = re.compile(rb"<url>.*?</url>", re.DOTALL)


def stitch(plan: Plan, site: Path, epoch: int) -> None:
    """Fill the empty folder ``site`` with the whole site: the top site, each region's folder from its
    shard (hard links where the file system allows, else copies), and one sitemap of every page."""
    _link_tree(plan.folders[TOP] / "site", site)
    entries: list[bytes] = []
    for key, folder in sorted(plan.folders.items()):
        built = folder / "site"
        if key != TOP and (built / key).is_dir():
            _link_tree(built / key, site / key)
        if (built / "sitemap.xml").is_file():
            entries += SITEMAP_URL.findall((built / "sitemap.xml").read_bytes())
    sitemap = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + b"".join(b"    " + entry + b"\n" for entry in sorted(set(entries)))
        + b"</urlset>\n"
    )
    (site / "sitemap.xml").unlink(missing_ok=True)
    (site / "sitemap.xml").write_bytes(sitemap)
    (site / "sitemap.xml.gz").unlink(missing_ok=True)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap, mtime=epoch))


def _mirror(source: Path, target: Path, paths: Collection[str]) -> None:
    """Make ``target`` hold exactly the files ``paths`` of ``source``, one file at a time: hard links where
    the file system allows (a file already linked is left as it is), else copies written when changed."""
    for path in sorted(paths):
        there, here = target / path, source / path
        if there.is_file() and there.samefile(here):
            continue
        there.parent.mkdir(parents=True, exist_ok=True)
        linked = there.with_name(there.name + ".tmp")
        try:
            linked.unlink(missing_ok=True)
            os.link(here, linked)
            linked.replace(there)
        except OSError:
            write_if_changed(there, here.read_bytes())
    remove_stale(target, paths)


def _link_tree(source: Path, target: Path) -> None:
    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, dirs_exist_ok=True)
