//! The response reality corpus: every file under `tests/fixtures/responses/<method>/` is decoded
//! with that method's types, and the one-line outcome per file is pinned in a snapshot.
//!
//! A file is named `<NNN>-<slug>.<status>.json`; the number before `.json` is the HTTP status the
//! body is decoded with. See `tests/fixtures/responses/README.md`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use b24_spec::common::Time;
use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetResult};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenResult};
use b24_spec::{ApiError, CallError, Corrected, Method, Response, SYSTEM_ERRORS, decode};
use b24_spec_codegen::{FieldInfo, Spec};
use common::{fixture_path, lost_or_changed};
use serde_json::{Map, Value};

/// Successful cases whose re-serialization is known to drop or change a key: method, file, and
/// the exact difference `lost_or_changed` reports. Each is a reported gap in the crate, not an
/// accepted behaviour; the test also fails when a listed gap disappears, so the list stays true.
const KNOWN_ROUND_TRIP_GAPS: &[(&str, &str, &str)] = &[];

/// One corpus file.
struct Case {
    name: String,
    status: u16,
    body: Vec<u8>,
}

/// The files of one method's folder, sorted by name, with the status parsed from each name.
fn cases(method: &str) -> Vec<Case> {
    let dir: PathBuf = fixture_path("responses").join(method);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "{} holds no cases", dir.display());
    names
        .into_iter()
        .map(|name| {
            let status = status_from_name(&name)
                .unwrap_or_else(|| panic!("{method}/{name}: not `<NNN>-<slug>.<status>.json`"));
            let body = std::fs::read(dir.join(&name)).unwrap();
            Case { name, status, body }
        })
        .collect()
}

/// `012-id-as-string.200.json` → 200; `None` when the name does not follow the scheme.
fn status_from_name(name: &str) -> Option<u16> {
    let stem = name.strip_suffix(".json")?;
    let (head, status) = stem.rsplit_once('.')?;
    let (number, slug) = head.split_once('-')?;
    let well_formed = number.len() == 3
        && number.bytes().all(|b| b.is_ascii_digit())
        && !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && status.len() == 3
        && status.bytes().all(|b| b.is_ascii_digit());
    let status: u16 = status.parse().ok()?;
    (well_formed && (100..=599).contains(&status)).then_some(status)
}

/// What the corpus needs to know about a method beyond [`Method`] and the spec.
trait CorpusMethod: Method {
    /// Compact description of a decoded success.
    fn summary(response: &Response<Self::Result>) -> String;
}

/// The repository's spec, loaded and checked once.
fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
        b24_spec_codegen::check(&dir)
            .unwrap_or_else(|failed| panic!("spec/ does not load:\n{}", failed.diagnostics))
    })
}

/// The fields of `method`'s answers: the result's and the envelope's `time`, flattened, with
/// paths as `lost_or_changed` writes them (`.result.readed_list[].date`).
fn answer_fields(method: &str) -> Vec<FieldInfo> {
    let spec = spec();
    let m = spec
        .methods()
        .find(|m| m.name() == method)
        .unwrap_or_else(|| panic!("{method} is not in spec/"));
    let time = spec
        .shared_object_fields("Time")
        .expect("spec/shared defines `time`");
    let prefixed = |prefix: &str, mut f: FieldInfo| {
        f.path = format!("{prefix}{}", f.path);
        f
    };
    m.result_fields()
        .into_iter()
        .map(|f| prefixed(".", f))
        .chain(time.into_iter().map(|f| prefixed(".time.", f)))
        .collect()
}

/// Whether `path` (as `lost_or_changed` writes it, `[]` for any index) is a nullable field
/// where `false` (PHP's "no value") re-serializes as `null`: not a boolean (`false` is a
/// value there) and not free JSON (kept as sent).
fn nullable(method: &str, path: &str) -> bool {
    answer_fields(method).iter().any(|f| {
        f.path == path && f.nullable && !matches!(f.type_name.as_str(), "boolean" | "json")
    })
}

/// Whether `path` is a boolean field, where `"Y"`/`"N"` re-serialize as `true`/`false`.
fn boolean(method: &str, path: &str) -> bool {
    answer_fields(method)
        .iter()
        .any(|f| f.path == path && f.type_name == "boolean")
}

/// The names of the fields directly inside the object at `parent` (`result`,
/// `result.restrictions`), in spec order; only the optional ones when `optional`.
fn fields_of(method: &str, parent: &str, optional: bool) -> Vec<String> {
    let prefix = format!(".{parent}.");
    answer_fields(method)
        .into_iter()
        .filter(|f| !(optional && f.required))
        .filter_map(|f| {
            let name = f.path.strip_prefix(&prefix)?;
            (!name.contains('.') && !name.ends_with("[]")).then(|| name.to_string())
        })
        .collect()
}

/// Whether the decoded `response` holds a value for the result's field `name`: it was sent
/// and not set aside as a correction (a corrected value is kept, and reported at its path).
fn holds<T: Corrected + serde::Serialize>(response: &Response<T>, name: &str) -> bool {
    let out = serde_json::to_value(response).unwrap();
    let path = format!("result.{name}");
    out["result"].get(name).is_some() && !response.deviations().iter().any(|d| d.path == path)
}

impl CorpusMethod for SessionOpen {
    fn summary(response: &Response<SessionOpenResult>) -> String {
        let r = &response.result;
        let mut extra = Vec::new();
        keys(&mut extra, "", &response.extra);
        keys(&mut extra, "result.", &r.extra);
        format!(
            "chat_id={}{}{}",
            o(r.chat_id),
            time(response.time.as_ref(), &mut extra),
            extras(&extra)
        )
    }
}

impl CorpusMethod for DialogGet {
    /// `counters` is counter/user_counter/message_count (`-` when absent), `readed` lists
    /// `user_id@date`, `restrictions` has one letter per flag in spec order (`T`, `F`, `-` for
    /// absent), `views` is message_id/first viewers/count_of_viewers, `optional` counts the
    /// optional fields present (fields no seed-era server sent) out of the spec's.
    fn summary(response: &Response<DialogGetResult>) -> String {
        let r = &response.result;
        let mut extra = Vec::new();
        keys(&mut extra, "", &response.extra);
        keys(&mut extra, "result.", &r.extra);
        if let Some(o) = &r.restrictions {
            keys(&mut extra, "result.restrictions.", &o.extra);
        }
        if let Some(o) = &r.permissions {
            keys(&mut extra, "result.permissions.", &o.extra);
        }
        if let Some(o) = &r.entity_link {
            keys(&mut extra, "result.entity_link.", &o.extra);
        }
        for (i, item) in r.readed_list.iter().flatten().enumerate() {
            keys(
                &mut extra,
                &format!("result.readed_list[{i}]."),
                &item.extra,
            );
        }
        if let Some(views) = &r.last_message_views {
            keys(&mut extra, "result.last_message_views.", &views.extra);
            for (i, v) in views.first_viewers.iter().flatten().enumerate() {
                let prefix = format!("result.last_message_views.first_viewers[{i}].");
                keys(&mut extra, &prefix, &v.extra);
            }
        }
        let optional = fields_of(Self::NAME, "result", true);
        let present = optional.iter().filter(|f| holds(response, f)).count();
        let readed = r.readed_list.as_ref().map_or("absent".to_string(), |list| {
            let items: Vec<String> = list
                .iter()
                .map(|i| {
                    let date = absent_or(i.date.as_ref(), |d| opt(d.map(|d| d.to_rfc3339())));
                    format!("{}@{date}", o(i.user_id))
                })
                .collect();
            format!("[{}]", items.join(","))
        });
        let restrictions = r.restrictions.as_ref().map_or("absent".to_string(), |_| {
            let out = serde_json::to_value(response).unwrap();
            fields_of(Self::NAME, "result.restrictions", false)
                .iter()
                .map(|f| match out["result"]["restrictions"].get(f) {
                    Some(Value::Bool(true)) => 'T',
                    Some(Value::Bool(false)) => 'F',
                    _ => '-',
                })
                .collect()
        });
        let views = r
            .last_message_views
            .as_ref()
            .map_or("absent".to_string(), |v| {
                format!(
                    "{:?}/{:?} viewers/{:?}",
                    v.message_id,
                    v.first_viewers.as_ref().map(Vec::len),
                    v.count_of_viewers
                )
            });
        let public = absent_or(r.public.as_ref(), |p| match p {
            None => "\"\"".to_string(),
            Some(p) => o(p.code.as_deref().map(short)),
        });
        format!(
            "id={} owner={} name={} dialog_id={} description={} background_id={} public={public} \
             extranet={} counters={} date_create={} managers={:?} readed={readed} \
             restrictions={restrictions} views={views} optional={present}/{}{}{}",
            o(r.id),
            o(r.owner),
            o(r.name.as_deref().map(short)),
            o(r.dialog_id.as_deref().map(short)),
            absent_or(r.description.as_ref(), |d| opt(d.as_deref().map(short))),
            absent_or(r.background_id.as_ref(), |b| opt(b.as_ref().map(|b| {
                match b.known() {
                    Some(k) if k != *b => format!("{b}={k}"),
                    _ => b.to_string(),
                }
            }))),
            o(r.extranet),
            [r.counter, r.user_counter, r.message_count]
                .map(|c| c.map_or("-".to_string(), |c| c.to_string()))
                .join("/"),
            o(r.date_create.map(|d| d.to_rfc3339())),
            r.manager_list,
            optional.len(),
            time(response.time.as_ref(), &mut extra),
            extras(&extra)
        )
    }
}

/// A string for the listing: Rust-escaped, cut after 40 characters with its byte length.
fn short(s: &str) -> String {
    if s.chars().count() <= 40 {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(40).collect();
        format!("{:?}…({} bytes)", head, s.len())
    }
}

/// A field that may be missing or corrected: `?` then (the deviations say which).
fn o<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or("?".to_string(), |v| v.to_string())
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or("null".to_string(), |v| v.to_string())
}

/// An optional field: `absent` when not sent, else `show` of the value.
fn absent_or<T>(v: Option<&T>, show: impl Fn(&T) -> String) -> String {
    v.map_or("absent".to_string(), show)
}

fn keys(out: &mut Vec<String>, prefix: &str, map: &Map<String, Value>) {
    out.extend(map.keys().map(|k| format!("{prefix}{k}")));
}

/// ` time=absent` or ` time=N keys`; unknown time keys go to `extra`.
fn time(time: Option<&Time>, extra: &mut Vec<String>) -> String {
    match time {
        None => " time=absent".to_string(),
        Some(t) => {
            keys(extra, "time.", &t.extra);
            let known = serde_json::to_value(t)
                .unwrap()
                .as_object()
                .map_or(0, |o| o.len() - t.extra.len());
            format!(" time={known} keys")
        }
    }
}

fn extras(extra: &[String]) -> String {
    if extra.is_empty() {
        String::new()
    } else {
        format!("; extra: {}", extra.join(", "))
    }
}

/// Counts the normalizations between the body as sent and as re-serialized, by kind.
#[derive(Default)]
struct Normalized {
    numeric_strings: usize,
    empty_arrays: usize,
    false_to_null: usize,
    flags: usize,
}

impl Normalized {
    fn walk(&mut self, before: &Value, after: &Value) {
        match (before, after) {
            (Value::Object(a), Value::Object(b)) => {
                for (k, va) in a {
                    if let Some(vb) = b.get(k) {
                        self.walk(va, vb);
                    }
                }
            }
            (Value::Array(a), Value::Array(b)) => {
                for (va, vb) in a.iter().zip(b) {
                    self.walk(va, vb);
                }
            }
            (Value::Array(a), Value::Object(_)) if a.is_empty() => self.empty_arrays += 1,
            (Value::String(s), Value::Bool(_)) if s == "Y" || s == "N" => self.flags += 1,
            (Value::String(_), Value::Number(_)) => self.numeric_strings += 1,
            (Value::Bool(false), Value::Null) => self.false_to_null += 1,
            _ => {}
        }
    }

    fn render(&self) -> String {
        let parts: Vec<String> = [
            (self.numeric_strings, "numeric string→number"),
            (self.empty_arrays, "[]→{}"),
            (self.false_to_null, "false→null"),
            (self.flags, "Y/N→bool"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n}× {what}"))
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("; normalized: {}", parts.join(", "))
        }
    }
}

/// `.result.readed_list[0].date` → `.result.readed_list[].date`.
fn generic_path(path: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// Differences `lost_or_changed` reports that are not one of the documented normalizations
/// (`false` → `null` in nullable fields, `"Y"`/`"N"` → booleans in boolean fields).
fn round_trip_problems<M: CorpusMethod>(
    body: &[u8],
    response: &Response<M::Result>,
) -> Vec<String> {
    let before: Value = serde_json::from_slice(body).unwrap();
    let after = serde_json::to_value(response).unwrap();
    let mut problems = Vec::new();
    lost_or_changed(&before, &after, "", &mut problems);
    problems.retain(|p| {
        let Some((path, change)) = p.split_once(": ") else {
            return true;
        };
        let path = generic_path(path);
        let allowed = (change == "false became null" && nullable(M::NAME, &path))
            || ((change == "\"Y\" became true" || change == "\"N\" became false")
                && boolean(M::NAME, &path));
        !allowed
    });
    problems
}

/// `System(QueryLimitExceeded(ErrorDetails { … }))` → `System::QueryLimitExceeded`,
/// `Unknown(UnknownCode { … })` → `Unknown`.
fn variant(debug: &str) -> String {
    let head = debug.split(" {").next().unwrap_or(debug);
    head.split('(')
        .filter(|p| *p != "ErrorDetails" && *p != "UnknownCode")
        .collect::<Vec<_>>()
        .join("::")
}

/// What one run of the corpus found.
struct Run {
    listing: String,
    panicked: Vec<String>,
    round_trip: Vec<String>,
}

fn run<M: CorpusMethod>() -> Run {
    let cases = cases(M::NAME);
    let width = cases.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut run = Run {
        listing: String::new(),
        panicked: Vec::new(),
        round_trip: Vec::new(),
    };
    for case in &cases {
        let decoded = catch_unwind(AssertUnwindSafe(|| decode::<M>(case.status, &case.body)));
        let outcome = match decoded {
            Err(_) => {
                run.panicked.push(case.name.clone());
                "PANIC".to_string()
            }
            Ok(Ok(response)) => {
                // decode skips a UTF-8 byte order mark; so does the comparison.
                let body = case
                    .body
                    .strip_prefix(b"\xEF\xBB\xBF")
                    .unwrap_or(&case.body);
                let before: Value = serde_json::from_slice(body).unwrap();
                let mut normalized = Normalized::default();
                normalized.walk(&before, &serde_json::to_value(&response).unwrap());
                let problems = round_trip_problems::<M>(body, &response);
                let known = KNOWN_ROUND_TRIP_GAPS
                    .iter()
                    .filter(|(m, file, _)| *m == M::NAME && *file == case.name)
                    .map(|(_, _, diff)| (*diff).to_string())
                    .collect::<Vec<_>>();
                if problems != known {
                    run.round_trip
                        .push(format!("{}: {problems:?} (known: {known:?})", case.name));
                }
                let lost = if problems.is_empty() {
                    String::new()
                } else {
                    format!("; ROUND TRIP: {}", problems.join("; "))
                };
                let deviations: Vec<String> = response
                    .deviations()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let corrected = if deviations.is_empty() {
                    String::new()
                } else {
                    format!("; corrected: {}", deviations.join(" | "))
                };
                format!(
                    "ok {}{}{corrected}{lost}",
                    M::summary(&response),
                    normalized.render()
                )
            }
            Ok(Err(CallError::Api(e))) => {
                assert_eq!(e.status(), case.status, "{}: status kept", case.name);
                let known = if e.is_known() { "known" } else { "unknown" };
                let mut line = format!(
                    "api error {} ({known}, status {}) {}",
                    e.code(),
                    e.status(),
                    variant(&format!("{e:?}"))
                );
                match e.documented_status() {
                    Some(d) if d != e.status() => write!(line, ", documented {d}").unwrap(),
                    _ => {}
                }
                match e.error_description() {
                    Some(d) => write!(line, ", description {}", short(d)).unwrap(),
                    None => line.push_str(", no description"),
                }
                let extra: Vec<&str> = e.details().extra.keys().map(String::as_str).collect();
                if !extra.is_empty() {
                    write!(line, "; extra: {}", extra.join(", ")).unwrap();
                }
                line
            }
            Ok(Err(CallError::Malformed(e))) => {
                assert_eq!(e.status, case.status, "{}: status kept", case.name);
                format!("malformed at `{}`: {}", e.path, e.message)
            }
        };
        writeln!(run.listing, "{:<width$}  {outcome}", case.name).unwrap();
    }
    run
}

/// Runs the corpus for `M`, pins the listing and checks panics, round trips and coverage.
fn check<M: CorpusMethod>() {
    let run = run::<M>();
    insta::assert_snapshot!(M::NAME, run.listing);
    assert!(
        run.panicked.is_empty(),
        "decode panicked on: {:#?}",
        run.panicked
    );
    assert!(
        run.round_trip.is_empty(),
        "re-serializing lost or changed keys beyond the documented normalizations: {:#?}",
        run.round_trip
    );
    // Every documented code, the method's own and the system ones, has a case with its
    // documented status that decodes to a known error.
    for e in M::descriptor().errors.iter().chain(SYSTEM_ERRORS) {
        let expected = format!("api error {} (known, status {})", e.code, e.status);
        assert!(
            run.listing.lines().any(|l| l.contains(&expected)),
            "{}: no case for `{expected}`: add tests/fixtures/responses/{}/<NNN>-<slug>.{}.json \
             holding {{\"error\": \"{}\", \"error_description\": \"…\"}} (the next free number; \
             see the README there)",
            M::NAME,
            M::NAME,
            e.status,
            e.code
        );
    }
}

#[test]
fn session_open_corpus() {
    check::<SessionOpen>();
}

#[test]
fn dialog_get_corpus() {
    check::<DialogGet>();
}

#[test]
fn corpus_layout() {
    let root = fixture_path("responses");
    let mut entries: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    entries.sort();
    assert_eq!(
        entries,
        [
            "README.md",
            "imopenlines.dialog.get",
            "imopenlines.session.open"
        ]
    );
    for method in ["imopenlines.dialog.get", "imopenlines.session.open"] {
        assert!(b24_spec::find_method(method).is_some(), "{method}");
        let cases = cases(method);
        let mut numbers: Vec<&str> = cases.iter().map(|c| &c.name[..3]).collect();
        numbers.dedup();
        assert_eq!(numbers.len(), cases.len(), "{method}: case numbers repeat");
        for case in &cases {
            assert!(
                case.body.len() < 200 * 1024,
                "{method}/{}: keep cases under 200 KB",
                case.name
            );
        }
    }
    assert_eq!(status_from_name("012-id-as-string.200.json"), Some(200));
    assert_eq!(status_from_name("040-html-error-page.502.json"), Some(502));
    assert_eq!(status_from_name("040-html-error-page.json"), None);
    assert_eq!(status_from_name("40-x.200.json"), None);
    assert_eq!(status_from_name("040-x.999.json"), None);
}
