//! `track-core`: the core of the delivery associate's scanning app.
//!
//! - [`order`], [`event`]: the domain types (orders, scan kinds, reasons, recipients, outbox events).
//! - [`marketplace`], [`clock`]: local days and working hours, with time as a parameter.
//! - [`itinerary`]: the DA's day: Out for Delivery batches, delivery scans, day close.
//! - [`metrics`]: the daily summary and the same-day workflow rate.
//! - [`outbox`]: the durable queue of scan events waiting for the backend.
//! - [`store`], [`schema`]: SQLite storage and its migrations.
//!
//! Nothing here knows JNI, HTTP frameworks or the CLI.

pub mod clock;
pub mod error;
pub mod event;
pub mod itinerary;
pub mod lifecycle;
pub mod marketplace;
pub mod metrics;
pub mod order;
pub mod outbox;
pub mod report;
pub mod scan;
pub mod schema;
pub mod store;
pub mod sync;
pub mod tracking;
pub mod vault;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{BadScan, Error, Result, StorageError};
pub use itinerary::{Itinerary, ItineraryEntry, OfdScan, OrderDetails};
pub use marketplace::Marketplace;

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
