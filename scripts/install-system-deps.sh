#!/usr/bin/env bash
# Installs the Debian packages gongkai needs: CJK fonts (chart text measurement, screenshots) and,
# with --browser, Chromium and npm for the browser tests plus axe-core (pinned, from npm) into
# .gongkai/npm, where tests/browser injects it into pages. Does nothing for what is already installed.
set -euo pipefail
AXE_VERSION="4.10.3"
AXE_DIR=".gongkai/npm"
browser=false
[[ "${1:-}" == "--browser" ]] && browser=true
want=()
# grep reads all of fc-list (no -q): under pipefail, -q would fail the pipe with SIGPIPE
fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null || want+=(fonts-noto-cjk)
if $browser; then
  [[ -x /usr/bin/chromium ]] || want+=(chromium)
  command -v npm >/dev/null || want+=(npm)
fi
if [[ ${#want[@]} -gt 0 ]]; then
  echo "安装系统软件包：${want[*]}" >&2
  SUDO=""
  [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi
if $browser; then
  cd "$(dirname "$0")/.."
  installed=$(node -p "require('./$AXE_DIR/node_modules/axe-core/package.json').version" 2>/dev/null || true)
  if [[ "$installed" != "$AXE_VERSION" ]]; then
    echo "安装 axe-core@$AXE_VERSION 到 $AXE_DIR" >&2
    npm install --prefix "$AXE_DIR" --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
  fi
fi
