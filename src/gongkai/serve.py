"""``gongkai serve``: local preview; data or template changes regenerate ``content/`` and MkDocs reloads."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from pathlib import Path

from gongkai.build import Paths, Progress, build_site
from gongkai.diagnostics import BuildFailed, InputError


def _snapshot(*folders: Path) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


def _watch(paths: Paths, stop: threading.Event) -> None:
    """Poll data/ and the theme's folders once a second; regenerate content/ when anything changed."""
    seen = _snapshot(paths.data, *paths.theme.folders)
    while not stop.wait(1.0):
        now = _snapshot(paths.data, *paths.theme.folders)
        if now == seen:
            continue
        seen = now
        try:
            build_site(paths, Progress(False), mkdocs=False)
            print(f"[{time.strftime('%H:%M:%S')}] 数据已更新，页面已重新生成", file=sys.stderr)
        except InputError as error:
            for d in error.diagnostics:
                print(d.format(), file=sys.stderr)
            print("数据有错误，预览保持上一次的内容。", file=sys.stderr)
        except BuildFailed as error:
            print(f"{error.format()}\n预览保持上一次的内容。", file=sys.stderr)


def serve(paths: Paths, addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    from gongkai.site import SITE_CONFIG

    build_site(paths, Progress(), mkdocs=False)
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(paths, stop), daemon=True)
    watcher.start()
    try:
        with contextlib.chdir(paths.project):  # paths in mkdocs.yml are relative to it
            mkdocs_serve(str(paths.project / SITE_CONFIG), dev_addr=addr, livereload=True)
    finally:
        stop.set()
