//! The photo queue beside the outbox: a Delivered event's proof-of-delivery photo, stored in the
//! transaction that records the event, waits here until its event is acknowledged and the sync
//! client uploads it. Owns the `photo_queue` table: a photo is uploaded once per event (the row
//! goes when the server has it), waits with a backoff after a failed attempt, and is dropped when
//! its event was refused or the server refuses the photo for good.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use uuid::Uuid;

use super::db::Db;
use crate::error::{Error, StorageError};
use crate::order::TrackingId;
use crate::photo::PodPhoto;

/// A photo due for upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedPhoto {
    pub event_id: Uuid,
    pub tracking_id: TrackingId,
    pub sha256: String,
    pub bytes: Vec<u8>,
    /// Failed attempts so far.
    pub attempts: u32,
}

/// How many photos are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PhotoCounts {
    /// Waiting for their event or for their upload.
    pub waiting: u64,
    /// Refused by the server for good (kept as a record, without the photo).
    pub refused: u64,
    /// Not uploaded because the server refused their event.
    pub dropped: u64,
}

/// Queues the photo of an event, in the transaction that records the event.
pub fn enqueue(db: &Db<'_>, event_id: &Uuid, tracking_id: &TrackingId, photo: &PodPhoto, now: DateTime<Utc>) -> Result<(), Error> {
    db.0.prepare_cached(
        "INSERT INTO photo_queue (event_id, tracking_id, sha256, photo, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![event_id.to_string(), tracking_id.as_str(), photo.sha256(), photo.bytes(), now.timestamp_millis()])?;
    Ok(())
}

/// The photos to upload now: waiting, their event acknowledged, their backoff over; oldest
/// event first, at most `limit`.
pub fn due(db: &Db<'_>, now: DateTime<Utc>, limit: usize) -> Result<Vec<QueuedPhoto>, Error> {
    let mut stmt = db.0.prepare_cached(
        "SELECT q.event_id, q.tracking_id, q.sha256, q.photo, q.attempts FROM photo_queue q JOIN events e ON e.event_id = q.event_id
         WHERE q.state = 'waiting' AND e.state = 'acknowledged' AND q.next_attempt_at_ms <= ?1 AND q.photo IS NOT NULL
         ORDER BY e.seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![now.timestamp_millis(), limit as i64], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Vec<u8>>(3)?, r.get::<_, i64>(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, tracking, sha256, bytes, attempts) = row?;
        out.push(QueuedPhoto {
            event_id: Uuid::parse_str(&id).map_err(|e| StorageError::Corrupt(format!("queued photo's event ID: {e}")))?,
            tracking_id: TrackingId::parse(&tracking)?,
            sha256,
            bytes,
            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        });
    }
    Ok(out)
}

/// Drops the waiting photos whose event the server refused (or holds with other content): they
/// have no delivery to prove. Returns how many.
pub fn drop_for_refused_events(db: &Db<'_>) -> Result<usize, Error> {
    Ok(db.0.execute(
        "UPDATE photo_queue SET state = 'dropped', photo = NULL
         WHERE state = 'waiting' AND event_id IN (SELECT event_id FROM events WHERE state IN ('rejected', 'conflict'))",
        [],
    )?)
}

/// The server has the photo: its row goes.
pub fn uploaded(db: &Db<'_>, event_id: &Uuid) -> Result<(), Error> {
    db.0.prepare_cached("DELETE FROM photo_queue WHERE event_id = ?1")?.execute(params![event_id.to_string()])?;
    Ok(())
}

/// An attempt failed for a passing reason: the photo waits until `next_attempt_at`.
pub fn failed(db: &Db<'_>, event_id: &Uuid, next_attempt_at: DateTime<Utc>, error: &str) -> Result<(), Error> {
    db.0.prepare_cached(
        "UPDATE photo_queue SET attempts = attempts + 1, next_attempt_at_ms = ?2, last_error = ?3 WHERE event_id = ?1",
    )?
    .execute(params![event_id.to_string(), next_attempt_at.timestamp_millis(), error])?;
    Ok(())
}

/// The server refused the photo for good: the photo goes, the refusal stays.
pub fn refused(db: &Db<'_>, event_id: &Uuid, error: &str) -> Result<(), Error> {
    db.0.prepare_cached("UPDATE photo_queue SET state = 'refused', photo = NULL, last_error = ?2 WHERE event_id = ?1")?
        .execute(params![event_id.to_string(), error])?;
    Ok(())
}

pub fn counts(db: &Db<'_>) -> Result<PhotoCounts, Error> {
    let mut c = PhotoCounts::default();
    let mut stmt = db.0.prepare_cached("SELECT state, COUNT(*) FROM photo_queue GROUP BY state")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (state, n): (String, i64) = (r.get(0)?, r.get(1)?);
        let n = u64::try_from(n).unwrap_or(0);
        match state.as_str() {
            "waiting" => c.waiting = n,
            "refused" => c.refused = n,
            "dropped" => c.dropped = n,
            other => return Err(StorageError::Corrupt(format!("photo queue state {other:?}")).into()),
        }
    }
    Ok(c)
}
