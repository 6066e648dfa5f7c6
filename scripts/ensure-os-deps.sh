#!/usr/bin/env bash
# Makes sure the OS programs Pantau needs exist, installing the Debian/Ubuntu packages when
# missing: redis-server, redis-tools (redis-cli) and libxml2-utils (xmllint) always; with --browser also chromium and fonts-noto-core (Indonesian
# text in the end-to-end screenshots). Idempotent and quiet when everything is there.
# It leaves system services alone: Pantau and its tests start their own redis-server on a
# free port, so a Debian redis service that apt may start is not used.
set -euo pipefail

browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    *) echo "usage: $0 [--browser]" >&2; exit 2 ;;
  esac
done

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# redis-cli joins the integration tests' Redis Cluster (test/support/redis-cluster.ts); Debian's
# redis-server pulls it in, but a redis-server from elsewhere may come without it.
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
# xmllint checks the CAP 1.2 messages against the OASIS schema in the tests (docs/integrations.md).
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ "$browser" = 1 ]; then
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] || { echo "ensure-os-deps: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2; exit 1; }
  elif [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
  fi
  # Without dpkg there is no way to tell; the apt-get check below reports that case.
  if command -v dpkg-query >/dev/null 2>&1 \
    && ! dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q 'ok installed'; then
    missing+=(fonts-noto-core)
  fi
  # pdftoppm / pdftotext: the report tests turn the rendered PDF's pages into PNGs and read its text.
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fi

[ "${#missing[@]}" -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-os-deps: missing ${missing[*]}, and this is not a Debian/Ubuntu system (no apt-get)." >&2
  echo "ensure-os-deps: install them with your package manager, then run this again." >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "ensure-os-deps: missing ${missing[*]}; run as root or install sudo (apt-get install ${missing[*]})." >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "ensure-os-deps: installing ${missing[*]} with apt-get (a minute or two)..."
log=$(mktemp "${TMPDIR:-/tmp}/pantau-apt.XXXXXX")
export DEBIAN_FRONTEND=noninteractive
if ! { "${as_root[@]}" apt-get update -q \
       && "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "ensure-os-deps: apt-get could not install ${missing[*]} (full log: $log)." >&2
  exit 1
fi
rm -f "$log"

for pkg in "${missing[@]}"; do
  case "$pkg" in
    redis-server) command -v redis-server >/dev/null 2>&1 || { echo "ensure-os-deps: redis-server still not on PATH after install" >&2; exit 1; } ;;
    redis-tools) command -v redis-cli >/dev/null 2>&1 || { echo "ensure-os-deps: redis-cli still not on PATH after install" >&2; exit 1; } ;;
    libxml2-utils) command -v xmllint >/dev/null 2>&1 || { echo "ensure-os-deps: xmllint still not on PATH after install" >&2; exit 1; } ;;
    poppler-utils) command -v pdftoppm >/dev/null 2>&1 || { echo "ensure-os-deps: pdftoppm still not on PATH after install" >&2; exit 1; } ;;
    chromium) [ -x /usr/bin/chromium ] || { echo "ensure-os-deps: /usr/bin/chromium still missing after install" >&2; exit 1; } ;;
  esac
done
echo "ensure-os-deps: installed ${missing[*]}."
