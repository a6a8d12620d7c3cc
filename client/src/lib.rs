#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod auth;
mod batch;
mod client;
mod error;
mod operating;
mod pacing;
mod retry;
mod stats;
mod transport;

pub use auth::{AppCredentials, DEFAULT_OAUTH_SERVER, MemoryStore, TokenStore, Tokens};
pub use batch::{BatchResults, PartFailure};
pub use client::{Client, ClientBuilder};
pub use error::{BuildError, ClientError, StoreError, TransportError};
pub use operating::Operating;
pub use pacing::Pacing;
pub use stats::Stats;
