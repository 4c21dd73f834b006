//! `track-core`: the core of the delivery associate's scanning app.
//!
//! - [`order`], [`event`]: the domain types (orders, scan kinds, reasons, recipients, outbox events).
//! - [`status`]: an order's fulfilment channel and status; [`coded`]: the coded-enum macro
//!   behind the domain types' stable codes.
//! - [`lifecycle`]: the one state machine of an order's life (status × event → status or refusal).
//! - [`marketplace`], [`clock`]: local days and working hours, with time as a parameter.
//! - [`day`]: the DA's day as one session ([`Day`]): frame or typed ID to recorded scan, the Out
//!   for Delivery batch, delivery scans, day close, the screens' read models.
//! - [`metrics`]: the daily summary and the same-day workflow rate; [`eta`]: the customer's arrival
//!   window from the DA's pace.
//! - [`storage`]: every table and all SQL, one module per concept; the one migration runner.
//! - [`vault`]: sealing customer details at rest.
//! - [`scan`]: barcodes from camera frames; [`tracking`]: tracking-ID rules; [`sync`]: the
//!   backend's protocol and client; [`refusal`]: the server's refusals the phone keeps;
//!   [`report`]: problem reports; [`photo`]: the proof-of-delivery photo of a delivery.
//!
//! Nothing here knows JNI, HTTP frameworks or the CLI.

pub mod clock;
pub mod error;
pub mod event;
pub mod coded;
pub mod day;
pub mod eta;
pub mod lifecycle;
pub mod marketplace;
pub mod metrics;
pub mod order;
pub mod photo;
pub mod refusal;
pub mod report;
#[cfg(feature = "samples")]
pub mod sample;
pub mod scan;
pub mod status;
pub mod storage;
pub mod sync;
pub mod tracking;
pub mod vault;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{BadScan, Error, Result, StorageError};
pub use day::{Day, ItineraryEntry, OfdScan, OrderDetails, ScanMode, ScanOutcome};
pub use marketplace::Marketplace;
pub use storage::StoreOptions;
pub use storage::outbox::{OutboxCounts, RejectedEvent};
pub use storage::photos::PhotoCounts;

/// The form of an identifier that is safe to log: only its last four characters.
pub fn redact(s: &str) -> String {
    let n = s.chars().count();
    if n <= 4 {
        "…".to_string()
    } else {
        let tail: String = s.chars().skip(n - 4).collect();
        format!("…{tail}")
    }
}
