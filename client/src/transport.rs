//! The one HTTP connection pool: reqwest over rustls with the `ring` provider, and the two
//! exchanges the client makes (a JSON POST to the portal, a GET to the OAuth server).

use std::sync::Arc;
use std::time::Duration;

use rustls_platform_verifier::BuilderVerifierExt;

use crate::error::{BuildError, TransportError};

/// A status and the body bytes.
pub(crate) type Answer = (u16, Vec<u8>);

/// reqwest with TLS built here from ring, so no process-wide provider has to be installed
/// (reqwest's `rustls-no-provider` would otherwise look one up, or panic without one).
pub(crate) fn http_client(
    timeout: Duration,
    connect_timeout: Duration,
) -> Result<reqwest::Client, BuildError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map_err(|e| BuildError(format!("TLS setup: {e}")))?
        .with_no_client_auth();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .build()
        .map_err(|e| BuildError(format!("HTTP client: {}", chain(&e))))
}

/// POSTs `body` as JSON.
pub(crate) async fn post_json(
    http: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
) -> Result<Answer, TransportError> {
    let request = http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body);
    exchange(request).await
}

/// GETs `url` (the OAuth server takes its parameters in the query).
pub(crate) async fn get(
    http: &reqwest::Client,
    url: reqwest::Url,
) -> Result<Answer, TransportError> {
    exchange(http.get(url)).await
}

async fn exchange(request: reqwest::RequestBuilder) -> Result<Answer, TransportError> {
    let fail = |e: reqwest::Error| TransportError::new(chain(&e), !e.is_connect());
    let response = request.send().await.map_err(fail)?;
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(fail)?;
    Ok((status, body.to_vec()))
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
