//! The SQLite database on the phone: opening it safely, durability settings and error mapping.
//! One connection writes; it is owned by the service that uses it.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::StorageError;
use crate::schema;

/// How to open the database.
#[derive(Debug, Clone, Default)]
pub struct StoreOptions {
    /// A cap on the database size in pages of 4 KiB (`PRAGMA max_page_count`): a storage quota.
    /// Past it, writes fail as if the disk were full.
    pub max_pages: Option<u32>,
    /// The key that seals customer details ([`crate::vault`]); `None` stores them as plain text.
    pub key: Option<crate::vault::CustomerKey>,
    /// Acknowledged events older than this many days are deleted at day close (default 14).
    pub event_retention_days: Option<u32>,
}

/// Opens (creating if needed) and migrates the database at `path`.
///
/// A file that is not a database, a damaged one or one from a newer app is reported and left
/// untouched: the DA's data is never deleted to "fix" an error.
pub fn open(path: &Path, options: &StoreOptions) -> Result<Connection, StorageError> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(StorageError::CannotOpen { path: shown, detail: "it is a directory".into() });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, Some(&shown)))?;
    configure(conn, &shown, options)
}

/// An in-memory database (tests and dry runs).
pub fn open_in_memory(options: &StoreOptions) -> Result<Connection, StorageError> {
    let conn = Connection::open_in_memory().map_err(|e| classify(e, None))?;
    configure(conn, ":memory:", options)
}

fn configure(mut conn: Connection, path: &str, options: &StoreOptions) -> Result<Connection, StorageError> {
    let err = |e| classify(e, Some(path));
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(err)?;
    // Nothing is written before these checks: a file that is not a database fails the first
    // read, a damaged one the quick check, and one from a newer app the version check.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(err)?;
    if check != "ok" {
        log::error!("database failed its integrity check");
        return Err(StorageError::NotADatabase { path: path.to_string() });
    }
    if version > schema::VERSION {
        return Err(StorageError::TooNew { path: path.to_string(), found: version, known: schema::VERSION });
    }
    if path != ":memory:" {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            log::warn!("database journal mode is {mode}, not WAL");
        }
    }
    // FULL: a committed scan survives a crash and a power cut, not just a process kill.
    conn.pragma_update(None, "synchronous", "FULL").map_err(err)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(err)?;
    // Deleted and erased data is overwritten, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON").map_err(err)?;
    if let Some(pages) = options.max_pages {
        conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(())).map_err(err)?;
    }
    schema::migrate(&mut conn, path)?;
    Ok(conn)
}

/// Maps SQLite's errors to what the DA or the developer can act on.
/// `path` is how messages name the database: "the database at FILE", or "the database".
pub(crate) fn classify(e: rusqlite::Error, path: Option<&str>) -> StorageError {
    let path = path.map_or_else(|| "the database".to_string(), |p| format!("the database at {p}"));
    // SQLite reports some writes on a full file system (the WAL index, a sync) as I/O errors; the
    // operating system's error, read right after the failed call, tells them apart.
    let no_space = || std::io::Error::last_os_error().kind() == std::io::ErrorKind::StorageFull;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => StorageError::NotADatabase { path },
        Some(ErrorCode::DiskFull) => StorageError::Full,
        Some(ErrorCode::SystemIoFailure) if no_space() => StorageError::Full,
        Some(ErrorCode::CannotOpen) => StorageError::CannotOpen { path, detail: e.to_string() },
        Some(ErrorCode::ReadOnly) => StorageError::ReadOnly { path },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StorageError::Busy,
        _ => match e {
            rusqlite::Error::FromSqlConversionFailure(_, _, inner) => StorageError::Corrupt(inner.to_string()),
            rusqlite::Error::InvalidColumnType(i, name, ty) => {
                StorageError::Corrupt(format!("column {i} ({name}) holds {ty}"))
            }
            other => StorageError::Sqlite(other),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn hole_storage_messages_name_the_database_once() {
        let unnamed = classify(sqlite(rusqlite::ffi::SQLITE_READONLY), None).to_string();
        assert!(!unnamed.contains("the database at the database"), "{unnamed}");
        assert!(unnamed.starts_with("the database is read-only"), "{unnamed}");
        let named = classify(sqlite(rusqlite::ffi::SQLITE_READONLY), Some("/data/day.db")).to_string();
        assert!(named.starts_with("the database at /data/day.db is read-only"), "{named}");
    }

    /// A write that failed for want of space (here on /dev/full), reported by SQLite as an I/O
    /// error, reads as a full storage, not as "disk I/O error".
    #[cfg(target_os = "linux")]
    #[test]
    fn hole_full_file_system_reads_storage_full() {
        use std::io::Write;
        let mut full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let _ = full.write_all(b"x").and_then(|()| full.flush());
        let err = classify(sqlite(rusqlite::ffi::SQLITE_IOERR_WRITE), Some("/data/day.db"));
        assert!(matches!(err, StorageError::Full), "{err:?}");
        assert!(err.to_string().contains("storage is full"), "{err}");
    }
}
