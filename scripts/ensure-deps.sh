#!/bin/sh
# Makes a fresh clone runnable: installs the npm packages when they are missing, and, as root on
# Debian, the system packages the local Asterisk, the prompts and the tests need (chromium: the
# end-to-end tests drive /usr/bin/chromium and the server prints the analysis report with it;
# iproute2: the browser phone test makes a network namespace with `ip`). With `--for-tests`, also
# what only the tests need (postgresql and redis-server: the adapters tier starts throwaway servers
# of its own; poppler-utils: the report test reads its PDF back with `pdftotext`); with
# `--for-cluster`, the same, of which `npm run cluster` starts the first two on loopback. Quick when all is there.
set -e
cd "$(dirname "$0")/.."

need=""
for pair in debootstrap:debootstrap espeak-ng:espeak-ng sox:sox chromium:chromium ip:iproute2; do
  cmd=${pair%%:*}; pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || need="$need $pkg"
done
# A Chinese font, so the browser renders the zh-CN pages (and their screenshots) with real glyphs.
fc-list :lang=zh 2>/dev/null | grep -q . || need="$need fonts-wqy-microhei"
if [ "${1:-}" = "--for-tests" ] || [ "${1:-}" = "--for-cluster" ]; then
  # PostgreSQL: the storage ports' second implementation is tested on a real server the tests start
  # (the binaries only; no cluster of the package's own is used).
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
  # Redis: leases and streams between servers are tested on a real redis-server the tests start.
  command -v redis-server >/dev/null 2>&1 || need="$need redis-server"
  # pdftotext: the end-to-end tests read the text of the analysis report's PDF.
  command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
fi
if [ -n "$need" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages:$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  else
    echo "Missing Debian packages:$need (install them with: sudo apt-get install -y$need)" >&2
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (npm ci)..."
  npm ci --no-audit --no-fund
fi
