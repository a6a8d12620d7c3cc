//! Calls a real portal through an incoming webhook: opens the open-lines session of a user code
//! with `imopenlines.session.open`, then reads the chat with `imopenlines.dialog.get` by
//! `CHAT_ID`, and prints the typed results or the typed errors.
//!
//! ```sh
//! B24_WEBHOOK_URL=https://your.bitrix24.com/rest/1/abc123/ \
//! B24_USER_CODE='livechat|22|1761|587' \
//! cargo run --example portal
//! ```
//!
//! `B24_WEBHOOK_URL` is the webhook's base URL as the portal shows it (the method name and
//! `.json` are appended); the webhook needs the `imopenlines` scope. Quote the user code: `|` is
//! a pipe to the shell.
//!
//! TLS is rustls with the `ring` provider (dev-dependencies only: the library itself has no
//! HTTP client), so `https://` portals work out of the box.
//!
//! Exit codes: 0 both calls succeeded, 1 a call failed (transport, portal error, malformed
//! answer), 2 missing or invalid environment variables (usage on stderr).

use std::fmt;
use std::process::ExitCode;

use b24_spec::common::SystemError;
use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetError, DialogGetParams};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenError, SessionOpenParams};
use b24_spec::{ApiError, CallError, Corrected, Method, Response, RetryPolicy, UserCode, decode};

const USAGE: &str = "\
usage: B24_WEBHOOK_URL=<webhook base URL> B24_USER_CODE=<user code> cargo run --example portal

  B24_WEBHOOK_URL  incoming webhook base URL, e.g. https://your.bitrix24.com/rest/1/abc123/
  B24_USER_CODE    open-lines user code, e.g. 'livechat|22|1761|587'";

/// Why a call produced no result: the request never got an answer, or the answer was not one.
#[derive(Debug)]
enum Failure<E> {
    /// The HTTP exchange failed (connection, TLS, timeouts, reading the body).
    Transport(String),
    /// The portal answered with an error body, or with something that is not an answer.
    Call(CallError<E>),
}

impl<E: fmt::Display> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Transport(e) => write!(f, "transport error: {e}"),
            Failure::Call(e) => e.fmt(f),
        }
    }
}

/// One call for every method: serialize the params, post them as JSON, decode the answer.
async fn call<M: Method>(
    client: &reqwest::Client,
    webhook: &str,
    params: &M::Params,
) -> Result<Response<M::Result>, Failure<M::Error>> {
    let body = serde_json::to_vec(params).map_err(|e| Failure::Transport(e.to_string()))?;
    let url = format!("{}/{}.json", webhook.trim_end_matches('/'), M::NAME);
    let answer = client
        .post(url)
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| Failure::Transport(chain(&e)))?;
    let status = answer.status().as_u16();
    let bytes = answer
        .bytes()
        .await
        .map_err(|e| Failure::Transport(chain(&e)))?;
    decode::<M>(status, &bytes).map_err(Failure::Call)
}

/// [`call`] again while the policy says so: limits (`QUERY_LIMIT_EXCEEDED`,
/// `OPERATION_TIME_LIMIT` until its `operating_reset_at`) and a proxy's 5xx page, with the wait
/// doubled on each further try. The policy never repeats a method the spec does not mark safe to
/// repeat (`imopenlines.session.open` may create a session), so that call is made once.
async fn call_with_retry<M: Method>(
    client: &reqwest::Client,
    webhook: &str,
    params: &M::Params,
    policy: &RetryPolicy,
) -> Result<Response<M::Result>, Failure<M::Error>> {
    let mut attempt = 1;
    loop {
        let outcome = call::<M>(client, webhook, params).await;
        let wait = match &outcome {
            Err(Failure::Call(e)) => policy.next_wait::<M>(attempt, e),
            _ => None,
        };
        let Some(wait) = wait else {
            return outcome;
        };
        let backoff = wait
            .checked_mul(2u32.saturating_pow(attempt - 1))
            .unwrap_or(wait);
        eprintln!(
            "{}: retrying in {backoff:?} (attempt {})",
            M::NAME,
            attempt + 1
        );
        tokio::time::sleep(backoff).await;
        attempt += 1;
    }
}

/// An error and its sources, `outer: inner: …` (reqwest's own message rarely says enough).
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Reads the two variables; `Err` is the message to print above the usage.
fn config() -> Result<(String, UserCode), String> {
    let var = |name: &str| match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => Ok(v.trim().to_string()),
        Ok(_) | Err(std::env::VarError::NotPresent) => Err(format!("{name} is not set")),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not valid UTF-8")),
    };
    let webhook = var("B24_WEBHOOK_URL")?;
    if !(webhook.starts_with("https://") || webhook.starts_with("http://")) {
        return Err(format!(
            "B24_WEBHOOK_URL must start with https:// or http://, got `{webhook}`"
        ));
    }
    let code = var("B24_USER_CODE")?;
    let code = code
        .parse::<UserCode>()
        .map_err(|e| format!("B24_USER_CODE `{code}`: {e}"))?;
    Ok((webhook, code))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (webhook, user_code) = match config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // reqwest is built with `rustls-no-provider`; pick ring (aws-lc needs a slow C build).
    // An error only means a provider was installed already, which is fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = match reqwest::Client::builder().build() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("error: cannot create the HTTP client: {e}");
            return ExitCode::from(1);
        }
    };

    let policy = RetryPolicy::new(4);
    let params = SessionOpenParams::new(user_code);
    let opened = match call_with_retry::<SessionOpen>(&client, &webhook, &params, &policy).await {
        Ok(opened) => opened,
        Err(e) => {
            report_session_open(&e);
            return ExitCode::FAILURE;
        }
    };
    warn_deviations(&opened);
    let Some(chat_id) = opened.result.chat_id else {
        eprintln!("imopenlines.session.open: the answer has no usable chatId");
        return ExitCode::FAILURE;
    };
    println!("imopenlines.session.open: chat {chat_id}");
    if let Some(time) = &opened.time {
        if let Some(duration) = time.duration {
            println!("  took {duration:.3} s on the portal");
        }
    }

    let params = DialogGetParams::ChatId(chat_id);
    match call_with_retry::<DialogGet>(&client, &webhook, &params, &policy).await {
        Ok(dialog) => {
            warn_deviations(&dialog);
            let d = &dialog.result;
            let show = |v: Option<String>| v.unwrap_or_else(|| "(not usable, see warnings)".into());
            println!(
                "imopenlines.dialog.get: chat {}",
                show(d.id.map(|v| v.to_string()))
            );
            println!("  name:     {}", show(d.name.clone()));
            println!("  type:     {}", show(d.chat_type.clone()));
            println!("  owner:    {}", show(d.owner.map(|v| v.to_string())));
            println!("  extranet: {}", show(d.extranet.map(|v| v.to_string())));
            if let Some(Some(description)) = &d.description {
                println!("  description: {description}");
            }
            if !d.extra.is_empty() {
                let keys: Vec<&str> = d.extra.keys().map(String::as_str).collect();
                println!("  keys the spec does not know: {}", keys.join(", "));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            report_dialog_get(&e);
            ExitCode::FAILURE
        }
    }
}

/// Values the portal sent that do not fit the spec: decoded anyway, reported here.
fn warn_deviations(response: &impl Corrected) {
    for deviation in response.deviations() {
        eprintln!("warning: {deviation}");
    }
}

fn report_session_open(e: &Failure<SessionOpenError>) {
    eprint!("imopenlines.session.open failed: ");
    match e {
        Failure::Call(CallError::Api(SessionOpenError::AccessDenied(d))) => eprintln!(
            "access denied (HTTP {}): {}",
            d.status,
            d.description.as_deref().unwrap_or("no description")
        ),
        Failure::Call(CallError::Api(SessionOpenError::System(s))) => report_system(s),
        other => report_other(other),
    }
}

fn report_dialog_get(e: &Failure<DialogGetError>) {
    eprint!("imopenlines.dialog.get failed: ");
    match e {
        Failure::Call(CallError::Api(DialogGetError::AccessError(d))) => eprintln!(
            "no access to the dialog (HTTP {}): {}",
            d.status,
            d.description.as_deref().unwrap_or("no description")
        ),
        Failure::Call(CallError::Api(DialogGetError::System(s))) => report_system(s),
        other => report_other(other),
    }
}

/// Platform errors any method can answer with; the common ones get a hint.
fn report_system(e: &SystemError) {
    let hint = match e {
        SystemError::NoAuthFound(_) => "check the webhook URL",
        SystemError::InsufficientScope(_) => "give the webhook the `imopenlines` scope",
        SystemError::QueryLimitExceeded(_) => "too many requests, retry later",
        SystemError::InvalidRequest(_) => "the portal wants https://",
        _ => "",
    };
    eprintln!("{e}");
    if !hint.is_empty() {
        eprintln!("  hint: {hint}");
    }
}

fn report_other<E: ApiError>(e: &Failure<E>) {
    match e {
        Failure::Call(CallError::Api(api)) => eprintln!(
            "{} (HTTP {}, {} code): {}",
            api.code(),
            api.status(),
            if api.is_known() {
                "documented"
            } else {
                "undocumented"
            },
            api.error_description().unwrap_or("no description")
        ),
        Failure::Call(CallError::Malformed(m)) => eprintln!("{m}"),
        Failure::Transport(t) => {
            eprintln!("transport error: {t}");
        }
    }
}
