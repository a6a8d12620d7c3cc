//! The client and its builder.

use std::sync::Arc;
use std::time::Duration;

use b24_spec::{Method, Response, RetryPolicy};

use crate::auth::{AppCredentials, Auth, DEFAULT_OAUTH_SERVER, OAuth, TokenStore, Tokens};
use crate::error::{BuildError, ClientError};
use crate::operating::{Limits, Operating};
use crate::pacing::{Bucket, Pacing};
use crate::retry::Request;
use crate::stats::{Counters, Stats};
use crate::transport;

/// A portal's client: cheap to clone, and every clone shares the connection pool, the pacing
/// bucket, the operating holds, the tokens and the counters.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) auth: Auth,
    pub(crate) bucket: Bucket,
    pub(crate) limits: Limits,
    pub(crate) policy: RetryPolicy,
    pub(crate) counters: Arc<Counters>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

/// Settings for a [`Client`]; [`ClientBuilder::build`] checks them.
#[must_use]
pub struct ClientBuilder {
    kind: Kind,
    pacing: Pacing,
    policy: RetryPolicy,
    oauth_server: String,
    timeout: Duration,
    connect_timeout: Duration,
}

enum Kind {
    Webhook(String),
    OAuth {
        endpoint: String,
        tokens: Tokens,
        app: AppCredentials,
        store: Arc<dyn TokenStore>,
    },
}

impl Client {
    /// A client for an incoming webhook: its base URL as the portal shows it
    /// (`https://<portal>/rest/<user>/<key>/`); method names are appended.
    pub fn webhook(url: &str) -> ClientBuilder {
        ClientBuilder::new(Kind::Webhook(url.to_string()))
    }

    /// A client for an OAuth app: the portal's REST address (`client_endpoint`,
    /// `https://<portal>/rest/`), the current token pair, the app's credentials, and where
    /// refreshed pairs are saved ([`MemoryStore`] keeps them in memory only).
    pub fn oauth(
        portal: &str,
        tokens: Tokens,
        app: AppCredentials,
        store: impl TokenStore + 'static,
    ) -> ClientBuilder {
        ClientBuilder::new(Kind::OAuth {
            endpoint: portal.to_string(),
            tokens,
            app,
            store: Arc::new(store),
        })
    }

    /// Calls `M` with `params`: paced, held while the method is over its operating limit,
    /// with one token refresh on `expired_token` and the retry policy's repeats.
    pub async fn call<M: Method>(
        &self,
        params: &M::Params,
    ) -> Result<Response<M::Result>, ClientError<M::Error>> {
        // Params are generated types that serialize to an object; an error cannot happen for
        // them, and an empty body is what the portal reads as "no parameters" anyway.
        let body = serde_json::to_vec(params).unwrap_or_else(|_| b"{}".to_vec());
        let policy = &self.inner.policy;
        self.inner
            .send(Request {
                method: M::NAME,
                body,
                safe_to_repeat: M::descriptor().safe_to_repeat,
                held: true,
                decode: &b24_spec::decode::<M>,
                next_wait: &|attempt, error| policy.next_wait::<M>(attempt, error),
                time: |r: &Response<M::Result>| r.time.as_ref(),
            })
            .await
    }

    /// What the client has done so far (all clones together).
    pub fn stats(&self) -> Stats {
        self.inner.counters.snapshot()
    }

    /// What the client knows of `method`'s operating time (`None` before any answer had it).
    pub fn operating(&self, method: &str) -> Option<Operating> {
        self.inner.limits.get(method)
    }

    /// Tokens from a new authorization, after a [`ClientError::Reauthorize`]: they replace the
    /// pair and are saved before the next call uses them. Does nothing for a webhook client.
    pub fn set_tokens(&self, tokens: Tokens) {
        if let Auth::OAuth(oauth) = &self.inner.auth {
            oauth.set_tokens(tokens);
        }
    }
}

impl ClientBuilder {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            pacing: Pacing::STANDARD,
            policy: RetryPolicy::default(),
            oauth_server: DEFAULT_OAUTH_SERVER.to_string(),
            timeout: Duration::from_secs(70),
            connect_timeout: Duration::from_secs(10),
        }
    }

    /// The portal's rate limit (default [`Pacing::STANDARD`]: burst 50, 2 a second).
    pub fn pacing(mut self, pacing: Pacing) -> Self {
        self.pacing = pacing;
        self
    }

    /// When to repeat a failed call (default `RetryPolicy::default()`: three calls in all,
    /// only retry-later errors and calls without an answer, only methods safe to repeat).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The OAuth server's token URL (default [`DEFAULT_OAUTH_SERVER`]).
    pub fn oauth_server(mut self, url: &str) -> Self {
        self.oauth_server = url.to_string();
        self
    }

    /// The longest a whole request may take (default 70 s: the portal stops a request at 60).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest a connection may take to open (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The client; an error for a URL that is not `http(s)://…`.
    pub fn build(self) -> Result<Client, BuildError> {
        let http = transport::http_client(self.timeout, self.connect_timeout)?;
        let auth = match self.kind {
            Kind::Webhook(url) => Auth::Webhook(base_url(&url)?),
            Kind::OAuth {
                endpoint,
                tokens,
                app,
                store,
            } => {
                let server = reqwest::Url::parse(&self.oauth_server).map_err(|e| {
                    BuildError(format!("OAuth server `{}`: {e}", self.oauth_server))
                })?;
                Auth::OAuth(Arc::new(OAuth::new(
                    base_url(&endpoint)?,
                    tokens,
                    app,
                    server,
                    store,
                )))
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                auth,
                bucket: Bucket::new(self.pacing),
                limits: Limits::default(),
                policy: self.policy,
                counters: Arc::default(),
            }),
        })
    }
}

/// `url` checked and ending in `/`, for method names to follow.
fn base_url(url: &str) -> Result<String, BuildError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| BuildError(format!("`{url}`: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
        return Err(BuildError(format!(
            "`{url}` is not an http(s) base URL without a query"
        )));
    }
    let mut base = parsed.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    Ok(base)
}
