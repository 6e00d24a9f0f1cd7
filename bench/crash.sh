#!/usr/bin/env bash
# The crash test: a mixed partner load while the hub is killed with SIGKILL at random moments and restarted on the
# same data (embedded H2 and Artemis), then every acknowledged event checked at the case system.
#   bench/crash.sh [messages] [kills] [workers]      (default: 20000 messages, 3 kills, 8 partners)
# Last line: crash: sent N, acked A, delivered D unique, duplicates 0, lost 0, order violations 0
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-20000}"
kills="${2:-3}"
workers="${3:-8}"
./mvnw -B -q -DskipTests package
work="$(mktemp -d)"
java -cp bench/target/benchmarks.jar org.mashhub.bench.crash.CrashTest routes/target/hub/mash-hub.jar config/sharing "${work}" \
  "${messages}" "${kills}" "${workers}" | tee "${work}/summary.txt"
grep -q "duplicates 0, lost 0, order violations 0" "${work}/summary.txt" && grep -q "audit chain: verifies" "${work}/summary.txt"
rm -rf "${work}"
