//! Time as a parameter: every rule about days and working hours asks a [`Clock`],
//! so tests can play a day at chosen instants. Also the bounds of every time that arrives from
//! outside (a device clock, the wire): [`check_instant`] and [`check_offset`].

use std::sync::Mutex;

use chrono::{DateTime, Datelike, Duration, Utc};

/// The first year a time from a device or the wire may fall in.
pub const EARLIEST_YEAR: i32 = 2000;
/// The last year a time from a device or the wire may fall in.
pub const LATEST_YEAR: i32 = 2100;
/// The largest local offset from UTC accepted, either way: 14 hours (UTC-12 to UTC+14 exist).
pub const MAX_OFFSET_S: i32 = 14 * 3600;

/// A time from a device or the wire that is out of bounds. Each has a stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("the time falls in the year {year}, outside {EARLIEST_YEAR} to {LATEST_YEAR}: check the device's date")]
    OutOfRange { year: i32 },
    #[error("the local offset {offset_s} s is beyond 14 hours from UTC: check the device's time zone")]
    OffsetOutOfRange { offset_s: i32 },
}

impl TimeError {
    /// The stable code (wire and logs).
    pub fn code(&self) -> &'static str {
        match self {
            TimeError::OutOfRange { .. } => "time_out_of_range",
            TimeError::OffsetOutOfRange { .. } => "local_offset_out_of_range",
        }
    }
}

/// `Ok` when `at` falls in the years [`EARLIEST_YEAR`] to [`LATEST_YEAR`] (UTC).
pub fn check_instant(at: DateTime<Utc>) -> Result<(), TimeError> {
    let year = at.year();
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&year) { Ok(()) } else { Err(TimeError::OutOfRange { year }) }
}

/// `Ok` when a local offset from UTC is within [`MAX_OFFSET_S`] either way.
pub fn check_offset(offset_s: i32) -> Result<(), TimeError> {
    if (-MAX_OFFSET_S..=MAX_OFFSET_S).contains(&offset_s) { Ok(()) } else { Err(TimeError::OffsetOutOfRange { offset_s }) }
}

/// A source of the current instant (UTC).
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The device clock. Only used for device-local rules (working hours, the day);
/// ordering across devices uses the outbox sequence number, never this clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to: for tests, replays and the CLI's day scripts.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    /// Moves the clock by `by`, stopping at the first or last representable instant.
    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let end = if by < Duration::zero() { DateTime::<Utc>::MIN_UTC } else { DateTime::<Utc>::MAX_UTC };
        *t = t.checked_add_signed(by).unwrap_or(end);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}
