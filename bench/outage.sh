#!/usr/bin/env bash
# A case-system outage under load: partners keep sending a mixed load while the case system answers 503 to everything
# for minutes; the hub (embedded H2 and Artemis, the delivery address paging to disk past 1 MiB) keeps acknowledging,
# and every acknowledged event must arrive once after the outage, none parked (the retry budget outlasts the outage).
#   bench/outage.sh [messages] [outage seconds] [workers]      (default: 6000 messages, 180 s, 8 partners)
# Last line: outage: sent N, acked A, delivered D unique, duplicates 0, lost 0, parked 0, order violations 0
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-6000}"
seconds="${2:-180}"
workers="${3:-8}"
./mvnw -B -q -DskipTests package
work="$(mktemp -d)"
HUB_EXTRA_ARGS="--hub.broker.address-max-size=1MB" java -cp bench/target/benchmarks.jar org.mashhub.bench.crash.CrashTest \
  routes/target/hub/mash-hub.jar config/sharing "${work}" "${messages}" 0 "${workers}" "${seconds}" | tee "${work}/summary.txt"
grep -q "duplicates 0, lost 0, parked 0, order violations 0" "${work}/summary.txt" && grep -q "audit chain: verifies" "${work}/summary.txt"
rm -rf "${work}"
