#!/usr/bin/env bash
# What depending on b24-client costs a downstream app's clean build, against the same app
# calling the portal with reqwest (rustls + ring) + tokio + serde_json directly, measured in
# one run on this machine.
#
#   bench/client-build-cost.sh            # debug builds (the edit-compile loop)
#   PROFILE=release bench/client-build-cost.sh
#
# Prints wall time, crates compiled and the ratios.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

make_crate with_client "b24-client = { path = \"$repo/client\" }
b24-spec = { path = \"$repo\" }
tokio = { version = \"1\", features = [\"macros\", \"rt\"] }" '
use b24_spec::imopenlines::revision_get::{RevisionGet, RevisionGetParams};
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = b24_client::Client::webhook("http://127.0.0.1:9/rest/1/key/").build().unwrap();
    let r = client.call::<RevisionGet>(&RevisionGetParams::new()).await;
    println!("{:?}", r.map(|r| r.result.rest));
}'

make_crate with_reqwest 'reqwest = { version = "0.13", default-features = false, features = ["rustls-no-provider"] }
rustls = { version = "0.23", default-features = false, features = ["ring", "std"] }
tokio = { version = "1", features = ["macros", "rt"] }
serde_json = "1"' '
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::new();
    let r = client
        .post("http://127.0.0.1:9/rest/1/key/imopenlines.revision.get.json")
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await;
    let body = match r { Ok(r) => r.bytes().await.unwrap_or_default(), Err(_) => Default::default() };
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    println!("{:?}", v["result"]["rest"]);
}'

# Lock both on the workspace's versions where they overlap, and fetch first so download
# time is not measured.
for c in with_client with_reqwest; do
  cp "$repo/Cargo.lock" "$work/$c/Cargo.lock"
  (cd "$work/$c" && cargo fetch -q)
done

read -r t_client n_client <<< "$(build with_client)"
read -r t_reqwest n_reqwest <<< "$(build with_reqwest)"

printf '\nClean %s build of a tiny downstream app (%s cores, %s)\n' "$profile" "$(nproc)" "$(rustc --version)"
printf '  %-44s %8.1f s  %4d crates\n' "b24-client + b24-spec (imopenlines)" "$t_client" "$n_client"
printf '  %-44s %8.1f s  %4d crates\n' "reqwest + rustls/ring + tokio + serde_json" "$t_reqwest" "$n_reqwest"
printf '  ratio: %.2fx the time, %.2fx the crates\n' "$(echo "$t_client / $t_reqwest" | bc -l)" "$(echo "$n_client / $n_reqwest" | bc -l)"
if grep -qi 'aws-lc' "$work/with_client.log"; then echo "  WARNING: aws-lc was compiled"; fi
printf '\nCrates only the b24-client build compiles:\n'
grep '^ *Compiling' "$work/with_client.log" | awk '{print $2}' | sort > "$work/a"
grep '^ *Compiling' "$work/with_reqwest.log" | awk '{print $2}' | sort > "$work/b"
comm -23 "$work/a" "$work/b" | tr '\n' ' '
echo
