#!/usr/bin/env bash
# The hub end to end under a mixed partner load, against the ceiling of the same machine, in one run:
#   bench/run.sh [embedded|postgres|both] [seconds] [warm-up seconds]   (default: both, 60 s per phase, 300 s warm-up)
# For each database: the ceiling (plain embedded Artemis on the hub's journal settings, plain JDBC inserts), then
# the packaged hub (-Xmx1g, G1 as the README runs it, demo partners, sample agreements made
# public-task so every event is delivered) with a case-system receiver and the load generator in processes of their
# own: first as fast as 32 partners can (throughput), then 200 messages/s offered (latency). Figures go in
# bench/RESULTS.md with date, commit, machine.
# HUB_JAVA_OPTS goes to the hub's JVM; to see where its CPU goes under load (read it with HotMethods):
#   HUB_JAVA_OPTS='-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording:maxage=70s,dumponexit=true,settings=profile,filename=/tmp/hub.jfr' \
#     bench/run.sh postgres 60
#   java -cp bench/target/benchmarks.jar org.mashhub.bench.load.HotMethods /tmp/hub.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-both}"
seconds="${2:-60}"
# The JIT compilers take 40% of a core for the first four to five minutes of this load (the load generator reports their
# share): measure the hub warm, as it runs for days.
warmup="${3:-300}"
./mvnw -B -q -DskipTests package
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
jar=bench/target/benchmarks.jar
summary=()

run_one() {
  local database="$1" work port receiver_port hub receiver started ready pg_url="" db_args=()
  work="$(mktemp -d)"
  if [ "${database}" = "postgres" ]; then
    psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'mash_hub_bench'" | grep -q 1 \
      || psql -h 127.0.0.1 -U postgres -qc "create database mash_hub_bench"
    local schema="bench_$(date +%s)"
    psql -h 127.0.0.1 -U postgres -d mash_hub_bench -qc "create schema ${schema}"
    pg_url="jdbc:postgresql://127.0.0.1:5432/mash_hub_bench?currentSchema=${schema}"
    db_args=("--spring.datasource.url=${pg_url}" "--spring.datasource.username=postgres" "--spring.datasource.password=")
  fi
  echo "== ${database}: ceiling"
  local ceiling
  ceiling="$(java -cp "${jar}" org.mashhub.bench.load.Ceiling "${database}" "${work}/ceiling" 15 "${pg_url}" | tee -a /dev/stderr)"
  local broker_ceiling jdbc_ceiling
  broker_ceiling="$(echo "${ceiling}" | awk '/ceiling broker/ {print $3}')"
  jdbc_ceiling="$(echo "${ceiling}" | awk '/ceiling jdbc/ {print $3}')"

  mkdir -p "${work}/sharing"
  for f in config/sharing/*.yaml; do sed 's/consent-required: true/consent-required: false/' "$f" > "${work}/sharing/$(basename "$f")"; done
  receiver_port="$(free_port)"; port="$(free_port)"
  java -cp "${jar}" org.mashhub.bench.load.CaseSystemReceiver "${receiver_port}" > "${work}/receiver.log" 2>&1 &
  receiver=$!
  started="$(date +%s.%N)"
  java -Xmx1g -Xlog:gc:file="${work}/gc.log" ${HUB_JAVA_OPTS:-} -jar routes/target/hub/mash-hub.jar --spring.profiles.active=demo --hub.demo.traffic=false --hub.demo.history=false \
    --server.port="${port}" --hub.data-dir="${work}/data" --hub.schools.inbox-dir="${work}/inbox" \
    --hub.sharing.agreements-dir="${work}/sharing" --hub.case-system.url="http://127.0.0.1:${receiver_port}" \
    --logging.level.root=WARN "${db_args[@]}" > "${work}/hub.log" 2>&1 &
  hub=$!
  trap 'kill ${hub} ${receiver} 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:${port}/actuator/health/readiness" > /dev/null && break
    kill -0 "${hub}" 2>/dev/null || { echo "the hub stopped; see its log:" >&2; tail -20 "${work}/hub.log" >&2; exit 1; }
    sleep 0.2
  done
  ready="$(date +%s.%N)"
  echo "== ${database}: hub ready in $(awk -v a="${started}" -v b="${ready}" 'BEGIN {printf "%.1f", b - a}') s"

  echo "== ${database}: warm-up, 32 partners for ${warmup} s (not counted)"
  java -cp "${jar}" org.mashhub.bench.load.MixedLoad "http://127.0.0.1:${port}" "http://127.0.0.1:${receiver_port}" \
    workers=32 "${warmup}" "${hub}" > /dev/null
  echo "== ${database}: throughput, 32 partners"
  local throughput latency
  throughput="$(java -cp "${jar}" org.mashhub.bench.load.MixedLoad "http://127.0.0.1:${port}" "http://127.0.0.1:${receiver_port}" \
    workers=32 "${seconds}" "${hub}" | tee -a /dev/stderr)"
  echo "== ${database}: latency, 200 messages/s offered"
  latency="$(java -cp "${jar}" org.mashhub.bench.load.MixedLoad "http://127.0.0.1:${port}" "http://127.0.0.1:${receiver_port}" \
    rate=200 "${seconds}" "${hub}" | tee -a /dev/stderr)"
  kill "${hub}" "${receiver}"; wait "${hub}" "${receiver}" 2>/dev/null || true
  trap - EXIT
  # Every stop of the hub's threads over the whole run, start-up and warm-up included.
  local pauses
  pauses="$(awk '/Pause/ && / [0-9.]+ms$/ {ms = $NF; sub("ms", "", ms); n++; if (ms + 0 > max) max = ms + 0;
    if (/Pause Full/) { full++; if (ms + 0 > fullmax) fullmax = ms + 0 } }
    END {printf "%d pauses, longest %.0f ms; %d full collections, longest %.0f ms", n, max, full, fullmax}' "${work}/gc.log")"
  echo "== ${database}: collector: ${pauses}"
  rm -rf "${work}"

  local events ack e2e ceiling_min ratio
  events="$(echo "${throughput}" | awk '/^result/ {print $3}')"
  ack="$(echo "${latency}" | awk '/^result/ {print $5}')"
  e2e="$(echo "${latency}" | awk '/^result/ {print $7}')"
  ceiling_min="$(echo "${broker_ceiling} ${jdbc_ceiling}" | awk '{print ($1 < $2) ? $1 : $2}')"
  ratio="$(echo "${events} ${ceiling_min}" | awk '{printf "%.2f", $1 / $2}')"
  echo "== ${database}: ${events} events/s against a ceiling of ${ceiling_min}/s (broker ${broker_ceiling}, jdbc ${jdbc_ceiling})"
  summary+=("${database}: ${events} events/s, ratio ${ratio}, ack p99 ${ack} ms, e2e p99 ${e2e} ms; ${pauses}")
  last="bench: ${events} events/s, ratio ${ratio}, ack p99 ${ack} ms, e2e p99 ${e2e} ms"
}

last=""
case "${which}" in
  embedded) run_one embedded ;;
  postgres) run_one postgres ;;
  both) run_one embedded; run_one postgres ;;
  *) echo "usage: bench/run.sh [embedded|postgres|both] [seconds] [warm-up seconds]" >&2; exit 2 ;;
esac
printf '%s\n' "${summary[@]}"
echo "${last}"
