//! The PostgreSQL backend: pools of connections (`r2d2`, each connection with its prepared
//! statements), READ
//! COMMITTED write transactions serialised on what they touch by advisory locks ([`super::Tx::lock`])
//! and run again after a deadlock or a serialization failure, read-only snapshot reads. Used on
//! the calling (blocking) thread, through the `postgres` driver.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;
use std::time::Duration;

use postgres::error::SqlState;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, IsolationLevel, NoTls, Statement, Transaction};

use super::{DbError, Row, Value, dollar_params};
use crate::error::{Failure, StartError};
use crate::schema;

/// Connections one server process opens at most for writes, and for reads (a pool of their
/// own: reads never wait for a connection that a write holds).
const MAX_WRITERS: usize = 16;
const MAX_READERS: usize = 8;
/// How long a request waits for a free connection before it is answered 503.
const WAIT_FOR_CONNECTION: Duration = Duration::from_secs(10);
/// How often a write transaction is tried when other transactions get in its way.
const MAX_TRIES: u32 = 20;
/// The advisory lock that serialises schema migrations of several processes.
const MIGRATION_LOCK: i64 = 0x0074_7261_636b;

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => i.to_string().to_sql(ty, out),
                _ => Err(format!("an integer parameter where the statement wants {ty}").into()),
            },
            Value::Real(r) => match *ty {
                Type::FLOAT8 => r.to_sql(ty, out),
                _ => Err(format!("a real parameter where the statement wants {ty}").into()),
            },
            Value::Text(s) => match *ty {
                // PostgreSQL text cannot hold NUL (SQLite's can): a NUL a client sent in a field
                // that is stored as sent (a refused event's tracking ID) becomes U+FFFD.
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN if s.contains('\0') => {
                    s.replace('\0', "\u{FFFD}").as_str().to_sql(ty, out)
                }
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => s.as_str().to_sql(ty, out),
                _ => Err(format!("a text parameter where the statement wants {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn row(r: &postgres::Row) -> Result<Row, DbError> {
    let mut values = Vec::with_capacity(r.len());
    for (i, column) in r.columns().iter().enumerate() {
        let v = match *column.type_() {
            Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => r.try_get::<_, Option<i32>>(i)?.map(|v| Value::Int(v.into())),
            Type::INT2 => r.try_get::<_, Option<i16>>(i)?.map(|v| Value::Int(v.into())),
            Type::BOOL => r.try_get::<_, Option<bool>>(i)?.map(|v| Value::Int(v.into())),
            Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::FLOAT4 => r.try_get::<_, Option<f32>>(i)?.map(|v| Value::Real(v.into())),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => r.try_get::<_, Option<String>>(i)?.map(Value::Text),
            // What a lock function returns.
            Type::VOID => None,
            ref other => return Err(DbError::Column { index: i, message: format!("unsupported column type {other}") }),
        };
        values.push(v.unwrap_or(Value::Null));
    }
    Ok(Row(values))
}

pub(super) fn is_retryable(e: &postgres::Error) -> bool {
    matches!(e.code(), Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED)
}

/// The connection is gone or the server refuses connections for now.
pub(super) fn is_unreachable(e: &postgres::Error) -> bool {
    e.is_closed()
        || e.code().is_some_and(|c| c.code().starts_with("08") || c.code().starts_with("57P") || *c == SqlState::TOO_MANY_CONNECTIONS)
        || e.source().is_some_and(|s| s.is::<std::io::Error>())
}

/// `postgres://user:password@host/db` with the password hidden.
pub(super) fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{scheme}://{name}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// `url` naming database `name` instead of its own.
fn with_database(url: &str, name: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (url, None),
    };
    let (scheme, rest) = main.split_once("://").unwrap_or(("postgres", main));
    let authority = rest.split('/').next().unwrap_or_default();
    let mut out = format!("{scheme}://{authority}/{name}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

pub(super) fn create_database(base_url: &str, prefix: &str) -> Result<String, DbError> {
    let config: postgres::Config = base_url.parse()?;
    let mut client = config.connect(NoTls)?;
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple()).to_ascii_lowercase();
    let safe: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    client.batch_execute(&format!("CREATE DATABASE \"{safe}\""))?;
    Ok(with_database(base_url, &safe))
}

/// One pooled connection and the statements prepared on it.
struct PgConn {
    client: Client,
    statements: HashMap<String, Statement>,
}

/// Makes the pools' connections (`r2d2` keeps them): each with an empty statement cache.
struct Connector(postgres::Config);

impl r2d2::ManageConnection for Connector {
    type Connection = PgConn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<PgConn, postgres::Error> {
        Ok(PgConn { client: self.0.connect(NoTls)?, statements: HashMap::new() })
    }

    fn is_valid(&self, conn: &mut PgConn) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut PgConn) -> bool {
        conn.client.is_closed()
    }
}

type Pool = r2d2::Pool<Connector>;

fn pool(config: &postgres::Config, max: usize) -> Pool {
    r2d2::Pool::builder()
        .max_size(u32::try_from(max).unwrap_or(u32::MAX))
        .min_idle(Some(0))
        .connection_timeout(WAIT_FOR_CONNECTION)
        // Connections are checked when they are broken (has_broken), not with a query on every lease.
        .test_on_check_out(false)
        .build_unchecked(Connector(config.clone()))
}

/// A pooled connection, or 503 `busy` when none was free in time.
fn lease(pool: &Pool) -> Result<r2d2::PooledConnection<Connector>, DbError> {
    pool.get().map_err(|e| {
        log::warn!("no database connection was free in {} s: {e}", WAIT_FOR_CONNECTION.as_secs());
        DbError::Pool
    })
}

pub(super) struct Pg {
    writers: Pool,
    readers: Pool,
}

/// A transaction on a pooled connection, with that connection's prepared statements.
pub(super) struct PgTx<'a> {
    tx: RefCell<Transaction<'a>>,
    statements: RefCell<&'a mut HashMap<String, Statement>>,
}

impl PgTx<'_> {
    fn statement(&self, sql: &str) -> Result<Statement, DbError> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.borrow_mut().prepare(&dollar_params(sql))?;
        self.statements.borrow_mut().insert(sql.to_string(), s.clone());
        Ok(s)
    }

    pub(super) fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError> {
        let stmt = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let n = self.tx.borrow_mut().execute(&stmt, &params)?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

}

/// What a [`super::Tx`] asks of a PostgreSQL transaction.
pub(super) trait PgOps {
    fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError>;
    fn rows(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError>;
}

impl PgOps for PgTx<'_> {
    fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError> {
        PgTx::execute(self, sql, params)
    }

    fn rows(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let stmt = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let rows = self.tx.borrow_mut().query(&stmt, &params)?;
        rows.iter().map(row).collect()
    }
}

impl Pg {
    pub(super) fn open(url: &str) -> Result<Pg, StartError> {
        let shown = redact_url(url);
        let db_err = |source: DbError| StartError::Database { path: shown.clone(), source };
        let config: postgres::Config = url.parse().map_err(|e: postgres::Error| db_err(e.into()))?;
        let mut client = config.connect(NoTls).map_err(|e| db_err(e.into()))?;
        let found = migrate(&mut client).map_err(db_err)?;
        if found > schema::VERSION {
            return Err(StartError::TooNew { path: shown, found, supported: schema::VERSION });
        }
        drop(client);
        Ok(Pg { writers: pool(&config, MAX_WRITERS), readers: pool(&config, MAX_READERS) })
    }

    pub(super) fn read<T>(&self, f: impl FnOnce(&PgTx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        let mut lease = lease(&self.readers)?;
        let PgConn { client, statements } = &mut *lease;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(DbError::from)?;
        let ptx = PgTx { tx: RefCell::new(tx), statements: RefCell::new(statements) };
        let out = f(&ptx)?;
        ptx.tx.into_inner().commit().map_err(DbError::from)?;
        Ok(out)
    }

    pub(super) fn write<T>(&self, mut f: impl FnMut(&PgTx<'_>) -> (Result<T, Failure>, bool)) -> Result<T, Failure> {
        let mut tries = 0;
        loop {
            tries += 1;
            let again = tries < MAX_TRIES;
            if let Some(done) = self.try_write(&mut f, again)? {
                return Ok(done);
            }
            // Back off a little, growing, so the transactions in each other's way spread out.
            std::thread::sleep(Duration::from_millis(u64::from(tries.min(10)) * u64::from(jitter_ms())));
        }
    }

    /// One try of [`Pg::write`]: `None` when it should be tried again.
    fn try_write<T>(&self, f: &mut impl FnMut(&PgTx<'_>) -> (Result<T, Failure>, bool), again: bool) -> Result<Option<T>, Failure> {
        let mut lease = lease(&self.writers)?;
        let PgConn { client, statements } = &mut *lease;
        let tx = client.build_transaction().isolation_level(IsolationLevel::ReadCommitted).start().map_err(DbError::from)?;
        let ptx = PgTx { tx: RefCell::new(tx), statements: RefCell::new(statements) };
        let (out, retry) = f(&ptx);
        let PgTx { tx, statements: _ } = ptx;
        let tx = tx.into_inner();
        // A statement met a deadlock or a serialization failure: whatever `f` made of it, the
        // transaction is void (dropping it rolls it back) and runs again.
        if retry {
            log::debug!("a write transaction met another and runs again");
            return if again { Ok(None) } else { Err(Failure::new(503, "busy", "the server is busy: try again shortly")) };
        }
        match out {
            Ok(v) => match tx.commit() {
                Ok(()) => Ok(Some(v)),
                Err(e) if again && is_retryable(&e) => Ok(None),
                Err(e) => Err(DbError::from(e).into()),
            },
            Err(failure) => Err(failure),
        }
    }
}

/// A few random milliseconds (1 to 4), from the clock's nanoseconds: enough to break lock-step
/// retries, no generator needed.
fn jitter_ms() -> u8 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    u8::try_from(nanos % 4).unwrap_or(0) + 1
}

/// Brings the schema up to date under an advisory lock (several processes may start at once);
/// the version found before.
fn migrate(client: &mut Client) -> Result<i64, DbError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")?;
    let found: i64 = tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])?.try_get(0)?;
    if found > schema::VERSION {
        return Ok(found);
    }
    for (version, sql) in schema::POSTGRES {
        if *version > found {
            tx.batch_execute(sql)?;
            tx.execute("DELETE FROM schema_version", &[])?;
            tx.execute("INSERT INTO schema_version (version) VALUES ($1)", &[version])?;
        }
    }
    tx.commit()?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_swapped_in_urls() {
        assert_eq!(with_database("postgres://u@127.0.0.1:5432/postgres", "t_1"), "postgres://u@127.0.0.1:5432/t_1");
        assert_eq!(with_database("postgres://u@localhost/postgres?host=/tmp/pg", "t_1"), "postgres://u@localhost/t_1?host=/tmp/pg");
        assert_eq!(with_database("postgresql://localhost", "t_1"), "postgresql://localhost/t_1");
    }
}
