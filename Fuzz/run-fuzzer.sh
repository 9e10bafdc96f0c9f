#!/bin/sh
# Runs one libFuzzer target for a bounded time; `make fuzz` calls it once per target.
#
#   Fuzz/run-fuzzer.sh NAME BINARY SECONDS DICT SEED_FILE...
#
# The seed files are copied afresh into $FUZZ_DIR/seeds-NAME; what libFuzzer finds is added to
# $FUZZ_DIR/corpus-NAME, which is kept between runs (under Fuzz/.build, never committed). A crash,
# a timeout (one input over 10 s) or running out of memory writes the input to
# $FUZZ_DIR/crashes/NAME-*, prints the end of the log and exits non-zero.
set -u
name=$1 binary=$2 seconds=$3 dict=$4
shift 4
dir=${FUZZ_DIR:-Fuzz/.build/fuzz}
seeds=$dir/seeds-$name
corpus=$dir/corpus-$name
log=$dir/$name.log
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$dir/crashes"
cp "$@" "$seeds"/
echo "fuzz $name: $seconds s, $(ls "$seeds" | wc -l) seeds, corpus $corpus, log $log"
# Swift's own backtracer is off so that libFuzzer's handler reports a trap (and saves the input);
# the standard library's regex compiler leaks once per regex: see lsan-suppressions.txt.
SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$(pwd)/Fuzz/lsan-suppressions.txt:print_suppressions=0" \
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -dict="$dict" -artifact_prefix="$dir/crashes/$name-" "$corpus" "$seeds" >"$log" 2>&1
status=$?
if [ $status -eq 0 ]; then
  grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | sed "s/^/fuzz $name: /"
  grep -E '^stat::' "$log" | sed "s/^/fuzz $name: /"
else
  tail -n 60 "$log"
  echo "fuzz $name: FAILED (exit $status); inputs in $dir/crashes:"
  ls -l "$dir/crashes" | grep -- "$name-" || true
fi
exit $status
