//! Sync with the backend: the protocol's bodies ([`wire`]), the client that pushes the outbox and
//! caches order details ([`client`]), its errors and its backoff.

pub mod backoff;
pub mod client;
pub mod error;
pub mod wire;

pub use client::{
    SyncClient, SyncConfig, SyncReport, SyncStatus, conflicting_events, install_crypto_provider, rejected_events, status,
};
pub use error::SyncError;
