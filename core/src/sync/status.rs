//! What the app shows of sync: events, photos and problem reports waiting, the last success and the last error
//! ([`SyncStatus`]), and the events the server refused ([`refused_scans`]) or holds in conflict. Owns these read
//! models; the state itself is kept by [`crate::storage::sync_state`] and the outbox.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::day::Day;
use crate::error::Error;
use crate::refusal::RefusedScan;
use crate::storage::{outbox, photos, refusals, report_outbox, sync_state};

/// Sync state for the app's status screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncStatus {
    /// Events not yet acknowledged (pending, or sent without an answer).
    pub pending: u64,
    /// Events the server rejected (to show the DA).
    pub rejected: u64,
    /// Events whose ID the server holds with other content (to show the DA: the scan is not there).
    pub conflicts: u64,
    pub last_success: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    /// Proof-of-delivery photos not yet uploaded (waiting for their event or for a retry).
    pub photos_waiting: u64,
    /// Problem reports not yet sent to support.
    pub reports_waiting: u64,
}

/// Sync state for the app: events waiting, the last success and the last error.
pub fn status(it: &Day) -> Result<SyncStatus, Error> {
    let (counts, state, photos, reports) = it.store().read(|db| {
        Ok((outbox::counts(db)?, sync_state::get(db)?, photos::counts(db)?, report_outbox::pending_count(db)?))
    })?;
    // An error older than the last success is resolved.
    let current = match (state.last_success, state.last_error_at) {
        (Some(s), Some(e)) if s >= e => None,
        _ => state.last_error.clone(),
    };
    Ok(SyncStatus {
        pending: counts.pending + counts.sent,
        rejected: counts.rejected,
        conflicts: counts.conflict,
        last_success: state.last_success,
        last_error: current.clone(),
        last_error_at: current.and(state.last_error_at),
        photos_waiting: photos.waiting,
        reports_waiting: reports,
    })
}

/// The events the server rejected, with its reasons.
pub fn rejected_events(it: &Day) -> Result<Vec<outbox::RejectedEvent>, Error> {
    it.store().read(outbox::rejected)
}

/// The scans the server refused for good, with its reasons and when the phone learned of each,
/// oldest refusal first: the DA's list of refused scans.
pub fn refused_scans(it: &Day) -> Result<Vec<RefusedScan>, Error> {
    it.store().read(refusals::all)
}

/// The events whose ID the server holds with other content, with its message: those scans are
/// not on the server.
pub fn conflicting_events(it: &Day) -> Result<Vec<outbox::RejectedEvent>, Error> {
    it.store().read(outbox::conflicts)
}
