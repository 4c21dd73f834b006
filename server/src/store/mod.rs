//! The server's storage: one code path over two databases. SQLite in a file is the embedded
//! default; PostgreSQL (a `postgres://` location) serves several server processes at once. The
//! domain modules run their statements through a [`Tx`] inside [`Store::read`] or
//! [`Store::write`]; statements are written once, with numbered parameters (`?1`), in the SQL both
//! databases share, and values cross as [`Value`]s. The domain's API is synchronous: the HTTP
//! layer calls it on blocking threads (`spawn_blocking`).
//!
//! - SQLite: one writer connection (writes are serialised, as SQLite does anyway) and a small pool
//!   of reader connections; in WAL mode reads do not wait for writes. Every statement runs at
//!   once, in the process.
//! - PostgreSQL: the async driver `tokio-postgres`, pooled by `deadpool-postgres` (a pool for
//!   writes, one for the DAs' reads and one for the customers' tracking pages
//!   ([`Store::read_public`]), each connection keeping its prepared statements). The store owns a
//!   small tokio runtime that drives the connections; a [`Tx`] runs on the caller's blocking
//!   thread and waits for the driver's futures with that runtime's `Handle::block_on`, which is
//!   how the synchronous [`Tx`] bridges to the async driver. What a round trip costs is what
//!   counts there, so a transaction pipelines: its `BEGIN`, its locks ([`Tx::lock`]) and the
//!   statements whose answers it does not need at once ([`Tx::defer`]; [`Tx::defer_insert_rows`]
//!   and [`Tx::defer_update_rows`]: many rows in few statements) are queued and sent, in order
//!   and without waiting between them, with the next statement whose answer it needs or with
//!   the `COMMIT`. A statement therefore always sees what the
//!   transaction's earlier ones wrote; a queued statement's failure surfaces at that next
//!   statement or at the commit, and a transaction that met a failure never commits. Write
//!   transactions are READ COMMITTED and take a lock ([`Tx::lock`], an advisory lock) on what they
//!   read before they write it, so two processes (or two connections) keep the guarantees one
//!   SQLite writer gives; a transaction caught in a deadlock is run again. Reads are read-only
//!   snapshots.
//!
//! Everything the server keeps (sessions, attempt counts and locks, notifications) is in the
//! database, never in a process.

mod pg;
mod sqlite;
mod value;

use std::cell::Cell;
use std::fmt;
use std::path::{Path, PathBuf};

pub use value::{FromValue, Row, ToValue, Value};

use crate::error::{Failure, StartError};

/// Where the server keeps its data.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite database file (created when missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user:password@host:port/database`, or a unix
    /// socket folder as the host, percent-encoded: `postgres://user@%2Frun%2Fpostgresql/database`);
    /// the database must exist, its tables are created.
    Postgres(String),
}

impl Location {
    /// A `postgres://` or `postgresql://` URL is PostgreSQL; anything else is a SQLite file.
    pub fn parse(s: &str) -> Location {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Location::Postgres(s.to_string())
        } else {
            Location::Sqlite(PathBuf::from(s))
        }
    }

    /// The backend's name, as the load benchmark prints it.
    pub fn backend(&self) -> &'static str {
        match self {
            Location::Sqlite(_) => "SQLite",
            Location::Postgres(_) => "PostgreSQL",
        }
    }
}

/// Shown without a URL's password.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&pg::redact_url(url)),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<&Path> for Location {
    fn from(p: &Path) -> Self {
        match p.to_str() {
            Some(s) => Location::parse(s),
            None => Location::Sqlite(p.to_path_buf()),
        }
    }
}

impl From<PathBuf> for Location {
    fn from(p: PathBuf) -> Self {
        Location::from(p.as_path())
    }
}

impl From<&PathBuf> for Location {
    fn from(p: &PathBuf) -> Self {
        Location::from(p.as_path())
    }
}

impl From<&str> for Location {
    fn from(s: &str) -> Self {
        Location::parse(s)
    }
}

impl From<String> for Location {
    fn from(s: String) -> Self {
        Location::parse(&s)
    }
}

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    #[error("column {index}: {message}")]
    Column { index: usize, message: String },
    #[error("the query returned no row")]
    NoRow,
    #[error("no database connection was free in time")]
    Pool,
    #[error("a row this transaction looked for was written meanwhile by another: the transaction runs again")]
    RunAgain,
    #[error("the database driver's runtime: {0}")]
    Runtime(String),
}

impl DbError {
    /// Another transaction got in the way (PostgreSQL serialization failure or deadlock): the
    /// transaction can be run again.
    pub fn is_retryable(&self) -> bool {
        match self {
            DbError::Postgres(e) => pg::is_retryable(e),
            DbError::RunAgain => true,
            _ => false,
        }
    }

    /// A uniqueness or other constraint refused the statement.
    pub fn is_constraint(&self) -> bool {
        match self {
            DbError::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation),
            DbError::Postgres(e) => e.code().is_some_and(|c| c.code().starts_with("23")),
            _ => false,
        }
    }

    /// The database is busy or out of reach for now: the client should try again shortly.
    fn is_busy(&self) -> bool {
        match self {
            DbError::Sqlite(e) => {
                matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
            }
            DbError::Postgres(e) => pg::is_retryable(e) || pg::is_unreachable(e),
            DbError::Pool | DbError::RunAgain => true,
            _ => false,
        }
    }

    fn is_full(&self) -> bool {
        match self {
            DbError::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
            DbError::Postgres(e) => e.code().is_some_and(|c| c.code() == "53100"),
            _ => false,
        }
    }
}

impl From<DbError> for Failure {
    fn from(e: DbError) -> Self {
        log::error!("storage error: {e}");
        if e.is_busy() {
            Failure::new(503, "busy", "the server is busy: try again shortly")
        } else if e.is_full() {
            Failure::new(507, "storage_full", "the server's storage is full")
        } else {
            Failure::internal("the server failed to read or write its database")
        }
    }
}

/// The most rows [`Tx::defer_insert_rows`] puts in one statement.
const MAX_ROWS_PER_INSERT: usize = 32;
/// The most rows [`Tx::defer_update_rows`] puts in one statement.
const MAX_ROWS_PER_UPDATE: usize = 64;

/// One transaction, on either database. Statements use `?1`, `?2`… for their parameters.
pub struct Tx<'a> {
    inner: TxInner<'a>,
    /// Set when the database asked for the transaction to be run again.
    retry: Cell<bool>,
}

enum TxInner<'a> {
    Sqlite(&'a rusqlite::Connection),
    Postgres(&'a dyn pg::PgOps),
}

impl<'a> Tx<'a> {
    /// A transaction's statements on a SQLite connection of the caller's (unit tests, tools).
    pub fn on_sqlite(conn: &'a rusqlite::Connection) -> Tx<'a> {
        Tx { inner: TxInner::Sqlite(conn), retry: Cell::new(false) }
    }

    fn note(&self, e: DbError) -> DbError {
        if e.is_retryable() {
            self.retry.set(true);
        }
        e
    }

    /// Runs a statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError> {
        match &self.inner {
            TxInner::Sqlite(conn) => sqlite::execute(conn, sql, params),
            TxInner::Postgres(tx) => tx.execute(sql, params),
        }
        .map_err(|e| self.note(e))
    }

    /// Runs a statement whose answer the transaction does not need now (an `UPDATE`, an
    /// `INSERT`): on PostgreSQL it is sent with the transaction's next statement that waits for
    /// its answer, or with the commit (one round trip for many); on SQLite it runs at once. Its
    /// failure is the failure of that next statement or of the commit.
    pub fn defer(&self, sql: &str, params: &[Value]) -> Result<(), DbError> {
        match &self.inner {
            TxInner::Sqlite(conn) => sqlite::execute(conn, sql, params).map(drop),
            TxInner::Postgres(tx) => {
                tx.defer(sql, params, None);
                Ok(())
            }
        }
        .map_err(|e| self.note(e))
    }

    /// [`Tx::defer`] for inserting many rows of one table: `INSERT {head} VALUES (…), (…) {tail}`,
    /// each row as many values, each statement of which must insert every row it holds: one that
    /// inserts fewer (an `ON CONFLICT DO NOTHING` that met a row another transaction wrote since
    /// this one looked) voids the transaction, which runs again ([`DbError::RunAgain`]; on
    /// SQLite, where this cannot happen, the request is answered 503). On
    /// PostgreSQL the rows go in as few statements as a few shapes allow (chunks of 32, 16, …, 1
    /// rows, each shape prepared once): a batch of 50 rows is three statements for the server to
    /// run, not 50. On SQLite, in the process and without a round trip, each row is its own
    /// statement (a cached single-row `INSERT` took less time there than a compound one).
    pub fn defer_insert_rows(&self, head: &str, rows: &[Vec<Value>], tail: &str) -> Result<(), DbError> {
        let most = match self.inner {
            TxInner::Sqlite(_) => 1,
            TxInner::Postgres(_) => MAX_ROWS_PER_INSERT,
        };
        let mut rest = rows;
        while !rest.is_empty() {
            let n = rest.len().min(most);
            let n = 1 << n.ilog2();
            let (chunk, after) = rest.split_at(n);
            rest = after;
            let mut sql = format!("INSERT INTO {head} VALUES ");
            let mut params = Vec::with_capacity(chunk.iter().map(Vec::len).sum());
            push_values(&mut sql, &mut params, chunk, None);
            sql.push(' ');
            sql.push_str(tail);
            let expect = u64::try_from(n).unwrap_or(u64::MAX);
            match &self.inner {
                TxInner::Sqlite(conn) => {
                    if u64::try_from(sqlite::execute(conn, &sql, &params).map_err(|e| self.note(e))?).ok() != Some(expect) {
                        return Err(self.note(DbError::RunAgain));
                    }
                }
                TxInner::Postgres(tx) => tx.defer(&sql, &params, Some(expect)),
            }
        }
        Ok(())
    }

    /// [`Tx::defer`] for updating many rows of one table, each from its own values:
    /// `UPDATE {table} SET {set} FROM (VALUES (…), (…)) AS v WHERE {matching}`, where `set` and
    /// `matching` read a row's values as `v.column1`, `v.column2`, … (both databases name the
    /// columns of a `VALUES` list so) and `types` gives each value's SQL type (a `CAST` in the
    /// statement: PostgreSQL cannot tell a parameter's type inside `VALUES`). The rows must
    /// update distinct rows of the table. On PostgreSQL up to 64 rows go in one statement, padded
    /// to a power of two by repeating the first row (the same values again change nothing; a few
    /// statement shapes, each prepared once): a batch of 50 orders is one statement for the
    /// server to run, not 50. On SQLite, in the process and without a round trip, each row is its
    /// own statement (one cached shape, as [`Tx::defer_insert_rows`] does there).
    pub fn defer_update_rows(&self, table: &str, set: &str, matching: &str, types: &[&str], rows: &[Vec<Value>]) -> Result<(), DbError> {
        let most = match self.inner {
            TxInner::Sqlite(_) => 1,
            TxInner::Postgres(_) => MAX_ROWS_PER_UPDATE,
        };
        for chunk in rows.chunks(most) {
            let Some(first) = chunk.first() else { continue };
            let n = chunk.len().next_power_of_two();
            let mut sql = format!("UPDATE {table} SET {set} FROM (VALUES ");
            let mut params = Vec::with_capacity(n * types.len());
            push_values(&mut sql, &mut params, chunk.iter().chain(std::iter::repeat_n(first, n - chunk.len())), Some(types));
            sql.push_str(") AS v WHERE ");
            sql.push_str(matching);
            self.defer(&sql, &params)?;
        }
        Ok(())
    }

    /// Holds `key` until the transaction ends: of two transactions that lock the same key, the
    /// second waits for the first to commit, then reads what it wrote. Every read-then-write of
    /// shared state takes the lock of what it reads first (an event ID, an order, an attempt
    /// count). On SQLite, where the one writer runs one transaction at a time, this is nothing;
    /// on PostgreSQL it is an advisory transaction lock, so several processes serialise there
    /// (queued like [`Tx::defer`]: the statements after it run on the server after it is held).
    pub fn lock(&self, key: &str) -> Result<(), DbError> {
        match &self.inner {
            TxInner::Sqlite(_) => {}
            TxInner::Postgres(tx) => tx.defer("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))", &[Value::Text(key.to_string())], None),
        }
        Ok(())
    }

    /// What ends a `SELECT` that locks the rows it reads until the transaction ends: ` FOR UPDATE`
    /// on PostgreSQL, nothing on SQLite (its one writer runs one transaction at a time).
    pub fn for_update(&self) -> &'static str {
        match self.inner {
            TxInner::Sqlite(_) => "",
            TxInner::Postgres(_) => " FOR UPDATE",
        }
    }

    /// Every row of a query, each through `f`.
    pub fn query<T>(&self, sql: &str, params: &[Value], f: impl FnMut(&Row) -> Result<T, DbError>) -> Result<Vec<T>, DbError> {
        match &self.inner {
            TxInner::Sqlite(conn) => sqlite::query(conn, sql, params, f),
            TxInner::Postgres(tx) => tx.rows(sql, params).and_then(|rows| rows.iter().map(f).collect()),
        }
        .map_err(|e| self.note(e))
    }

    /// The rows of several queries, in order, each query's rows in a vector of its own: on
    /// PostgreSQL sent together, in one round trip (the server runs them one after the other,
    /// as if each waited for the one before), on SQLite one after the other.
    pub fn query_together(&self, queries: &[(&str, &[Value])]) -> Result<Vec<Vec<Row>>, DbError> {
        match &self.inner {
            TxInner::Sqlite(conn) => queries.iter().map(|(sql, params)| sqlite::query(conn, sql, params, |r| Ok(r.clone()))).collect(),
            TxInner::Postgres(tx) => tx.rows_together(queries),
        }
        .map_err(|e| self.note(e))
    }

    /// The first row of a query through `f`, if there is one.
    pub fn query_opt<T>(&self, sql: &str, params: &[Value], f: impl FnOnce(&Row) -> Result<T, DbError>) -> Result<Option<T>, DbError> {
        let mut f = Some(f);
        let mut first = None;
        // Both drivers read every row; the statements here that use this return at most one.
        for row in self.query(sql, params, |r| Ok(r.clone()))? {
            if let Some(f) = f.take() {
                first = Some(f(&row)?);
            }
        }
        Ok(first)
    }

    /// The one row of a query through `f` ([`DbError::NoRow`] when there is none).
    pub fn query_row<T>(&self, sql: &str, params: &[Value], f: impl FnOnce(&Row) -> Result<T, DbError>) -> Result<T, DbError> {
        self.query_opt(sql, params, f)?.ok_or(DbError::NoRow)
    }
}

/// The server's database.
pub struct Store {
    backend: Backend,
    location: Location,
}

enum Backend {
    Sqlite(sqlite::Sqlite),
    Postgres(Box<pg::Pg>),
}

impl Store {
    /// Opens (or creates) the database and brings its schema up to date.
    pub fn open(location: &Location) -> Result<Store, StartError> {
        let backend = match location {
            Location::Sqlite(path) => Backend::Sqlite(sqlite::Sqlite::open(path)?),
            Location::Postgres(url) => Backend::Postgres(Box::new(pg::Pg::open(url)?)),
        };
        Ok(Store { backend, location: location.clone() })
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Runs `f` on a consistent snapshot, without waiting for writes.
    pub fn read<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        match &self.backend {
            Backend::Sqlite(db) => db.read(|conn| f(&Tx { inner: TxInner::Sqlite(conn), retry: Cell::new(false) })),
            Backend::Postgres(db) => db.read(|tx| f(&Tx { inner: TxInner::Postgres(tx), retry: Cell::new(false) })),
        }
    }

    /// [`Store::read`] for the customers' tracking pages, which anyone may ask for as often as
    /// they like: on PostgreSQL on a pool of connections of their own, so that a burst of them
    /// (customers' reads held in the listen queue while a restarted server opens its database
    /// arrive together) never makes a DA's request wait for a connection; on SQLite on the same
    /// readers as every read (in WAL mode a read waits for nothing).
    pub fn read_public<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        match &self.backend {
            Backend::Sqlite(db) => db.read(|conn| f(&Tx { inner: TxInner::Sqlite(conn), retry: Cell::new(false) })),
            Backend::Postgres(db) => db.read_public(|tx| f(&Tx { inner: TxInner::Postgres(tx), retry: Cell::new(false) })),
        }
    }

    /// Runs `f` in one transaction, committed when it returns `Ok`. On PostgreSQL `f` may run
    /// more than once (after a serialization failure): it must not act outside the transaction.
    pub fn write<T>(&self, mut f: impl FnMut(&Tx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        match &self.backend {
            Backend::Sqlite(db) => db.write(|conn| f(&Tx { inner: TxInner::Sqlite(conn), retry: Cell::new(false) })),
            Backend::Postgres(db) => db.write(|tx| {
                let tx = Tx { inner: TxInner::Postgres(tx), retry: Cell::new(false) };
                let out = f(&tx);
                (out, tx.retry.get())
            }),
        }
    }
}

/// A fresh, empty PostgreSQL database beside the one `base_url` names, for one test: its URL.
/// The database is named `prefix` and a random suffix.
pub fn create_postgres_database(base_url: &str, prefix: &str) -> Result<String, DbError> {
    pg::create_database(base_url, prefix)
}

/// SQLite's numbered parameters (`?1`) as PostgreSQL's (`$1`).
fn dollar_params(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes the rows of a `VALUES` list into `sql`, `(?1, ?2), (?3, ?4)`, numbering the parameters
/// after those already in `params`, to which it adds the rows' values; with `types`, each value
/// is `CAST(?n AS type)` and a row gives as many values as there are types
/// ([`Tx::defer_insert_rows`], [`Tx::defer_update_rows`]).
fn push_values<'r>(sql: &mut String, params: &mut Vec<Value>, rows: impl IntoIterator<Item = &'r Vec<Value>>, types: Option<&[&str]>) {
    for (i, row) in rows.into_iter().enumerate() {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        let width = types.map_or(row.len(), |t| t.len().min(row.len()));
        for (j, v) in row.iter().take(width).enumerate() {
            if j > 0 {
                sql.push_str(", ");
            }
            params.push(v.clone());
            match types.and_then(|t| t.get(j)) {
                Some(ty) => sql.push_str(&format!("CAST(?{} AS {ty})", params.len())),
                None => sql.push_str(&format!("?{}", params.len())),
            }
        }
        sql.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(Location::parse("server.db"), Location::Sqlite("server.db".into()));
        assert_eq!(Location::parse("postgres://u@h/db"), Location::Postgres("postgres://u@h/db".into()));
        assert_eq!(Location::from(Path::new("postgresql://h/db")), Location::Postgres("postgresql://h/db".into()));
        assert_eq!(Location::parse("postgres://u:secret@h/db").to_string(), "postgres://u:***@h/db");
    }

    #[test]
    fn parameters_numbered_for_postgres() {
        assert_eq!(dollar_params("SELECT a FROM t WHERE b = ?1 AND c IN (?2, ?10)"), "SELECT a FROM t WHERE b = $1 AND c IN ($2, $10)");
        assert_eq!(dollar_params("SELECT '?' || ?"), "SELECT '?' || ?");
    }

    /// A fresh database on the PostgreSQL server `TRACK_TEST_DB` names, if it names one.
    fn postgres() -> Option<Location> {
        let base = std::env::var("TRACK_TEST_DB").ok().filter(|v| v.starts_with("postgres"))?;
        Some(Location::Postgres(create_postgres_database(&base, "store_test").unwrap()))
    }

    /// On PostgreSQL (when `TRACK_TEST_DB` names a server) the customers' tracking reads have
    /// connections of their own: with every one of them held, a DA's read still gets a
    /// connection (sharing one pool, it would wait for one and be answered 503).
    #[test]
    fn tracking_reads_never_hold_up_the_das_reads() {
        let Some(location) = postgres() else { return };
        let store = std::sync::Arc::new(Store::open(&location).unwrap());
        let (holding, held) = std::sync::mpsc::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let released = std::sync::Arc::new(std::sync::Mutex::new(released));
        let holders: Vec<_> = (0..pg::MAX_PUBLIC_READERS)
            .map(|_| {
                let (store, holding, released) = (store.clone(), holding.clone(), released.clone());
                std::thread::spawn(move || {
                    store.read_public(|tx| {
                        tx.query_row("SELECT COUNT(*) FROM sellers", &[], |r| r.get::<i64>(0))?;
                        holding.send(()).unwrap();
                        // Held until the DA's read below is answered.
                        let _ = released.lock().unwrap().recv_timeout(std::time::Duration::from_secs(30));
                        Ok(())
                    })
                })
            })
            .collect();
        for _ in 0..pg::MAX_PUBLIC_READERS {
            held.recv_timeout(std::time::Duration::from_secs(30)).expect("every tracking read holds a connection");
        }
        // On a shared pool it would wait for a connection until answered 503 (busy).
        let sellers = store.read(|tx| Ok(tx.query_row("SELECT COUNT(*) FROM sellers", &[], |r| r.get::<i64>(0))?));
        assert_eq!(sellers.map_err(|f| f.to_string()).unwrap(), 0);
        for _ in 0..pg::MAX_PUBLIC_READERS {
            release.send(()).unwrap();
        }
        for h in holders {
            h.join().unwrap().unwrap();
        }
    }

    /// On PostgreSQL (when `TRACK_TEST_DB` names a server) the queries sent together are each
    /// planned for their own parameters, never from a plan cached on the connection (the
    /// setting is theirs alone: the transaction's other statements keep the server's default).
    #[test]
    fn queries_together_are_planned_for_their_parameters() {
        let Some(location) = postgres() else { return };
        let store = Store::open(&location).unwrap();
        let setting = "SELECT current_setting('plan_cache_mode')";
        let (inside, after) = store
            .write(|tx| {
                let inside = tx.query_together(&[(setting, &[]), ("SELECT COUNT(*) FROM sellers", &[])])?;
                let inside = inside.first().and_then(|rows| rows.first()).map(|r| r.get::<String>(0)).transpose()?;
                let after = tx.query_row(setting, &[], |r| r.get::<String>(0))?;
                Ok((inside, after))
            })
            .map_err(|f| f.to_string())
            .unwrap();
        assert_eq!(inside.as_deref(), Some("force_custom_plan"));
        assert_eq!(after, "auto");
    }

    /// Many rows updated from their own values, and several queries answered together: on
    /// SQLite, and on PostgreSQL too when `TRACK_TEST_DB` names a server (a fresh database).
    #[test]
    fn rows_updated_from_values_and_queries_answered_together() {
        let dir = tempfile::tempdir().unwrap();
        let mut locations = vec![Location::Sqlite(dir.path().join("s.db"))];
        locations.extend(postgres());
        for location in locations {
            let store = Store::open(&location).unwrap();
            let answers = store
                .write(|tx| {
                    for id in ["a", "b", "c", "d"] {
                        tx.defer(
                            "INSERT INTO sellers (id, name, self_delivery, ships_from, gst_address, time_zone) VALUES (?1, ?1, ?2, 'x', 'x', 'Asia/Kolkata')",
                            crate::args![id, true],
                        )?;
                    }
                    // Three rows (padded to four on PostgreSQL by repeating the first); a NULL keeps the zone.
                    let rows = [
                        crate::args!["a", "A", Some("Europe/Paris")].to_vec(),
                        crate::args!["b", "B", None::<String>].to_vec(),
                        crate::args!["c", "C", Some("Asia/Dubai")].to_vec(),
                    ];
                    tx.defer_update_rows(
                        "sellers",
                        "name = v.column2, time_zone = COALESCE(v.column3, sellers.time_zone)",
                        "sellers.id = v.column1",
                        &["TEXT", "TEXT", "TEXT"],
                        &rows,
                    )?;
                    let answers = tx.query_together(&[
                        ("SELECT id, name, time_zone FROM sellers ORDER BY id", &[]),
                        ("SELECT COUNT(*) FROM sellers WHERE name = ?1", crate::args!["d"]),
                    ])?;
                    Ok(answers)
                })
                .unwrap();
            assert_eq!(answers.len(), 2, "{location}");
            let sellers: Vec<(String, String, String)> = answers[0].iter().map(|r| (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap())).collect();
            let want = [("a", "A", "Europe/Paris"), ("b", "B", "Asia/Kolkata"), ("c", "C", "Asia/Dubai"), ("d", "d", "Asia/Kolkata")];
            assert_eq!(sellers, want.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())), "{location}");
            assert_eq!(answers[1][0].get::<i64>(0).unwrap(), 1, "{location}");
        }
    }

    #[test]
    fn sqlite_reads_and_writes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Location::Sqlite(dir.path().join("s.db"))).unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO sellers (id, name, self_delivery, ships_from, gst_address, time_zone) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                    crate::args!["s", "S", true, "a", "Asia/Kolkata"],
                )?;
                Ok(())
            })
            .unwrap();
        let read = store
            .read(|tx| Ok(tx.query_opt("SELECT name, self_delivery FROM sellers WHERE id = ?1", crate::args!["s"], |r| Ok((r.get::<String>(0)?, r.get::<bool>(1)?)))?))
            .unwrap();
        assert_eq!(read, Some(("S".to_string(), true)));
    }
}
