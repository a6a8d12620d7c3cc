#!/usr/bin/env bash
# What depending on b24-spec costs a downstream crate's clean build, against the same crate
# using only serde + serde_json, measured in one run on this machine.
#
#   bench/build-cost.sh            # debug builds (the edit-compile loop)
#   PROFILE=release bench/build-cost.sh
#
# Prints wall time, crates compiled, the ratios, and the build script's own run time.
# RUNS=N rounds (default 3); medians are reported.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

make_crate with_b24 "b24-spec = { path = \"$repo\" }" '
fn main() {
    let body = br#"{"result":{"chatId":"1763"}}"#;
    let r = b24_spec::decode::<b24_spec::imopenlines::session_open::SessionOpen>(200, body);
    println!("{:?}", r.map(|r| r.result.chat_id));
}'

make_crate with_serde 'serde = { version = "1", features = ["derive"] }
serde_json = "1"' '
#[derive(serde::Deserialize, Debug)]
struct Envelope { result: Open }
#[derive(serde::Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Open { chat_id: String }
fn main() {
    let body = br#"{"result":{"chatId":"1763"}}"#;
    println!("{:?}", serde_json::from_slice::<Envelope>(body).map(|e| e.result.chat_id));
}'

# The other way to get typed answers from a spec: typify turning one JSON Schema (the same
# answer) into serde types in a build script, formatted the way typify's docs show.
make_crate with_typify 'serde = { version = "1", features = ["derive"] }
serde_json = "1"

[build-dependencies]
typify = "0.6"
schemars = "0.8"
serde_json = "1"
syn = "2"
prettyplease = "0.2"' '
include!(concat!(env!("OUT_DIR"), "/types.rs"));
fn main() {
    let body = br#"{"result":{"chatId":"1763"}}"#;
    println!("{:?}", serde_json::from_slice::<Envelope>(body).map(|e| e.result.chat_id));
}'
cat > "$work/with_typify/build.rs" <<'RS'
fn main() {
    let schema = r#"{
      "title": "Envelope", "type": "object", "required": ["result"],
      "properties": {"result": {"title": "Open", "type": "object", "required": ["chatId"],
        "properties": {"chatId": {"type": "string"}}}}
    }"#;
    let schema: schemars::schema::RootSchema = serde_json::from_str(schema).unwrap();
    let mut space = typify::TypeSpace::default();
    space.add_root_schema(schema).unwrap();
    let file = syn::parse2::<syn::File>(space.to_stream()).unwrap();
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    std::fs::write(out.join("types.rs"), prettyplease::unparse(&file)).unwrap();
}
RS

# Fetch sources first so download time is not measured.
for c in with_b24 with_serde with_typify; do
  (cd "$work/$c" && cargo fetch -q)
done

# RUNS rounds (default 3), each building the three crates clean one after the other; the
# figures below are each crate's median, and every round's ratio is printed, so a noisy round
# shows.
runs=${RUNS:-3}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive integer" >&2; exit 2; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > "$work/times"
for round in $(seq "$runs"); do
  for c in with_b24 with_serde with_typify; do rm -rf "$work/$c/target"; done
  read -r tb nb <<< "$(build with_b24)"
  read -r ts ns <<< "$(build with_serde)"
  read -r tt nt <<< "$(build with_typify)"
  echo "$tb $ts $tt" >> "$work/times"
  printf '  round %d: b24-spec %.1f s, serde + serde_json %.1f s, typify %.1f s: %.2fx and %.2fx serde\n' \
    "$round" "$tb" "$ts" "$tt" "$(echo "$tb / $ts" | bc -l)" "$(echo "$tt / $ts" | bc -l)"
done
t_b24=$(awk '{print $1}' "$work/times" | median)
t_serde=$(awk '{print $2}' "$work/times" | median)
t_typify=$(awk '{print $3}' "$work/times" | median)
n_b24=$nb; n_serde=$ns; n_typify=$nt

# The build script alone: run the compiled binary the way cargo does, 10 times.
script=$(ls -d "$work"/with_b24/target/"$profile"/build/b24-spec-*/build-script-build | head -n1)
out="$work/out"
mkdir -p "$out"
start=$(date +%s.%N)
for _ in 1 2 3 4 5 6 7 8 9 10; do
  (cd "$repo" && OUT_DIR="$out" "$script" > /dev/null)
done
end=$(date +%s.%N)
t_script=$(echo "($end - $start) / 10" | bc -l)

printf '\nClean %s build of a tiny downstream crate (%s cores, %s), median of %s rounds\n' "$profile" "$(nproc)" "$(rustc --version)" "$runs"
printf '  %-34s %8.1f s  %4d crates\n' "b24-spec (default features)" "$t_b24" "$n_b24"
printf '  %-34s %8.1f s  %4d crates\n' "serde + serde_json only" "$t_serde" "$n_serde"
printf '  %-34s %8.1f s  %4d crates\n' "typify in a build script" "$t_typify" "$n_typify"
printf '  ratio: %.2fx the time, %.2fx the crates\n' "$(echo "$t_b24 / $t_serde" | bc -l)" "$(echo "$n_b24 / $n_serde" | bc -l)"
printf '  typify build-script crate: %.2fx serde + serde_json; b24-spec is %.2fx of it\n' "$(echo "$t_typify / $t_serde" | bc -l)" "$(echo "$t_b24 / $t_typify" | bc -l)"
printf '  build script run alone (load + validate + codegen + write): %.1f ms\n' "$(echo "$t_script * 1000" | bc -l)"
printf '\nCrates only the b24-spec build compiles:\n'
grep '^ *Compiling' "$work/with_b24.log" | awk '{print $2}' | sort > "$work/a"
grep '^ *Compiling' "$work/with_serde.log" | awk '{print $2}' | sort > "$work/b"
comm -23 "$work/a" "$work/b" | tr '\n' ' '
echo
