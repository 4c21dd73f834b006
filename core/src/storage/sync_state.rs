//! The state of sync and the device's identity: the last success and the last error of a push,
//! and the device ID the backend knows this phone by. Owns the `sync_state` and `device` tables.

use chrono::{DateTime, Utc};
use rusqlite::params;
use uuid::Uuid;

use super::db::Db;
use crate::error::{Error, StorageError};

/// What the last pushes left behind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    pub last_success: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
}

/// The last success and the last error.
pub fn get(db: &Db<'_>) -> Result<SyncState, Error> {
    let (ok, err, err_at): (Option<i64>, Option<String>, Option<i64>) = db.0.query_row(
        "SELECT last_success_ms, last_error, last_error_at_ms FROM sync_state WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(SyncState {
        last_success: ok.and_then(DateTime::from_timestamp_millis),
        last_error: err,
        last_error_at: err_at.and_then(DateTime::from_timestamp_millis),
    })
}

/// Records a push that completed.
pub fn record_success(db: &Db<'_>, at: DateTime<Utc>) -> Result<(), Error> {
    db.0.execute("UPDATE sync_state SET last_success_ms = ?1 WHERE id = 1", [at.timestamp_millis()])?;
    Ok(())
}

/// Records a push that failed, with its message (which holds no customer data).
pub fn record_failure(db: &Db<'_>, message: &str, at: DateTime<Utc>) -> Result<(), Error> {
    db.0.execute(
        "UPDATE sync_state SET last_error = ?1, last_error_at_ms = ?2 WHERE id = 1",
        params![message, at.timestamp_millis()],
    )?;
    Ok(())
}

/// The device's ID, made when the database was created.
pub fn device_id(db: &Db<'_>) -> Result<Uuid, Error> {
    let id: String = db.0.query_row("SELECT device_id FROM device WHERE id = 1", [], |r| r.get(0))?;
    Uuid::parse_str(&id).map_err(|e| StorageError::Corrupt(format!("device ID: {e}")).into())
}
