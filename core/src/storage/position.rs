//! The DA's latest position, waiting to be sent: one row, a newer fix replacing an older one, so
//! only the latest is kept and sent (coalesced). Owns the `position` table.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::db::Db;
use crate::error::Error;
use crate::event::Location;

/// Keeps `location` (its fix time, `fix_ms`) unless a newer fix is kept already.
pub fn set(db: &Db<'_>, location: &Location, fix_ms: i64, now: DateTime<Utc>) -> Result<(), Error> {
    db.0.execute(
        "INSERT INTO position (id, latitude, longitude, accuracy_m, fix_ms, recorded_at_ms) VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET latitude = ?1, longitude = ?2, accuracy_m = ?3, fix_ms = ?4, recorded_at_ms = ?5
         WHERE position.fix_ms <= ?4",
        params![location.latitude, location.longitude, location.accuracy_m, fix_ms, now.timestamp_millis()],
    )?;
    Ok(())
}

/// The kept position, with its fix time.
pub fn get(db: &Db<'_>) -> Result<Option<Location>, Error> {
    let row: Option<(f64, f64, f64, i64)> = db
        .0
        .query_row("SELECT latitude, longitude, accuracy_m, fix_ms FROM position WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    Ok(row.map(|(latitude, longitude, accuracy_m, fix_ms)| Location { latitude, longitude, accuracy_m, fix_time_ms: Some(fix_ms) }))
}

/// Forgets the kept position; with `fix_ms`, only if it is still that one (a newer one kept
/// while the older was being sent stays).
pub fn clear(db: &Db<'_>, fix_ms: Option<i64>) -> Result<(), Error> {
    db.0.execute("DELETE FROM position WHERE id = 1 AND (?1 IS NULL OR fix_ms = ?1)", params![fix_ms])?;
    Ok(())
}
