//! A mock portal on 127.0.0.1 for the client's tests and the load example: the REST methods
//! the tests call, `batch`, the OAuth token endpoint, the portal's leaky bucket, operating
//! holds, and faults injected at random (seeded) or on demand.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A fault the portal can answer with instead of running the method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// 503 `QUERY_LIMIT_EXCEEDED` (not run).
    QueryLimit,
    /// 429 `OPERATION_TIME_LIMIT` with `operating_reset_at` (not run; the method is held).
    OperationLimit,
    /// A proxy's 502 HTML page (the method may have run).
    BadGateway,
    /// The connection is reset without an answer (the method may have run).
    Reset,
    /// 401 `expired_token`: the current access token expires (not run).
    ExpiredToken,
}

/// What the portal does.
#[derive(Debug, Clone)]
pub struct Config {
    /// The leaky bucket: burst and drain per second.
    pub bucket: Option<(u32, f64)>,
    /// Chance of a fault per request, and the faults to pick from.
    pub fault_rate: f64,
    pub faults: Vec<Fault>,
    pub seed: u64,
    /// Seconds from a 429 to its `operating_reset_at`.
    pub reset_in: f64,
    /// OAuth: calls need `auth` (else it is a webhook portal).
    pub oauth: bool,
    /// The OAuth server refuses every refresh with `invalid_grant`.
    pub refuse_refresh: bool,
    /// How long a refresh takes (so concurrent callers overlap it).
    pub refresh_delay: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bucket: None,
            fault_rate: 0.0,
            faults: Vec::new(),
            seed: 1,
            reset_in: 0.3,
            oauth: false,
            refuse_refresh: false,
            refresh_delay: Duration::ZERO,
        }
    }
}

/// What the portal saw.
#[derive(Debug, Default)]
pub struct Seen {
    /// Requests per method (`batch` counted once per request).
    pub received: HashMap<String, u64>,
    /// 503s the bucket gave (not injected ones).
    pub query_limit: u64,
    /// Faults injected, by kind.
    pub injected: HashMap<String, u64>,
    /// `session.open` per user code: (requests, requests that may have run it).
    pub opens: HashMap<String, (u32, u32)>,
    /// Refresh requests to the OAuth server.
    pub refreshes: u64,
    /// Commands per `batch` request, in arrival order.
    pub batch_sizes: Vec<usize>,
    /// Broken rules: a token used before it was stored, a
    /// `$result` reference to a command outside its request, a session.open sent after it may
    /// have run.
    pub violations: Vec<String>,
    /// Arrival times of portal requests.
    pub arrivals: Vec<Instant>,
    /// Requests of a method during its operating hold (answered 429 again). Calls already on
    /// their way when the hold began can do this; calls after it must not.
    pub early: u64,
}

struct State {
    config: Config,
    seen: Seen,
    level: f64,
    at: Instant,
    rng: u64,
    access: String,
    refresh: String,
    generation: u64,
    /// Access tokens the client's store holds (checked before a new token is accepted).
    stored: Option<Arc<Mutex<Vec<String>>>>,
    held_until: HashMap<String, f64>,
    forced: Vec<(String, Fault)>,
}

/// A running mock portal; dropped, it stops.
pub struct Portal {
    /// `http://127.0.0.1:<port>`
    pub url: String,
    state: Arc<Mutex<State>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Portal {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub const FIRST_ACCESS: &str = "a1";
pub const FIRST_REFRESH: &str = "r1";

impl Portal {
    /// Starts the portal on its own thread and runtime (so a busy test runtime does not
    /// delay its answers).
    pub fn start(config: Config) -> Portal {
        let rng = config.seed.max(1);
        let state = Arc::new(Mutex::new(State {
            config,
            seen: Seen::default(),
            level: 0.0,
            at: Instant::now(),
            rng,
            access: FIRST_ACCESS.into(),
            refresh: FIRST_REFRESH.into(),
            generation: 1,
            stored: None,
            held_until: HashMap::new(),
            forced: Vec::new(),
        }));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, port) = std::sync::mpsc::channel();
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                ready.send(listener.local_addr().unwrap().port()).unwrap();
                let serve = async {
                    loop {
                        let Ok((stream, _)) = listener.accept().await else {
                            continue;
                        };
                        let _ = stream.set_nodelay(true);
                        tokio::spawn(connection(stream, Arc::clone(&shared)));
                    }
                };
                tokio::select! {
                    _ = serve => {}
                    _ = stopped => {}
                }
            });
        });
        let port = port.recv().unwrap();
        Portal {
            url: format!("http://127.0.0.1:{port}"),
            state,
            stop: Some(stop),
        }
    }

    /// The webhook base URL.
    pub fn webhook(&self) -> String {
        format!("{}/rest/1/key/", self.url)
    }

    /// The OAuth REST endpoint and token URL.
    pub fn endpoint(&self) -> String {
        format!("{}/rest/", self.url)
    }
    pub fn oauth_server(&self) -> String {
        format!("{}/oauth/token/", self.url)
    }

    /// What the portal saw so far.
    pub fn seen<T>(&self, f: impl FnOnce(&Seen) -> T) -> T {
        f(&self.state.lock().unwrap().seen)
    }

    /// The current access token expires now.
    pub fn expire_token(&self) {
        self.state.lock().unwrap().access = "expired".into();
    }

    /// The next request of `method` gets `fault`.
    pub fn force(&self, method: &str, fault: Fault) {
        self.state
            .lock()
            .unwrap()
            .forced
            .push((method.into(), fault));
    }

    /// Tokens the client's store holds: a new token used before it is there is a violation.
    pub fn check_store(&self, stored: Arc<Mutex<Vec<String>>>) {
        self.state.lock().unwrap().stored = Some(stored);
    }
}

fn now_unix() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// One keep-alive connection: requests until the client closes it or a reset is injected.
async fn connection(mut stream: TcpStream, state: Arc<Mutex<State>>) {
    let mut buffer = Vec::new();
    loop {
        let Some((head, body)) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let reply = {
            let mut state = state.lock().unwrap();
            answer(&mut state, &head, &body)
        };
        match reply {
            Reply::Reset => {
                let _ = stream.set_zero_linger();
                return;
            }
            Reply::Delayed(delay, status, body) => {
                tokio::time::sleep(delay).await;
                if write(&mut stream, status, "application/json", &body)
                    .await
                    .is_err()
                {
                    return;
                }
            }
            Reply::Json(status, body) => {
                if write(&mut stream, status, "application/json", &body)
                    .await
                    .is_err()
                {
                    return;
                }
            }
            Reply::Html(status, body) => {
                if write(&mut stream, status, "text/html", &body)
                    .await
                    .is_err()
                {
                    return;
                }
            }
        }
    }
}

async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<(String, Vec<u8>)> {
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_string();
            let length = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            let total = end + 4 + length;
            while buffer.len() < total {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            let body = buffer[end + 4..total].to_vec();
            buffer.drain(..total);
            return Some((head, body));
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

async fn write(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    stream.write_all(&out).await
}

enum Reply {
    Json(u16, Vec<u8>),
    Delayed(Duration, u16, Vec<u8>),
    Html(u16, Vec<u8>),
    Reset,
}

fn json_reply(status: u16, value: Value) -> Reply {
    Reply::Json(status, serde_json::to_vec(&value).unwrap())
}

fn error(status: u16, code: &str) -> Reply {
    json_reply(status, json!({"error": code, "error_description": code}))
}

fn query_param(target: &str, name: &str) -> Option<String> {
    let (_, query) = target.split_once('?')?;
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

impl State {
    fn random(&mut self) -> f64 {
        // xorshift64*
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The bucket's verdict: room for one more, or full.
    fn bucket_allows(&mut self) -> bool {
        let Some((burst, rate)) = self.config.bucket else {
            return true;
        };
        let now = Instant::now();
        self.level = (self.level - now.duration_since(self.at).as_secs_f64() * rate).max(0.0);
        self.at = now;
        if self.level + 1.0 > f64::from(burst) + 1e-9 {
            return false;
        }
        self.level += 1.0;
        true
    }

    fn pick_fault(&mut self, method: &str) -> Option<Fault> {
        if let Some(i) = self.forced.iter().position(|(m, _)| m == method) {
            return Some(self.forced.remove(i).1);
        }
        if self.config.faults.is_empty() || self.random() >= self.config.fault_rate {
            return None;
        }
        let i = (self.random() * self.config.faults.len() as f64) as usize;
        self.config.faults.get(i).copied()
    }
}

fn answer(state: &mut State, head: &str, body: &[u8]) -> Reply {
    let target = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    if target.starts_with("/oauth/token/") {
        return refresh(state, &target);
    }
    let path = target.split('?').next().unwrap_or("");
    let method = path
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".json")
        .to_string();
    state.seen.arrivals.push(Instant::now());
    *state.seen.received.entry(method.clone()).or_default() += 1;
    let params: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let user_code = params["USER_CODE"].as_str().map(str::to_string);
    if let Some(code) = &user_code {
        let entry = state.seen.opens.entry(code.clone()).or_default();
        if entry.1 > 0 {
            state
                .seen
                .violations
                .push(format!("session.open {code} sent after it may have run"));
        }
        entry.0 += 1;
    }
    // Authorization comes first: an expired token runs nothing.
    if state.config.oauth {
        let auth = query_param(&target, "auth").unwrap_or_default();
        if auth != state.access {
            return error(401, "expired_token");
        }
        if auth != FIRST_ACCESS {
            if let Some(stored) = &state.stored {
                if !stored.lock().unwrap().contains(&auth) {
                    state
                        .seen
                        .violations
                        .push(format!("{auth} used before it was stored"));
                }
            }
        }
    }
    if !state.bucket_allows() {
        state.seen.query_limit += 1;
        return error(503, "QUERY_LIMIT_EXCEEDED");
    }
    let now = now_unix();
    if let Some(until) = state.held_until.get(&method) {
        if now < *until {
            let reset_at = *until;
            state.seen.early += 1;
            return json_reply(
                429,
                json!({"error": "OPERATION_TIME_LIMIT", "time": {"operating_reset_at": reset_at}}),
            );
        }
    }
    let fault = state.pick_fault(&method);
    if let Some(fault) = fault {
        *state.seen.injected.entry(format!("{fault:?}")).or_default() += 1;
    }
    let may_run = !matches!(
        fault,
        Some(Fault::QueryLimit | Fault::OperationLimit | Fault::ExpiredToken)
    );
    if let (Some(code), true) = (&user_code, may_run) {
        state.seen.opens.entry(code.clone()).or_default().1 += 1;
    }
    match fault {
        Some(Fault::QueryLimit) => return error(503, "QUERY_LIMIT_EXCEEDED"),
        Some(Fault::OperationLimit) => {
            let reset_at = now + state.config.reset_in;
            state.held_until.insert(method.clone(), reset_at);
            return json_reply(
                429,
                json!({"error": "OPERATION_TIME_LIMIT",
                       "error_description": "Method is blocked due to operation time limit.",
                       "time": {"operating": 480.5, "operating_reset_at": reset_at}}),
            );
        }
        Some(Fault::BadGateway) => {
            return Reply::Html(
                502,
                b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec(),
            );
        }
        Some(Fault::Reset) => return Reply::Reset,
        Some(Fault::ExpiredToken) => {
            if state.config.oauth {
                state.access = "expired".into();
            }
            return error(401, "expired_token");
        }
        None => {}
    }
    let time = json!({"start": now, "finish": now, "duration": 0.001, "processing": 0.001,
                      "operating": 0.25, "operating_reset_at": now + 600.0});
    if method == "batch" {
        return batch(state, &params, time);
    }
    json_reply(
        200,
        json!({"result": result_of(&method, state), "time": time}),
    )
}

fn result_of(method: &str, state: &mut State) -> Value {
    match method {
        "imopenlines.revision.get" => json!({"rest": 1, "web": 1, "mobile": 1}),
        "imopenlines.session.open" => json!({"chatId": 1700 + state.seen.opens.len()}),
        "imopenlines.dialog.get" => json!({"id": 29, "name": "Support"}),
        _ => json!(true),
    }
}

fn batch(state: &mut State, params: &Value, time: Value) -> Reply {
    let mut results = serde_json::Map::new();
    let cmd = params["cmd"].as_object().cloned().unwrap_or_default();
    state.seen.batch_sizes.push(cmd.len());
    for (key, command) in &cmd {
        let text = command.as_str().unwrap_or("");
        let (method, query) = text.split_once('?').unwrap_or((text, ""));
        for reference in query.split("$result[").skip(1) {
            let target = reference.split(']').next().unwrap_or("");
            if !cmd.contains_key(target) {
                state
                    .seen
                    .violations
                    .push(format!("`{key}` reads `{target}` outside its request"));
            }
        }
        results.insert(key.clone(), result_of(method, state));
    }
    json_reply(
        200,
        json!({"result": {"result": results, "result_error": [], "result_total": [],
                          "result_next": [], "result_time": []},
               "time": time}),
    )
}

fn refresh(state: &mut State, target: &str) -> Reply {
    state.seen.refreshes += 1;
    let delay = state.config.refresh_delay;
    let given = query_param(target, "refresh_token").unwrap_or_default();
    let grant = query_param(target, "grant_type").unwrap_or_default();
    if state.config.refuse_refresh || given != state.refresh || grant != "refresh_token" {
        let body = json!({"error": "invalid_grant", "error_description": "Invalid grant"});
        return Reply::Delayed(delay, 400, serde_json::to_vec(&body).unwrap());
    }
    state.generation += 1;
    state.access = format!("a{}", state.generation);
    state.refresh = format!("r{}", state.generation);
    let body = json!({"access_token": state.access, "refresh_token": state.refresh,
                      "expires_in": 3600, "client_endpoint": "http://127.0.0.1/rest/"});
    Reply::Delayed(delay, 200, serde_json::to_vec(&body).unwrap())
}
