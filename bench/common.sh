# Shared by the downstream build-cost benches (sourced): the repository, the profile, a scratch
# folder removed on exit, and the two steps every such bench takes.
#   make_crate NAME DEPENDENCY_LINES MAIN_RS   a tiny binary crate in its own workspace
#   build NAME                                 a clean build of it → "seconds crates"

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
profile=${PROFILE:-debug}
flag=""
[ "$profile" = "release" ] && flag="--release"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_crate() { # name, dependency lines, main.rs body
  mkdir -p "$work/$1/src"
  cat > "$work/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.1.0"
edition = "2024"

[dependencies]
$2

[workspace]
TOML
  printf '%s\n' "$3" > "$work/$1/src/main.rs"
}

build() { # crate → "seconds crates"
  local dir="$work/$1"
  local start end log
  log="$work/$1.log"
  start=$(date +%s.%N)
  (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build $flag --offline -j "$(nproc)" 2> "$log")
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc -l) $(grep -c '^ *Compiling' "$log")"
}
