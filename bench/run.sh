#!/usr/bin/env bash
# Side-by-side benchmark of xiaoqu against the tools people already use: PostGIS (compound
# indicators and life-circle coverage), GeographicLib's Planimeter (geodesic area) and PROJ's
# cs2cs (CGCS2000 Gauss-Krüger projection), speed and agreement, in one run. See BENCHMARKS.md
# at the repository root for the results, what they mean and how they were taken.
#
# Run by hand, never in CI: it installs Debian packages when they are missing, starts a
# throwaway PostgreSQL cluster, and takes several minutes of both cores. Nothing here is a
# test; `go test ./...` only builds bench/cmd/anchors and runs its small unit tests.
#
#   bash bench/run.sh                 # 5 rounds of everything
#   bash bench/run.sh -rounds 7       # flags go to bench/cmd/anchors (go run ./bench/cmd/anchors -h)
#   bash bench/run.sh -parts area,projection
#
# The report goes to stdout and to out/bench-DATE.md; progress goes to stderr. The machine's
# description comes first, so that a report says where it was measured.
set -euo pipefail
cd "$(dirname "$0")/.."

# The anchors, from Debian's packages, installed only when missing.
need=()
command -v Planimeter >/dev/null 2>&1 || need+=(geographiclib-tools)
command -v cs2cs >/dev/null 2>&1 || need+=(proj-bin)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgresql-15-postgis-3)
if [ ${#need[@]} -gt 0 ]; then
  echo "== apt-get install ${need[*]}" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A throwaway PostgreSQL 15 + PostGIS cluster on a loopback port, as CI starts one; it sets
# XIAOQU_POSTGIS_URL and is stopped and removed on exit.
. .ci/postgis.sh
work=$(mktemp -d)
trap 'stop_postgis; rm -rf "$work"' EXIT
start_postgis >&2

go build -o "$work/anchors" ./bench/cmd/anchors

# How busy others keep the machine: the CPU it spends on anything but idling over 5 s, before
# we start (the program reports the same for each round, less its own share).
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
b0=$(busy); sleep 5; b1=$(busy)
mkdir -p out
report="out/bench-$(date -u +%Y%m%dT%H%M%SZ).md"

{
  echo "# xiaoqu side by side with PostGIS, GeographicLib and PROJ"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- command: bash bench/run.sh $*"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory"
  echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME") ($(uname -r))"
  echo "- Go: $(go version | cut -d' ' -f3-)"
  echo "- PostgreSQL: $("$PGBIN/postgres" --version | cut -d' ' -f3-); PostGIS: $("$PGBIN/psql" "$XIAOQU_POSTGIS_URL" -qAt -c 'SELECT postgis_full_version()')"
  echo "- PROJ: $(cs2cs 2>&1 | head -1)"
  echo "- GeographicLib: $(Planimeter --version 2>&1 | head -1)"
  echo "- before the run: load average $(cut -d' ' -f1-3 /proc/loadavg); $(awk -v a="$b0" -v b="$b1" 'BEGIN {printf "%.2f", (b - a) / 100 / 5}') cores busy over 5 s"
  echo
  "$work/anchors" -db "$XIAOQU_POSTGIS_URL" "$@"
} | tee "$report"
echo "report written to $report" >&2
