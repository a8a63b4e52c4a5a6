#!/usr/bin/env bash
# Audit scale benchmark: seeds N namespaces x 10 pods into the in-process Kubernetes API and times
# `rehome-fleet audit`'s ClusterAuditor (the real fabric8 client over HTTP) and counts its API requests.
# Target: 2,000 namespaces / 20,000 pods audited in under 5 s on 2 cores, with the same request count
# as 20 namespaces.
#
# Usage (from the repository root, after `mvn -B -q -DskipTests package`):
#   bench/audit-scale.sh            # 20 and 2000 namespaces side by side
#   bench/audit-scale.sh 20 200 2000
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
classes="app-fleet/target/test-classes"
if [[ ! -d "$classes/dev/rehome/fleet/bench" ]]; then
  echo "bench classes missing: run 'mvn -B -q -DskipTests package' first" >&2
  exit 2
fi
jar="app-fleet/target/rehome-fleet.jar"
if [[ ! -f "$jar" ]]; then
  echo "$jar missing: run 'mvn -B -q -DskipTests package' first" >&2
  exit 2
fi
# The shaded jar holds every runtime dependency (fabric8 client, the testkit's in-process API server).
exec java -Xmx1g -Djava.util.logging.config.file=/dev/null -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
  -cp "$classes:$jar" dev.rehome.fleet.bench.AuditScaleBench "$@"
