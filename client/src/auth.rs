//! Who the client calls as: an incoming webhook (the key is in the URL) or an OAuth app (an
//! access token that expires and is refreshed through the OAuth server, once for all callers).

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use serde::de::Error as _;
use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{ClientError, StoreError, TransportError};
use crate::stats::Counters;
use crate::transport;

/// The OAuth server the documentation names for token refresh (`grant_type=refresh_token`).
pub const DEFAULT_OAUTH_SERVER: &str = "https://oauth.bitrix24.tech/oauth/token/";

/// An access token and the refresh token that renews it. Serializes as
/// `{"access_token", "refresh_token"}` (the OAuth server's names), for token stores.
#[derive(Clone, PartialEq, Eq)]
pub struct Tokens {
    /// Sent as `auth` with every call; lives an hour.
    pub access_token: String,
    /// Exchanged for a new pair when the access token expires; lives 180 days, and each
    /// refresh replaces it.
    pub refresh_token: String,
}

impl Tokens {
    /// A pair as the OAuth server issued it.
    pub fn new(access_token: impl Into<String>, refresh_token: impl Into<String>) -> Self {
        Self {
            access_token: access_token.into(),
            refresh_token: refresh_token.into(),
        }
    }
}

/// Written by hand rather than derived, so that depending on the client compiles no
/// serde_derive (bench/client-build-cost.sh).
impl Serialize for Tokens {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Tokens", 2)?;
        st.serialize_field("access_token", &self.access_token)?;
        st.serialize_field("refresh_token", &self.refresh_token)?;
        st.end()
    }
}

/// Reads the two keys from any map; other keys (a stored `expires_in`, …) are ignored.
impl<'de> Deserialize<'de> for Tokens {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut map = std::collections::BTreeMap::<String, serde_json::Value>::deserialize(d)?;
        let mut take = |key: &'static str| match map.remove(key) {
            Some(serde_json::Value::String(s)) => Ok(s),
            Some(_) => Err(D::Error::custom(format!("`{key}` is not a string"))),
            None => Err(D::Error::missing_field(key)),
        };
        Ok(Tokens {
            access_token: take("access_token")?,
            refresh_token: take("refresh_token")?,
        })
    }
}

/// Tokens are secrets: `Debug` does not print them.
impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tokens { .. }")
    }
}

/// The app's `client_id` and `client_secret` (from the partner cabinet or the local app's form).
#[derive(Clone)]
pub struct AppCredentials {
    /// `client_id`.
    pub client_id: String,
    /// `client_secret`: only ever sent to the OAuth server.
    pub client_secret: String,
}

impl AppCredentials {
    /// The app's id and secret.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }
}

impl fmt::Debug for AppCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppCredentials")
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// Where refreshed tokens go, so a restart starts from the newest pair (the old refresh token
/// stops working once it has been used).
///
/// `save` runs once per refresh (about once an hour) before any call uses the new pair; it is
/// called from async code, so keep it short (a file write, a quick query).
pub trait TokenStore: Send + Sync {
    /// Stores `tokens` in place of the previous pair.
    fn save(&self, tokens: &Tokens) -> Result<(), StoreError>;
    /// The stored pair, if any (for the app to start a client from).
    fn load(&self) -> Result<Option<Tokens>, StoreError>;
}

/// Keeps the pair in memory only: the default, for tests and short-lived tools.
#[derive(Debug, Default)]
pub struct MemoryStore {
    tokens: Mutex<Option<Tokens>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl TokenStore for MemoryStore {
    fn save(&self, tokens: &Tokens) -> Result<(), StoreError> {
        *self.tokens.lock().unwrap_or_else(PoisonError::into_inner) = Some(tokens.clone());
        Ok(())
    }

    fn load(&self) -> Result<Option<Tokens>, StoreError> {
        Ok(self
            .tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone())
    }
}

/// How calls are authorized.
pub(crate) enum Auth {
    /// `https://<portal>/rest/<user>/<key>/`: the method name follows.
    Webhook(String),
    /// `https://<portal>/rest/` plus `?auth=<access token>`.
    OAuth(Arc<OAuth>),
}

/// What a call was sent with: the token's generation tells a refresh whether someone else
/// already replaced it.
pub(crate) struct Credential {
    pub(crate) url: String,
    pub(crate) generation: u64,
}

impl Auth {
    pub(crate) fn credential(&self, method: &str) -> Result<Credential, StoreError> {
        match self {
            Auth::Webhook(base) => Ok(Credential {
                url: format!("{base}{method}.json"),
                generation: 0,
            }),
            Auth::OAuth(oauth) => oauth.credential(method),
        }
    }
}

pub(crate) struct OAuth {
    endpoint: String,
    app: AppCredentials,
    server: reqwest::Url,
    store: Arc<dyn TokenStore>,
    state: Mutex<TokenState>,
    /// Held for the whole of a refresh (by the task that runs it), so callers queue behind it.
    refresh: Arc<tokio::sync::Mutex<()>>,
}

struct TokenState {
    tokens: Tokens,
    generation: u64,
    /// A refreshed pair the store has not taken yet: saved before it is used.
    unsaved: bool,
    /// The OAuth server refused the refresh of this generation: not asked again.
    refused: Option<(u64, String, Option<String>)>,
}

/// Why a refresh did not give a new pair.
pub(crate) enum RefreshFailure {
    Refused(String, Option<String>),
    Unanswered(TransportError),
    Store(StoreError),
}

impl<E> From<RefreshFailure> for ClientError<E> {
    fn from(f: RefreshFailure) -> Self {
        match f {
            RefreshFailure::Refused(code, description) => {
                ClientError::Reauthorize { code, description }
            }
            RefreshFailure::Unanswered(e) => ClientError::Refresh(e),
            RefreshFailure::Store(e) => ClientError::Store(e),
        }
    }
}

impl OAuth {
    pub(crate) fn new(
        endpoint: String,
        tokens: Tokens,
        app: AppCredentials,
        server: reqwest::Url,
        store: Arc<dyn TokenStore>,
    ) -> Self {
        Self {
            endpoint,
            app,
            server,
            store,
            state: Mutex::new(TokenState {
                tokens,
                generation: 1,
                unsaved: false,
                refused: None,
            }),
            refresh: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, TokenState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn credential(&self, method: &str) -> Result<Credential, StoreError> {
        let mut state = self.state();
        if state.unsaved {
            self.store.save(&state.tokens)?;
            state.unsaved = false;
        }
        let mut url = format!("{}{method}.json?auth=", self.endpoint);
        url.push_str(&form_encode(&state.tokens.access_token));
        Ok(Credential {
            url,
            generation: state.generation,
        })
    }

    /// Tokens the app got by authorizing again: they replace the pair (saved before use).
    pub(crate) fn set_tokens(&self, tokens: Tokens) {
        let mut state = self.state();
        state.tokens = tokens;
        state.generation += 1;
        state.unsaved = true;
        state.refused = None;
    }

    /// The token of `generation` expired: refresh it once. Callers that saw the same
    /// generation wait for that one refresh; a caller that comes after it finds a newer
    /// generation and just calls again. The refresh runs as its own task, so a caller that is
    /// dropped does not cut off a request that may already have used the refresh token.
    pub(crate) async fn refresh(
        self: &Arc<Self>,
        http: &reqwest::Client,
        counters: &Arc<Counters>,
        generation: u64,
    ) -> Result<(), RefreshFailure> {
        let guard = Arc::clone(&self.refresh).lock_owned().await;
        {
            let state = self.state();
            if state.generation != generation {
                return Ok(());
            }
            if let Some((g, code, description)) = &state.refused {
                if *g == generation {
                    return Err(RefreshFailure::Refused(code.clone(), description.clone()));
                }
            }
        }
        let this = Arc::clone(self);
        let http = http.clone();
        let counters = Arc::clone(counters);
        let task = tokio::spawn(async move {
            let _held = guard;
            this.run_refresh(&http, &counters, generation).await
        });
        match task.await {
            Ok(outcome) => outcome,
            Err(e) => Err(RefreshFailure::Unanswered(TransportError::new(
                format!("the refresh task ended: {e}"),
                true,
            ))),
        }
    }

    async fn run_refresh(
        &self,
        http: &reqwest::Client,
        counters: &Counters,
        generation: u64,
    ) -> Result<(), RefreshFailure> {
        let refresh_token = self.state().tokens.refresh_token.clone();
        let mut url = self.server.clone();
        url.query_pairs_mut()
            .append_pair("grant_type", "refresh_token")
            .append_pair("client_id", &self.app.client_id)
            .append_pair("client_secret", &self.app.client_secret)
            .append_pair("refresh_token", &refresh_token);
        counters.refreshes.add();
        let (status, body) = transport::get(http, url)
            .await
            .map_err(RefreshFailure::Unanswered)?;
        let tokens = match read_refresh(status, &body) {
            Ok(tokens) => tokens,
            Err(failure) => {
                if let RefreshFailure::Refused(code, description) = &failure {
                    self.state().refused = Some((generation, code.clone(), description.clone()));
                }
                return Err(failure);
            }
        };
        // Written before any call can use it: a restart must not start from a used-up pair.
        let saved = self.store.save(&tokens);
        let mut state = self.state();
        state.tokens = tokens;
        state.generation += 1;
        state.unsaved = saved.is_err();
        saved.map_err(RefreshFailure::Store)
    }
}

/// The OAuth server's answer: a new pair, its `error`, or something that is neither.
fn read_refresh(status: u16, body: &[u8]) -> Result<Tokens, RefreshFailure> {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
    if let Some(code) = text("error") {
        return Err(RefreshFailure::Refused(code, text("error_description")));
    }
    match (text("access_token"), text("refresh_token")) {
        (Some(access), Some(refresh)) if status == 200 => Ok(Tokens::new(access, refresh)),
        _ => Err(RefreshFailure::Unanswered(TransportError::new(
            format!("the OAuth server answered HTTP {status} without a token pair"),
            true,
        ))),
    }
}

/// Percent-encodes a query value (tokens are hex today, but nothing promises it).
fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_round_trip_through_json_and_refuse_missing_keys() {
        let t = super::Tokens::new("a", "r");
        let text = serde_json::to_string(&t).unwrap();
        assert_eq!(text, r#"{"access_token":"a","refresh_token":"r"}"#);
        let back: super::Tokens =
            serde_json::from_str(r#"{"refresh_token":"r","access_token":"a","expires_in":3600}"#)
                .unwrap();
        assert!(back == t);
        let e = serde_json::from_str::<super::Tokens>(r#"{"access_token":"a"}"#).unwrap_err();
        assert!(e.to_string().contains("refresh_token"), "{e}");
        let wrong = r#"{"access_token":1,"refresh_token":"r"}"#;
        assert!(serde_json::from_str::<super::Tokens>(wrong).is_err());
    }
}
