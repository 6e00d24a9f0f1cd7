#!/usr/bin/env bash
# FHIR bundles per second through parse, validate and map, against a plain HAPI parse of the same bundles.
#   bench/fhir.sh            full run (about 3 minutes on 2 cores)
#   bench/fhir.sh -wi 1 -i 2 a short run
# Figures go in bench/RESULTS.md with the date, commit and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -pl bench -am package
java -jar bench/target/benchmarks.jar FhirBundleBenchmark \
  -jvmArgs "-Dexamples=$(pwd)/schemas/health/examples -Xmx2g" -rf text -rff bench/target/fhir-bundles.txt "$@"
cat bench/target/fhir-bundles.txt
