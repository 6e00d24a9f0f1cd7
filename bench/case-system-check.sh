#!/usr/bin/env bash
# The conformance kit for a case-system vendor: sends your receiver signed sample events, a repeat, a late event, a bad
# signature, an old timestamp and no signature, and says point by point whether its answers follow the contract
# (schemas/case-system/openapi.yaml).
#   bench/case-system-check.sh URL SECRET     URL: what the hub's hub.case-system.url would be (events go to URL/events)
#                                             SECRET: the whsec_ secret the hub signs with
# Against the demo hub's own simulator:
#   bench/case-system-check.sh http://localhost:8080/sim/case-system whsec_ZGVtby1jYXNlLXN5c3RlbS1zaWduaW5nLXNlY3JldCE=
# Last line: case-system check: N of M points follow the contract (exit 0 only if all do).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: bench/case-system-check.sh URL SECRET" >&2; exit 2; }
[ -f bench/target/benchmarks.jar ] || ./mvnw -B -q -DskipTests package
exec java -cp bench/target/benchmarks.jar org.mashhub.bench.casesystem.CaseSystemCheck "$1" "$2"
