//! The SQLite backend: a file in WAL mode, one writer connection and a small pool of readers (in
//! WAL mode a reader sees the last commit and never waits for the writer). Every connection is used
//! on the calling (blocking) thread.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{DbError, Row, Value};
use crate::error::{Failure, StartError};
use crate::schema;

/// Reader connections kept open between reads (more are opened when all are busy).
const IDLE_READERS: usize = 8;
/// Prepared statements each connection keeps.
const PREPARED_STATEMENTS: usize = 128;

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(r) => ValueRef::Real(*r),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

fn value(v: ValueRef<'_>) -> Result<Value, DbError> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => return Err(DbError::Column { index: 0, message: "a blob where text or a number was expected".into() }),
    })
}

pub(super) fn execute(conn: &Connection, sql: &str, params: &[Value]) -> Result<usize, DbError> {
    let mut stmt = conn.prepare_cached(sql)?;
    Ok(stmt.execute(rusqlite::params_from_iter(params))?)
}

pub(super) fn query<T>(conn: &Connection, sql: &str, params: &[Value], mut f: impl FnMut(&Row) -> Result<T, DbError>) -> Result<Vec<T>, DbError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut row = Vec::with_capacity(columns);
        for i in 0..columns {
            row.push(value(r.get_ref(i)?)?);
        }
        out.push(f(&Row(row))?);
    }
    Ok(out)
}

pub(super) struct Sqlite {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

fn open_connection(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // Room for the statements of every endpoint, and for the few shapes of a batch's `IN` lists.
    conn.set_prepared_statement_cache_capacity(PREPARED_STATEMENTS);
    Ok(conn)
}

impl Sqlite {
    pub(super) fn open(path: &Path) -> Result<Sqlite, StartError> {
        let shown = path.display().to_string();
        let db_err = |source: rusqlite::Error| StartError::Database { path: shown.clone(), source: source.into() };
        let mut conn = open_connection(path).map_err(db_err)?;
        let found = schema::version(&conn).map_err(db_err)?;
        if found > schema::VERSION {
            return Err(StartError::TooNew { path: shown, found, supported: schema::VERSION });
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(db_err)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(db_err)?;
        schema::migrate(&mut conn).map_err(db_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(db_err)?;
        Ok(Sqlite { path: path.to_path_buf(), writer: Mutex::new(conn), readers: Mutex::new(Vec::new()) })
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn reader(&self) -> Result<Connection, DbError> {
        let idle = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match idle {
            Some(conn) => Ok(conn),
            None => {
                let conn = open_connection(&self.path)?;
                conn.pragma_update(None, "query_only", true)?;
                Ok(conn)
            }
        }
    }

    fn give_back(&self, conn: Connection) {
        let mut idle = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
    }

    pub(super) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T, Failure>) -> Result<T, Failure> {
        let conn = self.reader().map_err(Failure::from)?;
        let out = {
            // One snapshot for all the statements of `f`; nothing to commit.
            let tx = conn.unchecked_transaction().map_err(DbError::from)?;
            f(&tx)
        };
        self.give_back(conn);
        out
    }

    pub(super) fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T, Failure>) -> Result<T, Failure> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(DbError::from)?;
        let out = f(&tx)?;
        tx.commit().map_err(DbError::from)?;
        Ok(out)
    }
}
