#!/usr/bin/env bash
# What each spec area costs: the generated code's size and the time rustc takes to compile the
# b24-spec library with that area alone, with both, and with none (the runtime only), measured
# in one run on this machine.
#
#   bench/area-cost.sh            # debug (the edit-compile loop); PROFILE=release for release
#
# Each feature set is built once to warm its dependencies, then the library alone is rebuilt
# 3 times (non-incremental, like a dependency in a downstream build) and the fastest is kept.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
profile=${PROFILE:-debug}
flag=""
[ "$profile" = "release" ] && flag="--release"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target/area-cost}
export CARGO_INCREMENTAL=0
cd "$repo"

lines() { # areas → lines of the formatted generated code
  cargo run -q -p b24-spec-codegen --features cli --bin b24-spec-docs -- generate --areas "$1" | wc -l
}

compile() { # feature list → seconds for the fastest of 3 rebuilds of the library alone
  local features=$1 best=""
  cargo build -q $flag --lib --no-default-features --features "$features" 2> /dev/null
  for _ in 1 2 3; do
    touch src/lib.rs
    local start end t
    start=$(date +%s.%N)
    cargo build -q $flag --lib --no-default-features --features "$features" 2> /dev/null
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

printf 'b24-spec library, %s, %s cores, %s\n' "$profile" "$(nproc)" "$(rustc --version)"
printf '  %-26s %10s %12s\n' "areas" "gen. lines" "lib compile"
none=$(compile "")
printf '  %-26s %10s %10.2f s\n' "(none: the runtime only)" "-" "$none"
for areas in imopenlines imconnector imopenlines,imconnector; do
  n=$(lines "$areas")
  t=$(compile "$areas")
  printf '  %-26s %10d %10.2f s  (+%.2f s over the runtime)\n' "$areas" "$n" "$t" "$(echo "$t - $none" | bc -l)"
done
