//! The DA's day on the phone, as one session object ([`Day`]):
//!
//! - [`session`]: the session: database, vault, scanner, marketplace and clock; order import.
//! - [`scan`]: one call from a camera frame or a typed ID to the rule of the scan's mode.
//! - [`ofd`]: the Out for Delivery batch.
//! - [`delivery`]: Delivered, Undeliverable and Rejected on today's itinerary.
//! - [`close`]: the close of the day and retention.
//! - [`position`]: the DA's latest position, kept to send while parcels are out.
//! - [`views`]: what the screens read (itinerary, order details, summary, outbox counts).
//!
//! Every scan is refused outside working hours, and every recorded scan writes the order's new
//! state and its outbox event in one transaction, committed (fsync) before the call returns.
//! Every status comes from [`crate::lifecycle::next`].

pub mod close;
pub mod delivery;
pub mod ofd;
pub mod position;
pub mod scan;
pub mod session;
pub mod views;

pub use ofd::OfdScan;
pub use scan::{ScanMode, ScanOutcome};
pub use session::Day;
pub use views::{ItineraryEntry, OrderDetails};
