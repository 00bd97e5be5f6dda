#!/usr/bin/env bash
# Installs the Debian packages gongkai needs: CJK fonts (chart text measurement, screenshots) and,
# with --browser, Chromium for the browser tests. Does nothing for what is already installed.
set -euo pipefail
want=()
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || want+=(fonts-noto-cjk)
if [[ "${1:-}" == "--browser" ]] && [[ ! -x /usr/bin/chromium ]]; then
  want+=(chromium)
fi
[[ ${#want[@]} -eq 0 ]] && exit 0
echo "安装系统软件包：${want[*]}" >&2
SUDO=""
[[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
