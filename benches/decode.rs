//! Decode throughput of the generated types against what users do today, over the same bytes.
//!
//! Baselines: `serde_json::Value` (what hand-rolled code parses into), a strict hand-written
//! serde struct with no leniency, and `IgnoredAny` (the cost of parsing JSON at all).
//! Run with `cargo bench --bench decode`; prints MB/s and the ratios the targets are set in.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use b24_spec::imopenlines::dialog_get::DialogGet;
use b24_spec::imopenlines::session_open::SessionOpen;
use serde::de::IgnoredAny;
use serde_json::{Value, json};

/// Strict structs: exact types, no numeric strings, no `[]` for `{}`, unknown keys ignored.
mod strict {
    #![allow(dead_code)]
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Envelope<T> {
        pub result: T,
        pub time: Option<Time>,
    }

    #[derive(Deserialize)]
    pub struct Time {
        pub start: Option<f64>,
        pub finish: Option<f64>,
        pub duration: Option<f64>,
        pub processing: Option<f64>,
        pub date_start: Option<String>,
        pub date_finish: Option<String>,
        pub operating_reset_at: Option<f64>,
        pub operating: Option<f64>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct SessionOpen {
        pub chat_id: String,
    }

    #[derive(Deserialize)]
    pub struct Dialog {
        pub id: u64,
        pub parent_chat_id: Option<u64>,
        pub parent_message_id: Option<u64>,
        pub name: String,
        pub description: Option<String>,
        pub owner: u64,
        pub extranet: bool,
        pub avatar: String,
        pub color: String,
        #[serde(rename = "type")]
        pub chat_type: String,
        pub counter: Option<i64>,
        pub user_counter: Option<i64>,
        pub message_count: Option<i64>,
        pub unread_id: Option<u64>,
        pub restrictions: Option<std::collections::BTreeMap<String, bool>>,
        pub last_message_id: Option<u64>,
        pub last_id: Option<u64>,
        pub marked_id: Option<u64>,
        pub disk_folder_id: Option<u64>,
        pub entity_type: String,
        pub entity_id: String,
        pub entity_data_1: String,
        pub entity_data_2: String,
        pub entity_data_3: String,
        pub mute_list: Option<Vec<u64>>,
        pub date_create: String,
        pub message_type: String,
        pub public: Option<String>,
        pub role: Option<String>,
        pub entity_link: Option<EntityLink>,
        pub text_field_enabled: Option<bool>,
        pub background_id: Option<u64>,
        pub permissions: Option<std::collections::BTreeMap<String, String>>,
        pub is_new: Option<bool>,
        pub readed_list: Option<Vec<Reader>>,
        pub manager_list: Vec<u64>,
        pub last_message_views: Option<Views>,
        pub dialog_id: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct EntityLink {
        #[serde(rename = "type")]
        pub link_type: String,
        pub url: String,
        pub id: String,
    }

    #[derive(Deserialize)]
    pub struct Reader {
        pub user_id: u64,
        pub user_name: String,
        pub message_id: u64,
        pub date: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Views {
        pub message_id: u64,
        pub first_viewers: Vec<Viewer>,
        pub count_of_viewers: i64,
    }

    #[derive(Deserialize)]
    pub struct Viewer {
        pub user_id: u64,
        pub user_name: String,
        pub date: String,
    }
}

/// The documentation's `dialog.get` answer grown the way busy chats grow: 2,000 readers,
/// 300 managers, 200 viewers, and keys no doc mentions at every level.
fn large_dialog() -> Vec<u8> {
    let mut body: Value =
        serde_json::from_slice(include_bytes!("../tests/fixtures/docs/dialog-get.en.json"))
            .unwrap();
    let result = body["result"].as_object_mut().unwrap();
    let readers: Vec<Value> = (0..2000)
        .map(|i| {
            json!({"user_id": 1000 + i, "user_name": format!("Гость №{i}"), "message_id": 86000 + i,
                   "date": if i % 3 == 0 { Value::Null } else { json!("2026-03-16T20:50:37+01:00") },
                   "device": "desktop"})
        })
        .collect();
    result.insert("readed_list".into(), Value::Array(readers));
    result.insert("manager_list".into(), json!((0..300).collect::<Vec<u64>>()));
    let viewers: Vec<Value> = (0..200)
        .map(|i| json!({"user_id": i, "user_name": format!("Operator {i}"), "date": "2026-03-16T20:50:37+01:00"}))
        .collect();
    result["last_message_views"]["first_viewers"] = Value::Array(viewers);
    result.insert(
        "undocumented_settings".into(),
        json!({"theme": "dark", "pinned": [1, 2, 3]}),
    );
    result.insert(
        "copilot".into(),
        json!({"enabled": false, "role": "assistant"}),
    );
    serde_json::to_vec(&body).unwrap()
}

/// `Value` read the way `decode` reads bodies: one UTF-8 check, then the faster `str` reader.
fn value_via_str(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|s| serde_json::from_str::<Value>(s).is_ok())
}

/// Median time per call over several samples of at least `budget / 7` each.
fn measure(budget: Duration, mut f: impl FnMut()) -> Duration {
    for _ in 0..3 {
        f();
    }
    let sample_budget = budget / 7;
    let mut per_call = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let mut calls = 0u32;
        while start.elapsed() < sample_budget {
            f();
            calls += 1;
        }
        per_call.push(start.elapsed() / calls.max(1));
    }
    per_call.sort();
    per_call[3]
}

fn row(name: &str, bytes: usize, t: Duration) -> f64 {
    let mbps = bytes as f64 / t.as_secs_f64() / 1e6;
    println!(
        "  {name:<26} {:>10.2} µs  {mbps:>8.1} MB/s",
        t.as_secs_f64() * 1e6
    );
    t.as_secs_f64()
}

fn report(
    label: &str,
    bytes: &[u8],
    typed: Duration,
    [value, value_str]: [Duration; 2],
    strict: Option<Duration>,
    floor: Duration,
) {
    println!("{label} ({} bytes)", bytes.len());
    let t = row("typed (b24-spec decode)", bytes.len(), typed);
    let v = row("serde_json::Value", bytes.len(), value);
    let vs = row("Value via str (as decode)", bytes.len(), value_str);
    let s = strict.map(|s| row("strict serde struct", bytes.len(), s));
    let i = row("IgnoredAny (parse floor)", bytes.len(), floor);
    println!(
        "  typed is {:.2}x faster than Value (target >= 1.5x), {:.2}x than Value via str",
        v / t,
        vs / t
    );
    if let Some(s) = s {
        println!("  typed takes {:.2}x the strict struct's time", t / s);
    }
    println!(
        "  typed takes {:.2}x the parse floor (target <= 2x)\n",
        t / i
    );
}

fn main() {
    // `cargo test --benches` runs this binary with `--bench` absent: keep that fast.
    let quick = !std::env::args().any(|a| a == "--bench");
    let budget = if quick {
        Duration::from_millis(20)
    } else {
        Duration::from_secs(2)
    };

    let open = include_bytes!("../tests/fixtures/docs/session-open.en.json").to_vec();
    let doc = include_bytes!("../tests/fixtures/docs/dialog-get.en.json").to_vec();
    let large = large_dialog();
    assert!(b24_spec::decode::<DialogGet>(200, &large).is_ok());
    assert!(serde_json::from_slice::<strict::Envelope<strict::Dialog>>(&large).is_ok());

    println!("b24-spec decode benchmark (median of 7 samples, {budget:?} per case)\n");
    let typed = measure(budget, || {
        black_box(b24_spec::decode::<SessionOpen>(200, black_box(&open)).is_ok());
    });
    let value = measure(budget, || {
        black_box(serde_json::from_slice::<Value>(black_box(&open)).is_ok());
    });
    let value_str = measure(budget, || {
        black_box(value_via_str(black_box(&open)));
    });
    let strict = measure(budget, || {
        black_box(
            serde_json::from_slice::<strict::Envelope<strict::SessionOpen>>(black_box(&open))
                .is_ok(),
        );
    });
    let floor = measure(budget, || {
        black_box(serde_json::from_slice::<IgnoredAny>(black_box(&open)).is_ok());
    });
    report(
        "imopenlines.session.open, doc example",
        &open,
        typed,
        [value, value_str],
        Some(strict),
        floor,
    );

    for (label, bytes) in [
        ("imopenlines.dialog.get, doc example", &doc),
        ("imopenlines.dialog.get, large variant", &large),
    ] {
        let typed = measure(budget, || {
            black_box(b24_spec::decode::<DialogGet>(200, black_box(bytes)).is_ok());
        });
        let value = measure(budget, || {
            black_box(serde_json::from_slice::<Value>(black_box(bytes)).is_ok());
        });
        let value_str = measure(budget, || {
            black_box(value_via_str(black_box(bytes)));
        });
        let strict = measure(budget, || {
            black_box(
                serde_json::from_slice::<strict::Envelope<strict::Dialog>>(black_box(bytes))
                    .is_ok(),
            );
        });
        let floor = measure(budget, || {
            black_box(serde_json::from_slice::<IgnoredAny>(black_box(bytes)).is_ok());
        });
        report(label, bytes, typed, [value, value_str], Some(strict), floor);
    }
}
