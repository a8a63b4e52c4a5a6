#!/bin/sh
# Builds the krew archive (the wrapper and both jars) after `mvn -B -DskipTests package`, and prints the sha256 that
# rehome.yaml's `sha256` must carry for that release.
set -eu
root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
out="$root/target/kubectl-rehome.tar.gz"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$root/deploy/kubectl-plugin/kubectl-rehome" "$root/app-fleet/target/rehome-fleet.jar" \
   "$root/app-basketball/target/rehome-basketball.jar" "$root/README.md" "$stage/"
mkdir -p "$root/target"
tar -C "$stage" -czf "$out" .
echo "$out"
sha256sum "$out" | cut -d' ' -f1
