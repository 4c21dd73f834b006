//! The core's errors: each says what went wrong and what to do about it.

use crate::status::{Channel, OrderStatus};

/// Why a scan was refused as a bad scan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadScan {
    #[error("{channel} order {tracking_id} is not yours to deliver: only Self-Delivery orders may be scanned")]
    NotSelfDelivery { tracking_id: String, channel: Channel },
    #[error("label {tracking_id} is not one of your orders: sync to fetch today's orders, or hand the parcel back")]
    UnknownOrder { tracking_id: String },
    #[error("order {tracking_id} was rejected and is being returned to the seller: it cannot go out again")]
    ReturnedToSeller { tracking_id: String },
    #[error("order {tracking_id} was already delivered")]
    AlreadyDelivered { tracking_id: String },
    #[error("no usable tracking ID on this label: {reason}")]
    NoTrackingId { reason: String },
    #[error("order {tracking_id} had its {limit} delivery attempts today: attempt it again tomorrow")]
    AttemptsExhausted { tracking_id: String, limit: u32 },
}

/// Errors of the storage layer (classified from SQLite's in [`crate::storage::error`]).
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{path} is not a track database or is damaged; it was left untouched: move it aside or restore a backup, then try again")]
    NotADatabase { path: String },
    #[error("cannot open {path}: the location is missing or read-only ({detail})")]
    CannotOpen { path: String, detail: String },
    #[error("{path} is read-only: nothing can be recorded there")]
    ReadOnly { path: String },
    #[error("the phone's storage is full: nothing was recorded; free some space and scan again")]
    Full,
    #[error("{path} has schema version {found}, newer than this app knows ({known}): update the app")]
    TooNew { path: String, found: i64, known: i64 },
    #[error("the database is locked by another writer: try again")]
    Busy,
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("the database holds a value this build cannot read ({0}): it may have been edited by hand")]
    Corrupt(String),
    #[error("the customer details in this database were sealed with another key: open it with the key it was created with")]
    WrongKey,
    #[error("the customer details in this database are sealed: open it with its key")]
    KeyRequired,
}

/// Every error the core reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("bad scan: {0}")]
    BadScan(#[from] BadScan),
    #[error("scanning is allowed from {open} to {close} local time ({time_zone}); it is {now} now")]
    OutsideWorkingHours { open: String, close: String, now: String, time_zone: String },
    #[error("order {tracking_id} is not on today's itinerary ({status}): scan it Out for Delivery first")]
    NotOnItinerary { tracking_id: String, status: OrderStatus },
    #[error("the scanned label {scanned} does not match the opened order {expected}: check the parcel")]
    LabelMismatch { expected: String, scanned: String },
    #[error("the phone's clock is wrong: {0}")]
    Clock(#[from] crate::clock::TimeError),
    #[error("no Out for Delivery batch is open: scan labels first")]
    EmptyBatch,
    #[error("no order with tracking ID {0}")]
    OrderNotFound(String),
    #[error("invalid tracking ID: {0}")]
    InvalidTrackingId(String),
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("sync: {0}")]
    Sync(#[from] crate::sync::error::SyncError),
}

impl From<crate::coded::UnknownCode> for Error {
    fn from(e: crate::coded::UnknownCode) -> Self {
        Error::InvalidArgument(e.0)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A stable code for the kind of error, without any of its details (for problem reports).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::BadScan(_) => "bad-scan",
            Error::OutsideWorkingHours { .. } => "outside-working-hours",
            Error::Clock(_) => "clock-out-of-range",
            Error::NotOnItinerary { .. } => "not-on-itinerary",
            Error::LabelMismatch { .. } => "label-mismatch",
            Error::EmptyBatch => "empty-batch",
            Error::OrderNotFound(_) => "order-not-found",
            Error::InvalidTrackingId(_) => "invalid-tracking-id",
            Error::InvalidArgument(_) => "invalid-argument",
            Error::Storage(StorageError::Full) => "storage-full",
            Error::Storage(_) => "storage",
            Error::Sync(_) => "sync",
        }
    }
}
