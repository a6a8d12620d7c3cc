#!/usr/bin/env bash
# How codegen and compile cost grow with the number of methods in the spec.
#
#   bench/scale.sh SIMULATOR_SPEC_DIR [N ...]
#   bench/scale.sh ../shared/reference/b24-rest-docs/simulator-spec            # N = 2 100 500 all
#   bench/scale.sh ../shared/reference/b24-rest-docs/simulator-spec 2 100      # a quick run
#   bench/scale.sh ../shared/reference/b24-rest-docs/simulator-spec all area:imopenlines
#                                            # the whole catalogue vs one area of it
#
# `area:NAME` converts the whole catalogue and generates only that area (B24_SPEC_AREAS, as the
# build script does for an enabled cargo feature), so its row shows what one area costs.
#
# For each N, bench/convert_simulator.py writes the first N methods of the Bitrix24 docs'
# simulator spec (MIT) as a spec folder. Then:
#   * codegen ms: median of 5 runs of b24_spec_codegen::generate (load + validate + emit), via
#     the `codegen_time` example of b24-spec-codegen (release), and that process's peak RSS;
#   * compile s / peak RSS: `B24_SPEC_DIR=<spec> cargo build --release -p b24-spec --lib` in a
#     target dir of its own, after a warm-up build of the same command with a 1-method spec, so
#     dependencies and the build script are already compiled and only the b24-spec crate (its
#     build script run + rustc) is timed. Peak RSS is the largest process of that build (rustc),
#     read with GNU time (`/usr/bin/time -v`) or, without it, Python's resource.getrusage.
# The repository is copied to a scratch folder first (without target/ and .git), so edits made
# while the benchmark runs do not change what it measures.
#
# Environment: SCALE_WORK=DIR keeps the scratch files there (default: a temp dir, removed at the
# end); CODEGEN_RUNS (default 5); JOBS passes `-j` to cargo.
set -euo pipefail

die() { echo "scale.sh: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "usage: bench/scale.sh SIMULATOR_SPEC_DIR [N ...]   (e.g. ../shared/reference/b24-rest-docs/simulator-spec)"
sim=$1
shift
[ -d "$sim" ] || die "simulator spec folder '$sim' does not exist (expected <shared>/reference/b24-rest-docs/simulator-spec)"
[ -f "$sim/index.json" ] || die "'$sim' has no index.json; pass the simulator-spec folder itself"
[ -d "$sim/methods" ] || die "'$sim' has no methods/ folder; pass the simulator-spec folder itself"
sim=$(cd "$sim" && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2 100 500 all)
for n in "${sizes[@]}"; do
  [[ "$n" == all || "$n" =~ ^[1-9][0-9]*$ || "$n" =~ ^area:[a-z_][a-z0-9_]*$ ]] \
    || die "N must be a positive integer, 'all' or area:NAME, got '$n'"
done
command -v python3 >/dev/null || die "python3 is required"
command -v cargo >/dev/null || die "cargo is required"

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${CODEGEN_RUNS:-5}
jobs=()
[ -n "${JOBS:-}" ] && jobs=(-j "$JOBS")

if [ -n "${SCALE_WORK:-}" ]; then
  work=$SCALE_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d -t b24-scale.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
work=$(cd "$work" && pwd)
echo "scratch: $work" >&2

# Peak memory: GNU time if it works, else getrusage(RUSAGE_CHILDREN) through Python.
if /usr/bin/time -v true >/dev/null 2>&1; then
  rss_tool="GNU time (/usr/bin/time -v, 'Maximum resident set size')"
  measure() { # out_file cmd... → runs cmd, writes "seconds kb"
    local out=$1; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$out.time" "$@" || return $?
    end=$(date +%s.%N)
    local kb
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time")
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}') ${kb:-0}" > "$out"
  }
else
  rss_tool="Python resource.getrusage(RUSAGE_CHILDREN).ru_maxrss (GNU time not found)"
  measure() {
    local out=$1; shift
    python3 - "$out" "$@" <<'PY'
import resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
start = time.monotonic()
rc = subprocess.call(cmd)
secs = time.monotonic() - start
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
with open(out, "w") as f:
    f.write(f"{secs:.1f} {kb}\n")
sys.exit(rc)
PY
  }
fi
echo "peak RSS via: $rss_tool" >&2

# A snapshot of the working tree, so concurrent edits do not leak into the measurements.
src=$work/repo
rm -rf "$src"
mkdir -p "$src"
tar -C "$repo" --exclude=./target --exclude=./.git --exclude=./fuzz/target -cf - . | tar -C "$src" -xf -
[ -f "$src/codegen/examples/codegen_time.rs" ] || die "codegen/examples/codegen_time.rs is missing"

echo "building the codegen_time example..." >&2
(cd "$src" && CARGO_TARGET_DIR="$work/target-tools" cargo build --release -q "${jobs[@]}" \
  -p b24-spec-codegen --example codegen_time) || die "cannot build codegen_time"
codegen_time=$work/target-tools/release/examples/codegen_time

convert() { # limit out
  local limit=()
  [ "$1" = all ] || limit=(--limit "$1")
  python3 "$src/bench/convert_simulator.py" "$sim" --out "$2" "${limit[@]}" > "$2.log" \
    || { cat "$2.log" >&2; die "conversion failed for N=$1"; }
  head -n 1 "$2.log" >&2
}

convert 1 "$work/spec-warm"
results=()
for n in "${sizes[@]}"; do
  tag=${n//:/-}   # `:` cannot appear in paths cargo puts on LD_LIBRARY_PATH
  spec=$work/spec-$tag
  unset B24_SPEC_AREAS
  if [[ "$n" == area:* ]]; then
    export B24_SPEC_AREAS=${n#area:}
    spec=$work/spec-all
    [ -d "$spec" ] || convert all "$spec"
  else
    convert "$n" "$spec"
  fi
  measure "$work/cg-measure-$tag" "$codegen_time" "$spec" "$runs" > "$work/cg-$tag.out" \
    || die "codegen failed for N=$n (see the diagnostics above)"
  line=$(cat "$work/cg-$tag.out")
  read -r _ cg_kb < "$work/cg-measure-$tag"
  cg_rss_mb=$(awk -v k="$cg_kb" 'BEGIN {printf "%.0f", k / 1024}')
  echo "N=$n codegen: $line" >&2
  methods=$(sed -n 's/.*methods=\([0-9]*\).*/\1/p' <<<"$line")
  cg_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  bytes=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' <<<"$line")
  lines=$(sed -n 's/.*lines=\([0-9]*\).*/\1/p' <<<"$line")

  target=$work/target-$tag
  echo "N=$n warm-up build (dependencies + build script, 1-method spec)..." >&2
  (cd "$src" && env -u B24_SPEC_AREAS B24_SPEC_DIR="$work/spec-warm" CARGO_TARGET_DIR="$target" \
    cargo build --release -q "${jobs[@]}" -p b24-spec --lib) || die "warm-up build failed for N=$n"
  echo "N=$n timed build..." >&2
  log=$work/build-$tag.log
  if ! (cd "$src" && export B24_SPEC_DIR="$spec" CARGO_TARGET_DIR="$target" &&
      measure "$work/measure-$tag" cargo build --release "${jobs[@]}" -p b24-spec --lib) >"$log" 2>&1; then
    grep -m 20 -A 12 '^error' "$log" >&2 || tail -n 40 "$log" >&2
    die "N=$n does not compile; full log: $log (set SCALE_WORK to keep it)"
  fi
  grep -q 'Compiling b24-spec ' "$log" || die "N=$n: the timed build did not recompile b24-spec (log: $log)"
  read -r secs kb < "$work/measure-$tag"
  rss_mb=$(awk -v k="$kb" 'BEGIN {printf "%.0f", k / 1024}')
  echo "N=$n compile: ${secs}s, peak RSS ${rss_mb} MB" >&2
  results+=("$n $methods $cg_ms $bytes $lines $secs $rss_mb $cg_rss_mb")
  rm -rf "$target"   # a full release target is large; keep only the numbers
done

echo
echo "peak RSS via: $rss_tool"
echo "codegen = median of $runs runs of b24_spec_codegen::generate; codegen peak RSS = the codegen_time process"
echo "compile = B24_SPEC_DIR=<spec> cargo build --release -p b24-spec --lib after a warm-up (build script run + rustc);"
echo "          peak RSS = the largest process of that build (rustc or the build script)"
echo
printf '%s\n' "${results[@]}" | awk '
  { n[NR] = $1; m[NR] = $2; cg[NR] = $3; by[NR] = $4; li[NR] = $5; cs[NR] = $6; rss[NR] = $7; cgr[NR] = $8
    if ($1 == 100) base = NR }
  function f(x, b) { return (base && b > 0) ? sprintf("%.2fx", x / b) : "-" }
  END {
    print "| N | methods | codegen ms | codegen peak RSS MB | generated lines | generated MB | compile s | peak RSS MB | methods x | codegen x | lines x | compile x | RSS x |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= NR; i++)
      printf "| %s | %d | %.1f | %d | %d | %.1f | %.1f | %d | %s | %s | %s | %s | %s |\n", n[i], m[i], cg[i], cgr[i], li[i], by[i] / 1048576, cs[i], rss[i],
        f(m[i], m[base]), f(cg[i], cg[base]), f(li[i], li[base]), f(cs[i], cs[base]), f(rss[i], rss[base])
    if (!base) print "(growth factors need N=100 in the run)"
  }'
