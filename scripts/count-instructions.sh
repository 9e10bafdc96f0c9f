#!/usr/bin/env bash
# Counts the instructions a render to memory executes, with valgrind's callgrind: repeatable to a
# few hundredths of a percent on a noisy machine, where timings move by tens of percent.
#
#   scripts/count-instructions.sh SOURCE BINARY...
#
# SOURCE is a content folder (e.g. bench-out/corpus-2000/content); each BINARY is a release build
# of unionpress. Prints one line per binary; leaves the profile in /tmp/callgrind.NAME.out for
# `callgrind_annotate` (add `--inclusive=yes` or `--tree=caller`, and pipe through
# `swift demangle --simplified`). valgrind cannot read the Swift binary's debug information, so a
# copy without it is profiled.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 SOURCE BINARY..." >&2
  exit 2
fi
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
source_dir=$1
shift
for binary in "$@"; do
  name=$(basename "$binary")
  stripped=$(mktemp "/tmp/$name.XXXXXX")
  strip --strip-debug -o "$stripped" "$binary"
  count=$(valgrind --tool=callgrind --callgrind-out-file="/tmp/callgrind.$name.out" \
            "$stripped" build --source "$source_dir" --render-to-memory 2>&1 >/dev/null |
          sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  rm -f "$stripped"
  printf '%s\t%s instructions\n' "$name" "$count"
done
