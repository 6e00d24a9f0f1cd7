#!/usr/bin/env bash
# The identity matcher on labelled sets from two generators written apart (a: SyntheticPopulation, b: CountyRegister),
# or on a council's own labelled records.
#   bench/identity.sh estimate [generator] [children] [records] [seed]
#       u from random pairs of the known children, m by expectation-maximisation over the unlabelled records, the
#       thresholds from the estimated model; writes bench/target/identity-weights.properties (copy it to
#       adapters/src/main/resources/identity/weights.properties or point hub.identity.weights-file at it).
#       generator: a, b, or a+b (both, pooled). Defaults: a+b 20000 3000 42.
#   bench/identity.sh simulate [generator] [children] [records] [seed] [weights]
#       the matcher in memory, as the hub runs it, scored against the labels (default weights: the shipped ones).
#   bench/identity.sh cross [children] [records]
#       tuned on one generator, scored on the other, both ways round, and the shipped model on both.
#   bench/identity.sh write [generator] [children] [records] [seed] [dir]
#       the set as dir/known.ndjson (the hub's load format) and dir/records.ndjson (labelled records).
#   bench/identity.sh run [generator] [children] [records] [seed]
#       the packaged hub on PostgreSQL (a fresh schema in database mash_hub_bench): loads the known children over
#       POST /api/v1/identity/children, asks POST /api/v1/identity/match about every record, and reports MATCH
#       precision and recall, the share sent to REVIEW, the worst errors and the match latency p50/p99 (every record
#       is asked twice: the first pass warms the hub, the second is timed).
#       Defaults: b 100000 20000 7.
#   bench/identity.sh evaluate FILE [hub-url] [user:password]
#       a council's own labelled records (NDJSON, a line each: {"record": {givenName, familyName, birthDate, sex?,
#       postcode?, nhsNumber?, upn?}, "caseSystemPersonId": "..." or null}) against the index the hub has loaded
#       (default http://localhost:8080, practitioner:demo): precision, recall, review share, and the ten worst errors of
#       each kind with each field's contribution.
# Figures go in bench/RESULTS.md with the date, commit and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
bench() { java -Xmx6g -cp bench/target/benchmarks.jar org.mashhub.bench.identity.IdentityBench "$@"; }
if [ ! -f bench/target/benchmarks.jar ] || [ "${mode}" = "run" ]; then
  ./mvnw -B -q -DskipTests package
fi
case "${mode}" in
  estimate) exec java -Xmx6g -cp bench/target/benchmarks.jar org.mashhub.bench.identity.IdentityBench estimate \
              "${2:-a+b}" "${3:-20000}" "${4:-3000}" "${5:-42}" ;;
  simulate) exec java -Xmx6g -cp bench/target/benchmarks.jar org.mashhub.bench.identity.IdentityBench simulate \
              "${2:-b}" "${3:-20000}" "${4:-3000}" "${5:-7}" "${6:-adapters/src/main/resources/identity/weights.properties}" ;;
  write) exec java -cp bench/target/benchmarks.jar org.mashhub.bench.identity.IdentityBench write \
           "${2:-b}" "${3:-20000}" "${4:-3000}" "${5:-7}" "${6:-bench/target/identity-set}" ;;
  evaluate) exec java -cp bench/target/benchmarks.jar org.mashhub.bench.identity.IdentityBench evaluate \
              "${3:-http://localhost:8080}" "${4:-practitioner:demo}" "$2" ;;
  cross)
    children="${2:-20000}"; records="${3:-3000}"
    for tuned in a b; do
      bench estimate "${tuned}" "${children}" "${records}" 42 > /dev/null
      cp bench/target/identity-weights.properties "bench/target/identity-weights-${tuned}.properties"
    done
    for tuned in a b; do
      for scored in a b; do
        [ "${tuned}" = "${scored}" ] && continue
        echo "tuned on ${tuned} (seed 42), scored on ${scored} (seed 7):"
        bench simulate "${scored}" "${children}" "${records}" 7 "bench/target/identity-weights-${tuned}.properties" | head -2
      done
    done
    for scored in a b; do
      echo "the shipped model, scored on ${scored} (seed 7):"
      bench simulate "${scored}" "${children}" "${records}" 7 adapters/src/main/resources/identity/weights.properties | head -2
    done
    exit 0 ;;
  run) ;;
  *) echo "estimate, simulate, cross, write, run or evaluate" >&2; exit 2 ;;
esac
generator="${2:-b}"
children="${3:-100000}"
records="${4:-20000}"
seed="${5:-7}"
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
java -Xmx4g -cp bench/target/benchmarks.jar org.mashhub.bench.identity.IdentityBench run "http://127.0.0.1:${port}" engineer:demo practitioner:demo \
  "${generator}" "${children}" "${records}" "${seed}"
