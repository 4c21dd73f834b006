//! What problem reports read of the database: the kinds of recent errors (never their messages)
//! and the schema version. Owns the `error_log` table.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::db::Db;
use crate::error::Error;

/// How many recent errors are kept.
const KEEP_ERRORS: i64 = 50;

/// Recent errors of one kind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCount {
    pub kind: String,
    pub count: u32,
    pub last_at: Option<DateTime<Utc>>,
}

/// Records the kind of an error, keeping the last [`KEEP_ERRORS`].
pub fn record_error(db: &Db<'_>, kind: &str, at: DateTime<Utc>) -> Result<(), Error> {
    db.0.execute("INSERT INTO error_log (at_ms, kind) VALUES (?1, ?2)", params![at.timestamp_millis(), kind])?;
    db.0.execute("DELETE FROM error_log WHERE id <= (SELECT MAX(id) FROM error_log) - ?1", [KEEP_ERRORS])?;
    Ok(())
}

/// The recent errors by kind, most frequent first.
pub fn recent_errors(db: &Db<'_>) -> Result<Vec<ErrorCount>, Error> {
    let mut stmt = db.0.prepare("SELECT kind, COUNT(*), MAX(at_ms) FROM error_log GROUP BY kind ORDER BY COUNT(*) DESC, kind")?;
    let rows = stmt.query_map([], |r| {
        Ok(ErrorCount { kind: r.get(0)?, count: r.get(1)?, last_at: r.get::<_, Option<i64>>(2)?.and_then(DateTime::from_timestamp_millis) })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The database's schema version.
pub fn schema_version(db: &Db<'_>) -> Result<i64, Error> {
    Ok(super::migrate::version(db.0)?)
}
