#!/usr/bin/env bash
# The identity matcher on a seeded synthetic set of children and noisy partner records.
#   bench/identity.sh estimate [children] [queries] [seed]
#       m and u from labelled pairs and thresholds from a sweep, in memory; writes
#       bench/target/identity-weights.properties (copy it to adapters/src/main/resources/identity/weights.properties
#       or point hub.identity.weights-file at it)
#   bench/identity.sh run [children] [queries] [seed]
#       the packaged hub on PostgreSQL (a fresh schema in database mash_hub_bench): loads the known children over
#       POST /api/v1/identity/children, asks POST /api/v1/identity/match about every partner record, and reports
#       MATCH precision and recall, the share sent to REVIEW, and the match latency p50/p99.
# Defaults: 100000 children, 20000 queries, seed 7 (estimate: 1000000 children, seed 42).
# Figures go in bench/RESULTS.md with the date, commit and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
./mvnw -B -q -DskipTests package
if [ "${mode}" = "estimate" ]; then
  exec java -Xmx12g -cp bench/target/benchmarks.jar org.mashhub.bench.identity.IdentityBench estimate \
    "${2:-1000000}" "${3:-20000}" "${4:-42}"
fi
children="${2:-100000}"
queries="${3:-20000}"
seed="${4:-7}"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'mash_hub_bench'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "create database mash_hub_bench"
schema="identity_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d mash_hub_bench -qc "create schema ${schema}"
java -Xmx1g -jar routes/target/hub/mash-hub.jar --spring.profiles.active=demo --hub.demo.traffic=false --hub.demo.history=false \
  --server.port="${port}" --hub.data-dir="${work}/data" --hub.schools.inbox-dir="${work}/inbox" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/mash_hub_bench?currentSchema=${schema}" \
  --spring.datasource.username=postgres --spring.datasource.password= > "${work}/hub.log" 2>&1 &
hub=$!
trap 'kill ${hub} 2>/dev/null; wait ${hub} 2>/dev/null; rm -rf "${work}"; psql -h 127.0.0.1 -U postgres -d mash_hub_bench -qc "drop schema ${schema} cascade" > /dev/null 2>&1' EXIT
until curl -sf "http://127.0.0.1:${port}/actuator/health" > /dev/null; do sleep 0.5; done
java -Xmx4g -cp bench/target/benchmarks.jar org.mashhub.bench.identity.IdentityBench run "http://127.0.0.1:${port}" engineer:demo \
  "${children}" "${queries}" "${seed}"
