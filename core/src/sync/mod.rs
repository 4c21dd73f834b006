//! Sync with the backend: the protocol's bodies ([`wire`]), the client that pushes the outbox and
//! caches order details ([`client`]), what the app shows of it ([`status`]), its errors and its backoff.

pub mod backoff;
pub mod client;
pub mod error;
pub mod status;
pub mod wire;

pub use client::{PositionOutcome, SyncClient, SyncConfig, SyncReport, install_crypto_provider};
pub use status::{SyncStatus, conflicting_events, refused_scans, rejected_events, status};
pub use error::SyncError;
