//! The scan-event outbox: every scan appends an event here in the same transaction that changes
//! the order, and the event waits until the backend acknowledges it. Owns the `events` table:
//! appending, the sync client's batches and answers, and retention of acknowledged events.

use chrono::DateTime;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use uuid::Uuid;

use super::db::Db;
use crate::error::{Error, StorageError};
use crate::event::{EventState, Location, OutboxEvent, Recipient, RecipientKind, ScanExtras, ScanKind};
use crate::order::{OrderId, TrackingId};

/// What a new event says; the outbox adds its ID, sequence number and state.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub kind: ScanKind,
    pub tracking_id: &'a TrackingId,
    pub order_id: &'a OrderId,
    pub reason: Option<&'static str>,
    pub recipient: Option<&'a Recipient>,
    pub device_time: DateTime<chrono::Utc>,
    pub local_offset_s: i32,
    pub extras: &'a ScanExtras,
}

/// Appends an event inside the caller's transaction.
pub fn append(db: &Db<'_>, e: NewEvent<'_>) -> Result<OutboxEvent, Error> {
    e.extras.check()?;
    if let Some(l) = &e.extras.location {
        l.check_fix_time(e.device_time)?;
    }
    let event_id = Uuid::new_v4();
    let device_time = DateTime::from_timestamp_millis(e.device_time.timestamp_millis()).unwrap_or(e.device_time);
    let loc = e.extras.location;
    db.0.execute(
        "INSERT INTO events (event_id, kind, tracking_id, order_id, reason, recipient_kind, recipient_name,
                             device_time_ms, local_offset_s, latitude, longitude, accuracy_m, pod_photo, state, location_fix_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'pending', ?14)",
        params![
            event_id.to_string(),
            e.kind.code(),
            e.tracking_id.as_str(),
            e.order_id.as_str(),
            e.reason,
            e.recipient.map(|r| r.kind.code()),
            e.recipient.and_then(|r| r.name.as_deref()),
            device_time.timestamp_millis(),
            e.local_offset_s,
            loc.map(|l| l.latitude),
            loc.map(|l| l.longitude),
            loc.map(|l| l.accuracy_m),
            e.extras.pod_photo.as_deref(),
            loc.and_then(|l| l.fix_time_ms),
        ],
    )?;
    let seq = db.0.last_insert_rowid();
    log::info!("recorded {} event #{seq} for {}", e.kind.code(), e.tracking_id.redacted());
    Ok(OutboxEvent {
        event_id,
        seq,
        kind: e.kind,
        tracking_id: e.tracking_id.clone(),
        order_id: e.order_id.clone(),
        reason: e.reason.map(str::to_string),
        recipient: e.recipient.cloned(),
        device_time,
        local_offset_s: e.local_offset_s,
        location: loc,
        pod_photo: e.extras.pod_photo.clone(),
        state: EventState::Pending,
    })
}

const COLUMNS: &str = "seq, event_id, kind, tracking_id, order_id, reason, recipient_kind, recipient_name,
                       device_time_ms, local_offset_s, latitude, longitude, accuracy_m, pod_photo, state, location_fix_ms";

fn corrupt(what: &str, detail: impl std::fmt::Display) -> Error {
    Error::Storage(StorageError::Corrupt(format!("{what}: {detail}")))
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Result<OutboxEvent, Error>> {
    let event_id: String = r.get(1)?;
    let kind: String = r.get(2)?;
    let tracking: String = r.get(3)?;
    let order: String = r.get(4)?;
    let recipient_kind: Option<String> = r.get(6)?;
    let recipient_name: Option<String> = r.get(7)?;
    let at_ms: i64 = r.get(8)?;
    let lat: Option<f64> = r.get(10)?;
    let lon: Option<f64> = r.get(11)?;
    let acc: Option<f64> = r.get(12)?;
    let state: String = r.get(14)?;
    let fix_time_ms: Option<i64> = r.get(15)?;
    let (seq, reason, local_offset_s, pod_photo) = (r.get(0)?, r.get(5)?, r.get(9)?, r.get(13)?);
    Ok((|| {
        Ok(OutboxEvent {
            event_id: Uuid::parse_str(&event_id).map_err(|e| corrupt("event ID", e))?,
            seq,
            kind: ScanKind::parse(&kind)?,
            tracking_id: TrackingId::parse(&tracking)?,
            order_id: OrderId::parse(&order)?,
            reason,
            recipient: match recipient_kind {
                Some(k) => Some(Recipient { kind: RecipientKind::parse(&k)?, name: recipient_name }),
                None => None,
            },
            device_time: DateTime::from_timestamp_millis(at_ms).ok_or_else(|| corrupt("device time", at_ms))?,
            local_offset_s,
            location: match (lat, lon, acc) {
                (Some(latitude), Some(longitude), Some(accuracy_m)) => Some(Location { latitude, longitude, accuracy_m, fix_time_ms }),
                _ => None,
            },
            pod_photo,
            state: EventState::parse(&state)?,
        })
    })())
}

/// The events in a state, oldest first (first in, first out), at most `limit`.
pub fn in_state(db: &Db<'_>, state: EventState, limit: usize) -> Result<Vec<OutboxEvent>, Error> {
    let mut stmt = db.0.prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE state = ?1 ORDER BY seq LIMIT ?2"))?;
    let rows = stmt.query_map(params![state.code(), limit as i64], from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(|e| e)).collect()
}

/// Every event, in device order.
pub fn all(db: &Db<'_>) -> Result<Vec<OutboxEvent>, Error> {
    let mut stmt = db.0.prepare_cached(&format!("SELECT {COLUMNS} FROM events ORDER BY seq"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(|e| e)).collect()
}

/// Every event of one order, in device order.
pub fn for_order(db: &Db<'_>, tracking_id: &TrackingId) -> Result<Vec<OutboxEvent>, Error> {
    let mut stmt = db.0.prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE tracking_id = ?1 ORDER BY seq"))?;
    let rows = stmt.query_map(params![tracking_id.as_str()], from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(|e| e)).collect()
}

/// One event by its ID.
pub fn get(db: &Db<'_>, event_id: &Uuid) -> Result<Option<OutboxEvent>, Error> {
    let mut stmt = db.0.prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE event_id = ?1"))?;
    stmt.query_row(params![event_id.to_string()], from_row).optional()?.transpose()
}

/// How many delivery attempts (Delivered, Undeliverable or Rejected events) an order had from
/// `from` (inclusive) to `to` (exclusive), by device time: the phone's count for the daily
/// attempt limit.
pub fn attempts_between(
    db: &Db<'_>,
    tracking_id: &TrackingId,
    from: DateTime<chrono::Utc>,
    to: DateTime<chrono::Utc>,
) -> Result<u32, Error> {
    let n: i64 = db.0.prepare_cached(
        "SELECT COUNT(*) FROM events WHERE tracking_id = ?1 AND kind IN (?4, ?5, ?6)
           AND device_time_ms >= ?2 AND device_time_ms < ?3",
    )?
    .query_row(
        params![
            tracking_id.as_str(),
            from.timestamp_millis(),
            to.timestamp_millis(),
            ScanKind::Delivered.code(),
            ScanKind::Undeliverable.code(),
            ScanKind::Rejected.code()
        ],
        |r| r.get(0),
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// How many events are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxCounts {
    pub pending: u64,
    pub sent: u64,
    pub acknowledged: u64,
    pub rejected: u64,
    /// Events whose ID the server holds with other content (kept, never resent as acknowledged).
    pub conflict: u64,
}

pub fn counts(db: &Db<'_>) -> Result<OutboxCounts, Error> {
    let mut c = OutboxCounts::default();
    let mut stmt = db.0.prepare_cached("SELECT state, COUNT(*) FROM events GROUP BY state")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let state: String = r.get(0)?;
        let n: i64 = r.get(1)?;
        let n = u64::try_from(n).unwrap_or(0);
        match EventState::parse(&state)? {
            EventState::Pending => c.pending = n,
            EventState::Sent => c.sent = n,
            EventState::Acknowledged => c.acknowledged = n,
            EventState::Rejected => c.rejected = n,
            EventState::Conflict => c.conflict = n,
        }
    }
    Ok(c)
}

/// The next events to push: the oldest unacknowledged event (pending, or sent without an answer)
/// of each order, oldest first, leaving out `held` orders. One event per order per batch keeps
/// each order's events in device order even when the server asks to retry one of them.
pub fn next_batch(
    db: &Db<'_>,
    limit: usize,
    held: &std::collections::HashSet<TrackingId>,
) -> Result<Vec<OutboxEvent>, Error> {
    let mut stmt = db.0.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE state IN ('pending', 'sent') ORDER BY seq"
    ))?;
    let mut rows = stmt.query([])?;
    let mut seen = std::collections::HashSet::new();
    let mut batch = Vec::new();
    while let Some(row) = rows.next()? {
        let event = from_row(row)??;
        // Only the first unacknowledged event of an order may go; its later ones wait.
        if seen.insert(event.tracking_id.clone()) && !held.contains(&event.tracking_id) {
            batch.push(event);
            if batch.len() == limit {
                break;
            }
        }
    }
    Ok(batch)
}

/// Marks events as sent (their outcome is unknown until the server answers).
pub fn mark_sent(db: &Db<'_>, events: &[OutboxEvent]) -> Result<(), Error> {
    let mut stmt = db.0.prepare_cached(
        "UPDATE events SET state = 'sent', send_attempts = send_attempts + 1 WHERE event_id = ?1 AND state IN ('pending', 'sent')",
    )?;
    for e in events {
        stmt.execute(params![e.event_id.to_string()])?;
    }
    Ok(())
}

/// Stores the server's answer for one event, in the caller's transaction, together with the
/// state change it implies.
pub fn record_answer(
    db: &Db<'_>,
    event_id: &Uuid,
    state: EventState,
    code: Option<&str>,
    message: Option<&str>,
    received_at_ms: Option<i64>,
) -> Result<(), Error> {
    db.0.prepare_cached(
        "UPDATE events SET state = ?2, ack_code = ?3, ack_message = ?4, acked_at_ms = ?5 WHERE event_id = ?1",
    )?
    .execute(params![event_id.to_string(), state.code(), code, message, received_at_ms])?;
    Ok(())
}

/// An event the server refused (or found in conflict), with its reason, for the app to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RejectedEvent {
    pub event: OutboxEvent,
    pub code: String,
    pub message: String,
}

/// Events the server rejected, oldest first.
pub fn rejected(db: &Db<'_>) -> Result<Vec<RejectedEvent>, Error> {
    answered(db, EventState::Rejected)
}

/// Events whose ID the server holds with other content, oldest first: these scans are not on the
/// server.
pub fn conflicts(db: &Db<'_>) -> Result<Vec<RejectedEvent>, Error> {
    answered(db, EventState::Conflict)
}

fn answered(db: &Db<'_>, state: EventState) -> Result<Vec<RejectedEvent>, Error> {
    let mut stmt = db.0.prepare_cached(&format!(
        "SELECT {COLUMNS}, ack_code, ack_message FROM events WHERE state = ?1 ORDER BY seq"
    ))?;
    let rows = stmt.query_map(params![state.code()], |r| {
        Ok((from_row(r)?, r.get::<_, Option<String>>(16)?, r.get::<_, Option<String>>(17)?))
    })?;
    rows.map(|row| {
        let (event, code, message) = row?;
        Ok(RejectedEvent { event: event?, code: code.unwrap_or_default(), message: message.unwrap_or_default() })
    })
    .collect()
}

/// Deletes the acknowledged events recorded before `cutoff`; returns how many.
pub fn prune_acknowledged(db: &Db<'_>, cutoff: DateTime<chrono::Utc>) -> Result<usize, Error> {
    Ok(db.0.execute(
        // An event whose photo still waits stays: the upload needs it.
        "DELETE FROM events WHERE state = ?1 AND device_time_ms < ?2
           AND event_id NOT IN (SELECT event_id FROM photo_queue WHERE state = 'waiting')",
        params![EventState::Acknowledged.code(), cutoff.timestamp_millis()],
    )?)
}

/// Forgets the names of the people (other than the customer) parcels of acknowledged events were
/// handed to: sync no longer needs them.
pub fn forget_recipient_names(db: &Db<'_>) -> Result<usize, Error> {
    Ok(db.0.execute(
        "UPDATE events SET recipient_name = NULL WHERE state = ?1 AND recipient_name IS NOT NULL",
        params![EventState::Acknowledged.code()],
    )?)
}

/// How many events there are, in every state.
pub fn total(db: &Db<'_>) -> Result<u64, Error> {
    let n: i64 = db.0.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}
