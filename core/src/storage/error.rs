//! How the storage layer reports SQLite's errors: each is classified here, once, into a
//! [`StorageError`] the DA or the developer can act on. Owns the conversion from `rusqlite`'s
//! errors to the core's.

use rusqlite::ErrorCode;

use crate::error::{Error, StorageError};

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Storage(classify(e, None))
    }
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
