//! The server's refusals of synced events, as the phone keeps them for the DA: the event, the
//! server's code and message, and when the phone received the answer. Owns the `refusals` table
//! (one row per refused event, written in the transaction that marks the event rejected).

use chrono::{DateTime, Utc};
use rusqlite::params;
use uuid::Uuid;

use super::db::Db;
use super::outbox;
use crate::error::{Error, StorageError};
use crate::order::TrackingId;
use crate::refusal::{RefusalReason, RefusedScan};

/// Records the server's refusal of an event, in the caller's transaction (a second answer for
/// the same event replaces the first).
pub fn record(db: &Db<'_>, event_id: &Uuid, tracking_id: &TrackingId, code: &str, message: &str, at: DateTime<Utc>) -> Result<(), Error> {
    db.0.prepare_cached(
        "INSERT INTO refusals (event_id, tracking_id, code, message, refused_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(event_id) DO UPDATE SET code = excluded.code, message = excluded.message, refused_at_ms = excluded.refused_at_ms",
    )?
    .execute(params![event_id.to_string(), tracking_id.as_str(), code, message, at.timestamp_millis()])?;
    Ok(())
}

fn rows(db: &Db<'_>, tracking_id: Option<&TrackingId>) -> Result<Vec<RefusedScan>, Error> {
    let mut stmt = db.0.prepare_cached(
        "SELECT event_id, code, message, refused_at_ms FROM refusals
         WHERE ?1 IS NULL OR tracking_id = ?1 ORDER BY refused_at_ms, rowid",
    )?;
    let found: Vec<(String, String, String, i64)> = stmt
        .query_map(params![tracking_id.map(TrackingId::as_str)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(found.len());
    for (id, code, message, at_ms) in found {
        let event_id = Uuid::parse_str(&id).map_err(|e| StorageError::Corrupt(format!("refused event ID: {e}")))?;
        // The refusal of an event no longer in the outbox (it cannot be pruned while rejected) is
        // skipped rather than failing the whole list.
        let Some(event) = outbox::get(db, &event_id)? else {
            log::warn!("a refusal names an event no longer in the outbox");
            continue;
        };
        let refused_at = DateTime::from_timestamp_millis(at_ms).ok_or_else(|| StorageError::Corrupt(format!("refusal time {at_ms}")))?;
        out.push(RefusedScan { event, reason: RefusalReason::of_code(&code), code, message, refused_at });
    }
    Ok(out)
}

/// Every refused scan, oldest refusal first.
pub fn all(db: &Db<'_>) -> Result<Vec<RefusedScan>, Error> {
    rows(db, None)
}

/// The refusal that stands for one order: that of its latest refused event, unless the server
/// acknowledged a later event of the order since.
pub fn standing(db: &Db<'_>, tracking_id: &TrackingId) -> Result<Option<RefusedScan>, Error> {
    let Some(last) = rows(db, Some(tracking_id))?.into_iter().max_by_key(|r| r.event.seq) else { return Ok(None) };
    let later_ack = outbox::for_order(db, tracking_id)?
        .iter()
        .any(|e| e.seq > last.event.seq && e.state == crate::event::EventState::Acknowledged);
    Ok((!later_ack).then_some(last))
}
