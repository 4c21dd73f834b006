//! The server's state: its configuration, its clock and its one writer connection.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use track_core::Clock;

use crate::error::{Failure, StartError};
use crate::schema;

/// How the server runs.
#[derive(Clone)]
pub struct Config {
    /// The SQLite database file (created when missing).
    pub db: PathBuf,
    /// The token of the admin endpoints (seeding sellers and orders); `None` turns them off.
    pub admin_token: Option<String>,
    /// How long a DA's session lasts.
    pub session_ttl: Duration,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The server's clock: receive times, session expiry, notification hours, metrics windows.
    pub clock: Arc<dyn Clock>,
    /// How failed logins are slowed down and locked.
    pub login_policy: crate::limit::LoginPolicy,
    /// The longest a request may take before it is answered 408.
    pub request_timeout: Duration,
    /// How many password hashes run at once, and how long others wait.
    pub hashing: crate::password::HashPolicy,
    /// The longest a client may take to send a request's headers, counted from when the server
    /// waits for them (a new connection, or the next request on a kept-alive one); then the
    /// connection is closed.
    pub header_read_timeout: Duration,
    /// A connection with no request in progress and no byte read or written for this long is
    /// closed (idle keep-alive connections, clients that stop reading an answer).
    pub idle_timeout: Duration,
    /// The most connections served at once; more wait to be accepted. Keep it well below the
    /// process's open-file limit.
    pub max_connections: usize,
}

impl Config {
    pub fn new(db: impl Into<PathBuf>) -> Self {
        Self {
            db: db.into(),
            admin_token: None,
            session_ttl: Duration::from_secs(12 * 3600),
            body_limit: 1024 * 1024,
            clock: Arc::new(track_core::SystemClock),
            login_policy: crate::limit::LoginPolicy::default(),
            request_timeout: Duration::from_secs(30),
            hashing: crate::password::HashPolicy::default(),
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 128,
        }
    }
}

/// The server: configuration and database. Its methods are blocking (SQLite); the HTTP layer calls
/// them from blocking tasks.
pub struct App {
    pub(crate) config: Config,
    db: Mutex<Connection>,
    pub(crate) logins: crate::limit::LoginLimiter,
    pub(crate) passwords: crate::password::Passwords,
}

impl App {
    /// Opens (or creates) the database and brings its schema up to date.
    pub fn open(config: Config) -> Result<Arc<App>, StartError> {
        let path = config.db.display().to_string();
        let db_err = |source| StartError::Database { path: path.clone(), source };
        let mut conn = Connection::open_with_flags(
            &config.db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(db_err)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(db_err)?;
        let found = schema::version(&conn).map_err(db_err)?;
        if found > schema::VERSION {
            return Err(StartError::TooNew { path, found, supported: schema::VERSION });
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(db_err)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(db_err)?;
        schema::migrate(&mut conn).map_err(db_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(db_err)?;
        let logins = crate::limit::LoginLimiter::new(config.login_policy);
        let passwords = crate::password::Passwords::new(config.hashing);
        Ok(Arc::new(App { config, db: Mutex::new(conn), logins, passwords }))
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.config.clock.now()
    }

    /// The one writer connection.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in one transaction, committed when it returns `Ok`.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}
