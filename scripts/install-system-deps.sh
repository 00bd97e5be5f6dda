#!/usr/bin/env bash
# Installs what gongkai needs besides Python: CJK fonts (chart text measurement, screenshots), npm and
# Pagefind (pinned, from npm: the site's search index; its extended binary, with Chinese segmentation,
# comes in the npm package's platform dependency @pagefind/linux-x64) into .gongkai/npm; with --browser
# also Chromium and axe-core (pinned, from npm) for the browser tests, which inject it into pages.
# Does nothing for what is already installed.
set -euo pipefail
PAGEFIND_VERSION="1.6.0"  # keep in step with src/gongkai/search_index.py
AXE_VERSION="4.10.3"
NPM_DIR=".gongkai/npm"
browser=false
[[ "${1:-}" == "--browser" ]] && browser=true
want=()
# grep reads all of fc-list (no -q): under pipefail, -q would fail the pipe with SIGPIPE
fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null || want+=(fonts-noto-cjk)
command -v npm >/dev/null || want+=(npm)
if $browser; then
  [[ -x /usr/bin/chromium ]] || want+=(chromium)
fi
if [[ ${#want[@]} -gt 0 ]]; then
  echo "安装系统软件包：${want[*]}" >&2
  SUDO=""
  [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi
cd "$(dirname "$0")/.."
version() {  # installed version of an npm package in $NPM_DIR, "" if none
  node -p "require('./$NPM_DIR/node_modules/$1/package.json').version" 2>/dev/null || true
}
packages=()
[[ "$(version pagefind)" == "$PAGEFIND_VERSION" && -x "$NPM_DIR/node_modules/@pagefind/linux-x64/bin/pagefind_extended" ]] \
  || packages+=("pagefind@$PAGEFIND_VERSION")
if $browser && [[ "$(version axe-core)" != "$AXE_VERSION" ]]; then
  packages+=("axe-core@$AXE_VERSION")
fi
if [[ ${#packages[@]} -gt 0 ]]; then
  echo "安装 ${packages[*]} 到 $NPM_DIR" >&2
  npm install --prefix "$NPM_DIR" --no-audit --no-fund --silent --save-exact "${packages[@]}"
fi
