//! Delivery workflows, from an Out for Delivery scan to the order's final scan of that itinerary:
//! what the daily metrics count ([`crate::metrics`]). Owns the `workflows` table.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::db::Db;
use crate::error::Error;
use crate::event::ScanKind;
use crate::order::TrackingId;

/// Opens a workflow for an Out for Delivery event; returns its ID.
pub fn start(db: &Db<'_>, tracking_id: &TrackingId, ofd_seq: i64, day: NaiveDate, at: DateTime<Utc>) -> Result<i64, Error> {
    db.0.execute(
        "INSERT INTO workflows (tracking_id, ofd_seq, ofd_day, ofd_at_ms) VALUES (?1, ?2, ?3, ?4)",
        params![tracking_id.as_str(), ofd_seq, day.to_string(), at.timestamp_millis()],
    )?;
    Ok(db.0.last_insert_rowid())
}

/// Records a workflow's outcome (a same-day re-attempt replaces an Undeliverable outcome):
/// its kind, instant, local day and whether it fell within working hours.
pub fn end(db: &Db<'_>, workflow_id: i64, outcome: ScanKind, at: DateTime<Utc>, day: NaiveDate, in_hours: bool) -> Result<(), Error> {
    db.0.execute(
        "UPDATE workflows SET outcome = ?2, outcome_at_ms = ?3, outcome_day = ?4, outcome_in_hours = ?5 WHERE id = ?1",
        params![workflow_id, outcome.code(), at.timestamp_millis(), day.to_string(), in_hours],
    )?;
    Ok(())
}

/// One group of the workflows that went out on a day: their outcome (`None` while still out),
/// whether it fell on the same day within working hours, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeCount {
    pub outcome: Option<ScanKind>,
    pub same_day: bool,
    pub count: u32,
}

/// The workflows that went out on `day`, grouped by outcome.
pub fn outcomes_of_day(db: &Db<'_>, day: NaiveDate) -> Result<Vec<OutcomeCount>, Error> {
    let mut stmt = db.0.prepare_cached(
        "SELECT outcome, outcome_day = ofd_day AND outcome_in_hours = 1 AS same_day, COUNT(*)
         FROM workflows WHERE ofd_day = ?1 GROUP BY outcome, same_day",
    )?;
    let mut rows = stmt.query(params![day.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let outcome: Option<String> = r.get(0)?;
        let same_day: Option<bool> = r.get(1)?;
        out.push(OutcomeCount {
            outcome: outcome.as_deref().map(ScanKind::parse).transpose()?,
            same_day: same_day == Some(true),
            count: u32::try_from(r.get::<_, i64>(2)?).unwrap_or(u32::MAX),
        });
    }
    Ok(out)
}
