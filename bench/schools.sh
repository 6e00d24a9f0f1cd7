#!/usr/bin/env bash
# A 100,000-row daily-attendance file through the hub: from the start of its upload to every mark and every
# attendance concern it raises durable (the file's status DONE). Prints rows per second.
#   bench/schools.sh             embedded defaults (H2 and Artemis under a temporary data directory)
#   bench/schools.sh postgres    PostgreSQL on 127.0.0.1:5432, a fresh schema in database mash_hub_bench
# Figures go in bench/RESULTS.md with the date, commit and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
database=()
if [ "${1:-}" = "postgres" ]; then
  psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'mash_hub_bench'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "create database mash_hub_bench"
  schema="bench_$(date +%s)"
  psql -h 127.0.0.1 -U postgres -d mash_hub_bench -qc "create schema ${schema}"
  database=("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/mash_hub_bench?currentSchema=${schema}"
            "--spring.datasource.username=postgres" "--spring.datasource.password=")
fi
java -Xmx1g -jar routes/target/hub/mash-hub.jar --spring.profiles.active=demo --hub.demo.traffic=false --hub.demo.history=false \
  --server.port="${port}" --hub.data-dir="${work}/data" --hub.schools.inbox-dir="${work}/inbox" \
  --hub.schools.poll-interval=200ms "${database[@]}" > "${work}/hub.log" 2>&1 &
hub=$!
trap 'kill ${hub} 2>/dev/null; wait ${hub} 2>/dev/null; rm -rf "${work}"' EXIT
until curl -sf "http://127.0.0.1:${port}/actuator/health" > /dev/null; do sleep 0.5; done
java -cp bench/target/benchmarks.jar org.mashhub.bench.SchoolFileBench "http://127.0.0.1:${port}" demo-school-key 2500 20 "${work}"
