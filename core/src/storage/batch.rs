//! The pending Out for Delivery batch: labels scanned and not yet confirmed, each with its local
//! day. Owns the `ofd_batch` table.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::db::Db;
use crate::error::Error;
use crate::order::TrackingId;

/// Adds a label to the batch of `day`; `false` when it was already there.
pub fn add(db: &Db<'_>, tracking_id: &TrackingId, day: NaiveDate, at: DateTime<Utc>) -> Result<bool, Error> {
    let inserted = db.0.execute(
        "INSERT OR IGNORE INTO ofd_batch (tracking_id, day, scanned_at_ms) VALUES (?1, ?2, ?3)",
        params![tracking_id.as_str(), day.to_string(), at.timestamp_millis()],
    )?;
    Ok(inserted == 1)
}

/// How many labels the batch holds.
pub fn len(db: &Db<'_>) -> Result<usize, Error> {
    let n: i64 = db.0.query_row("SELECT COUNT(*) FROM ofd_batch", [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The labels of the batch of `day` (every day's when `None`), in scan order.
pub fn labels(db: &Db<'_>, day: Option<NaiveDate>) -> Result<Vec<TrackingId>, Error> {
    let ids: Vec<String> = match day {
        Some(day) => {
            let mut stmt = db.0.prepare_cached("SELECT tracking_id FROM ofd_batch WHERE day = ?1 ORDER BY scanned_at_ms, rowid")?;
            stmt.query_map(params![day.to_string()], |r| r.get(0))?.collect::<Result<_, _>>()?
        }
        None => {
            let mut stmt = db.0.prepare_cached("SELECT tracking_id FROM ofd_batch ORDER BY scanned_at_ms, rowid")?;
            stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
        }
    };
    ids.iter().map(|id| TrackingId::parse(id)).collect()
}

/// Empties the batch; returns how many labels it held.
pub fn clear(db: &Db<'_>) -> Result<usize, Error> {
    Ok(db.0.execute("DELETE FROM ofd_batch", [])?)
}

/// Drops the labels scanned on another day than `today`: those must be scanned again.
pub fn drop_stale(db: &Db<'_>, today: NaiveDate) -> Result<(), Error> {
    db.0.execute("DELETE FROM ofd_batch WHERE day <> ?1", params![today.to_string()])?;
    Ok(())
}
