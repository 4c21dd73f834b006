//! The phone's SQLite database: opening it safely, durability settings and the migrations. Owns the one connection ([`Store`]); the other storage modules get
//! it only as a [`Db`] inside [`Store::read`] or [`Store::write`], and nothing outside the storage
//! layer ever holds it.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::error::classify;
use super::{migrate, schema};
use crate::error::{Error, StorageError};

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

/// The connection as the storage modules see it: inside a read, or inside a write transaction.
pub struct Db<'a>(pub(super) &'a Connection);

/// The phone's database: one connection, written by one writer at a time.
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// A file that is not a database, a damaged one or one from a newer app is reported and left
    /// untouched: the DA's data is never deleted to "fix" an error.
    pub fn open(path: &Path, options: &StoreOptions) -> Result<Self, Error> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Err(StorageError::CannotOpen { path: shown, detail: "it is a directory".into() }.into());
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, Some(&shown)))?;
        Ok(Self { conn: Mutex::new(configure(conn, &shown, options)?) })
    }

    /// An in-memory database (tests and dry runs).
    pub fn in_memory(options: &StoreOptions) -> Result<Self, Error> {
        let conn = Connection::open_in_memory().map_err(|e| classify(e, None))?;
        Ok(Self { conn: Mutex::new(configure(conn, ":memory:", options)?) })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written transaction behind
        // (it rolls back on drop), so the connection is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the connection, outside any transaction (reads, and single statements).
    pub fn read<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let conn = self.lock();
        f(&Db(&conn))
    }

    /// Runs `f` in one immediate transaction, committed (fsync) when `f` succeeds and rolled back
    /// when it fails.
    pub fn write<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&Db(&tx))?;
        tx.commit()?;
        Ok(value)
    }

    /// Moves the write-ahead log into the database and empties it, so erased data does not
    /// linger there.
    pub fn checkpoint(&self) -> Result<(), Error> {
        self.lock().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

fn configure(mut conn: Connection, path: &str, options: &StoreOptions) -> Result<Connection, StorageError> {
    let err = |e| classify(e, Some(path));
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(err)?;
    // Nothing is written before these checks: a file that is not a database fails the first
    // read, a damaged one the quick check, and one from a newer app the version check.
    let version = migrate::version(&conn).map_err(err)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(err)?;
    if check != "ok" {
        log::error!("database failed its integrity check");
        return Err(StorageError::NotADatabase { path: path.to_string() });
    }
    if version > schema::VERSION {
        return Err(StorageError::TooNew { path: path.to_string(), found: version, known: schema::VERSION });
    }
    if version < 0 {
        return Err(StorageError::Corrupt(format!("negative schema version {version}")));
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
    migrate::run(&mut conn, &schema::PHONE).map_err(err)?;
    Ok(conn)
}
