//! Problem reports waiting to reach support: a report is queued when the DA files it and sent by
//! the sync client (`POST /v1/problem-reports`, idempotent by report ID) until the server has it.
//! Owns the `report_outbox` table.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::db::Db;
use crate::error::Error;

/// Queues a report's body (JSON, sent as stored).
pub fn enqueue(db: &Db<'_>, report_id: &str, body: &str, now: DateTime<Utc>) -> Result<(), Error> {
    db.0.execute(
        "INSERT INTO report_outbox (report_id, body, created_at_ms) VALUES (?1, ?2, ?3)",
        params![report_id, body, now.timestamp_millis()],
    )?;
    Ok(())
}

/// The reports not yet sent, oldest first: (report ID, body).
pub fn pending(db: &Db<'_>) -> Result<Vec<(String, String)>, Error> {
    let mut stmt = db.0.prepare_cached("SELECT report_id, body FROM report_outbox WHERE state = 'pending' ORDER BY created_at_ms, rowid")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The server has the report.
pub fn mark_sent(db: &Db<'_>, report_id: &str, now: DateTime<Utc>) -> Result<(), Error> {
    db.0.execute(
        "UPDATE report_outbox SET state = 'sent', sent_at_ms = ?2 WHERE report_id = ?1",
        params![report_id, now.timestamp_millis()],
    )?;
    Ok(())
}

/// How many reports wait to be sent.
pub fn pending_count(db: &Db<'_>) -> Result<u64, Error> {
    let n: i64 = db.0.query_row("SELECT COUNT(*) FROM report_outbox WHERE state = 'pending'", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}
