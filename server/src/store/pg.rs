//! The PostgreSQL backend, on the async driver `tokio-postgres` with `deadpool-postgres` pools
//! (each connection keeps its prepared statements). The backend owns a small tokio runtime that
//! drives the connections; a [`PgTx`] is used on the calling (blocking) thread, which waits for
//! the driver's futures with that runtime's `Handle::block_on`.
//!
//! Round trips are what a transaction costs here, so a transaction sends what it can together
//! (pipelining): its `BEGIN`, its locks and the statements whose answers it does not need at once
//! ([`super::Tx::defer`]) wait in a queue and go out, in order, with the next statement whose
//! answer it needs, or with the `COMMIT`. Write transactions are READ COMMITTED, serialised on what
//! they touch by advisory locks ([`super::Tx::lock`]) and run again after a deadlock or a
//! serialization failure; reads are read-only snapshots.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use deadpool_postgres::{ClientWrapper, Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use tokio::runtime::Handle;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use tokio_postgres::{Client, NoTls, Statement};

use super::{DbError, Row, Value, dollar_params};
use crate::error::{Failure, StartError};
use crate::schema;

/// Connections one server process opens at most for writes, for the DAs' reads and for the
/// customers' tracking pages (each a pool of its own: reads never wait for a connection that a
/// write holds, and a DA's gate never waits behind the customers' reads). A write transaction
/// spends much of its time waiting (a few round trips, the commit's flush), so several writers
/// let PostgreSQL flush their commits together; but every connection a restarted process opens
/// costs PostgreSQL a new backend and the statements prepared again. On the 2-core bench
/// machine 8 writers, 4 DA readers and 4 for the customers took as many events per second as
/// 16/4/8 (16,636 against 15,202 without kills) and, after each restart, answered the batches of
/// its first half-second in under 100 ms at p99 where 16/4/8 took 150-350 ms.
const MAX_WRITERS: usize = 8;
const MAX_READERS: usize = 4;
pub(super) const MAX_PUBLIC_READERS: usize = 4;
/// How long a request waits for a free connection before it is answered 503.
const WAIT_FOR_CONNECTION: Duration = Duration::from_secs(10);
/// How long opening a connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
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

fn row(r: &tokio_postgres::Row) -> Result<Row, DbError> {
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

pub(super) fn is_retryable(e: &tokio_postgres::Error) -> bool {
    matches!(e.code(), Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED)
}

/// The connection is gone or the server refuses connections for now.
pub(super) fn is_unreachable(e: &tokio_postgres::Error) -> bool {
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

/// One connection outside the pools (migrations, creating a database), its driver spawned on the
/// current runtime.
async fn connect(config: &tokio_postgres::Config) -> Result<Client, DbError> {
    let (client, connection) = config.connect(NoTls).await?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            log::debug!("a PostgreSQL connection ended: {e}");
        }
    });
    Ok(client)
}

pub(super) fn create_database(base_url: &str, prefix: &str) -> Result<String, DbError> {
    let config: tokio_postgres::Config = base_url.parse()?;
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple()).to_ascii_lowercase();
    let safe: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| DbError::Runtime(e.to_string()))?;
    runtime.block_on(async {
        let client = connect(&config).await?;
        client.batch_execute(&format!("CREATE DATABASE \"{safe}\"")).await?;
        Ok::<_, DbError>(())
    })?;
    Ok(with_database(base_url, &safe))
}

pub(super) struct Pg {
    /// Drives the connections; shut down (without waiting) when the store is dropped.
    runtime: Option<tokio::runtime::Runtime>,
    handle: Handle,
    writers: Pool,
    readers: Pool,
    public: Pool,
}

impl Drop for Pg {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

fn pool(config: &tokio_postgres::Config, max: usize) -> Result<Pool, String> {
    let manager = Manager::from_config(config.clone(), NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
    Pool::builder(manager)
        .max_size(max)
        .wait_timeout(Some(WAIT_FOR_CONNECTION))
        .create_timeout(Some(CONNECT_TIMEOUT))
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .build()
        .map_err(|e| e.to_string())
}

/// A statement waiting in a transaction's queue.
enum Pending {
    /// A statement of the simple protocol (`BEGIN`, `COMMIT`).
    Simple(&'static str),
    /// A prepared statement (its SQL already numbered `$1`); `expect`: the number of rows it
    /// must change, else the transaction runs again.
    Prepared { sql: String, params: Vec<Value>, expect: Option<u64> },
}

/// What a statement answered.
enum Answer {
    Done,
    Count(u64),
    Rows(Vec<tokio_postgres::Row>),
}

/// What the statement that waits for its answer wants back.
#[derive(Clone, Copy)]
enum Want {
    Count,
    Rows,
}

/// A transaction on a pooled connection, on the calling thread.
pub(super) struct PgTx<'a> {
    handle: &'a Handle,
    client: &'a ClientWrapper,
    /// Statements not sent yet: they go out with the next one whose answer is needed.
    pending: RefCell<Vec<Pending>>,
    /// Whether anything was sent (the `BEGIN` among it): then the transaction must end.
    sent: Cell<bool>,
    /// A statement failed (`Some(retryable)`): the transaction cannot commit.
    failed: Cell<Option<bool>>,
}

impl PgTx<'_> {
    fn queue(&self, p: Pending) {
        self.pending.borrow_mut().push(p);
    }

    /// Sends the queued statements and then `wanted` in one go, in order, and waits for all
    /// their answers: `wanted`'s answers, or the first failure.
    fn send(&self, wanted: &[(&str, &[Value], Want)]) -> Result<Vec<Answer>, DbError> {
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        if pending.is_empty() && wanted.is_empty() {
            return Ok(Vec::new());
        }
        self.sent.set(true);
        let wanted: Vec<(String, &[Value], Want)> = wanted.iter().map(|(sql, params, want)| (dollar_params(sql), *params, *want)).collect();
        let out = self.handle.block_on(pipeline(self.client, &pending, &wanted));
        // The first failure decides (the statements after it in the transaction fail only
        // because it is aborted).
        if let (Err(e), None) = (&out, self.failed.get()) {
            self.failed.set(Some(e.is_retryable()));
        }
        out
    }

    /// Sends what is queued with the `COMMIT` (nothing when nothing was ever sent: the
    /// transaction never began on the server).
    fn commit(&self) -> Result<(), DbError> {
        if !self.sent.get() && self.pending.borrow().iter().all(|p| matches!(p, Pending::Simple(_))) {
            self.pending.borrow_mut().clear();
            return Ok(());
        }
        self.queue(Pending::Simple("COMMIT"));
        self.send(&[]).map(drop)
    }

    /// Ends a transaction that will not commit; false when the connection is no longer fit for
    /// the pool (the rollback failed).
    fn rollback(&self) -> bool {
        self.pending.borrow_mut().clear();
        if !self.sent.get() {
            return true;
        }
        self.handle.block_on(self.client.batch_execute("ROLLBACK")).is_ok()
    }
}

/// What a [`super::Tx`] asks of a PostgreSQL transaction.
pub(super) trait PgOps {
    /// Queues a statement (see [`super::Tx::defer`]).
    fn defer(&self, sql: &str, params: &[Value], expect: Option<u64>);
    fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError>;
    fn rows(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError>;
    /// Several queries sent together (one round trip, after what is queued): each one's rows.
    fn rows_together(&self, queries: &[(&str, &[Value])]) -> Result<Vec<Vec<Row>>, DbError>;
}

impl PgOps for PgTx<'_> {
    fn defer(&self, sql: &str, params: &[Value], expect: Option<u64>) {
        self.queue(Pending::Prepared { sql: dollar_params(sql), params: params.to_vec(), expect });
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError> {
        match self.send(&[(sql, params, Want::Count)])?.pop() {
            Some(Answer::Count(n)) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => Ok(0),
        }
    }

    fn rows(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        self.send(&[(sql, params, Want::Rows)])?.pop().map_or_else(|| Ok(Vec::new()), rows_of)
    }

    /// The queries planned each for its own parameters (`plan_cache_mode` set for them only):
    /// these are a batch's lookups by long lists of IDs, whose best plan depends on how big the
    /// tables have grown. A generic plan that a connection caches while a table is small (a
    /// sequential scan of events, the first minutes of a database, before PostgreSQL has
    /// analysed its tables) stayed with that connection as the table grew: the load bench's
    /// lookups of 64 event IDs took 40-120 ms on the connections that had cached one.
    fn rows_together(&self, queries: &[(&str, &[Value])]) -> Result<Vec<Vec<Row>>, DbError> {
        const EACH_PLANNED: &str = "SET LOCAL plan_cache_mode = force_custom_plan";
        const AS_BEFORE: &str = "SET LOCAL plan_cache_mode TO DEFAULT";
        let mut wanted: Vec<(&str, &[Value], Want)> = Vec::with_capacity(queries.len() + 2);
        wanted.push((EACH_PLANNED, &[], Want::Count));
        wanted.extend(queries.iter().map(|(sql, params)| (*sql, *params, Want::Rows)));
        wanted.push((AS_BEFORE, &[], Want::Count));
        self.send(&wanted)?
            .into_iter()
            .skip(1)
            .take(queries.len())
            .map(rows_of)
            .collect()
    }
}

/// The rows of a query's answer.
fn rows_of(answer: Answer) -> Result<Vec<Row>, DbError> {
    match answer {
        Answer::Rows(rows) => rows.iter().map(row).collect(),
        _ => Ok(Vec::new()),
    }
}

/// Sends the statements in order without waiting between them (the driver pipelines requests
/// made together), then collects every answer: those of `wanted`, in order. Statements not
/// prepared on this connection yet are prepared first, together.
async fn pipeline(client: &ClientWrapper, pending: &[Pending], wanted: &[(String, &[Value], Want)]) -> Result<Vec<Answer>, DbError> {
    let sqls: Vec<&str> = pending
        .iter()
        .filter_map(|p| match p {
            Pending::Prepared { sql, .. } => Some(sql.as_str()),
            Pending::Simple(_) => None,
        })
        .chain(wanted.iter().map(|(sql, _, _)| sql.as_str()))
        .collect();
    // Each distinct statement prepared once (a batch repeats the same few).
    let mut distinct: Vec<&str> = Vec::new();
    for sql in &sqls {
        if !distinct.contains(sql) {
            distinct.push(sql);
        }
    }
    let preparing: Vec<Boxed<'_, Result<Statement, tokio_postgres::Error>>> =
        distinct.iter().map(|sql| Box::pin(client.prepare_cached(sql)) as Boxed<'_, _>).collect();
    let answers = in_order(preparing).await;
    let mut prepared: HashMap<&str, Statement> = HashMap::with_capacity(distinct.len());
    for (sql, statement) in distinct.into_iter().zip(answers) {
        prepared.insert(sql, statement?);
    }
    let mut statements = sqls.iter().filter_map(|sql| prepared.get(sql).cloned());
    let mut requests: Vec<Boxed<'_, Result<Answer, tokio_postgres::Error>>> = Vec::with_capacity(pending.len() + wanted.len());
    for p in pending {
        match p {
            Pending::Simple(sql) => requests.push(Box::pin(async move { client.batch_execute(sql).await.map(|()| Answer::Done) })),
            Pending::Prepared { params, .. } => {
                let Some(statement) = statements.next() else { break };
                requests.push(Box::pin(async move {
                    let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
                    client.execute(&statement, &params).await.map(Answer::Count)
                }));
            }
        }
    }
    for (_, params, want) in wanted {
        let Some(statement) = statements.next() else { break };
        let want = *want;
        requests.push(Box::pin(async move {
            let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
            match want {
                Want::Count => client.execute(&statement, &params).await.map(Answer::Count),
                Want::Rows => client.query(&statement, &params).await.map(Answer::Rows),
            }
        }));
    }
    let answers = in_order(requests).await;
    let mut out = Vec::with_capacity(wanted.len());
    let mut expected = pending.iter().map(|p| match p {
        Pending::Prepared { expect, .. } => *expect,
        Pending::Simple(_) => None,
    });
    for (i, answer) in answers.into_iter().enumerate() {
        let answer = answer?;
        if i < pending.len() {
            if let Some(Some(n)) = expected.next()
                && !matches!(answer, Answer::Count(c) if c == n)
            {
                // Another transaction wrote the row since this one looked: run again.
                return Err(DbError::RunAgain);
            }
        } else {
            out.push(answer);
        }
    }
    Ok(out)
}

type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Runs the futures together, each first polled in the order given (a request is sent on its
/// first poll: this keeps the statements of a transaction in order on the wire), and returns
/// their outputs in that order.
async fn in_order<T>(mut futures: Vec<Boxed<'_, T>>) -> Vec<T> {
    let mut outputs: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all = true;
        for (f, out) in futures.iter_mut().zip(outputs.iter_mut()) {
            if out.is_none() {
                match f.as_mut().poll(cx) {
                    Poll::Ready(v) => *out = Some(v),
                    Poll::Pending => all = false,
                }
            }
        }
        if all { Poll::Ready(()) } else { Poll::Pending }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

/// A pooled connection in use; taken out of the pool when it is not known to be clean (a
/// transaction left open by a panic or a failed rollback).
struct Lease {
    object: Option<Object>,
    clean: bool,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if !self.clean {
            if let Some(object) = self.object.take() {
                drop(Object::take(object));
            }
        }
    }
}

impl Pg {
    pub(super) fn open(url: &str) -> Result<Pg, StartError> {
        let shown = redact_url(url);
        let db_err = |source: DbError| StartError::Database { path: shown.clone(), source };
        let mut config: tokio_postgres::Config = url.parse().map_err(|e: tokio_postgres::Error| db_err(e.into()))?;
        config.connect_timeout(CONNECT_TIMEOUT);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("track-db")
            .enable_all()
            .build()
            .map_err(|e| db_err(DbError::Runtime(e.to_string())))?;
        let handle = runtime.handle().clone();
        let found = handle
            .block_on(async {
                let mut client = connect(&config).await?;
                migrate(&mut client).await
            })
            .map_err(db_err)?;
        if found > schema::VERSION {
            runtime.shutdown_background();
            return Err(StartError::TooNew { path: shown, found, supported: schema::VERSION });
        }
        let pools = pool(&config, MAX_WRITERS).and_then(|w| Ok((w, pool(&config, MAX_READERS)?, pool(&config, MAX_PUBLIC_READERS)?)));
        let (writers, readers, public) = pools.map_err(|e| db_err(DbError::Runtime(e)))?;
        Ok(Pg { runtime: Some(runtime), handle, writers, readers, public })
    }

    /// A pooled connection, or 503 `busy` when none was free in time.
    fn lease(&self, pool: &Pool) -> Result<Lease, DbError> {
        let object = self.handle.block_on(pool.get()).map_err(|e| {
            log::warn!("no database connection was free in {} s: {e}", WAIT_FOR_CONNECTION.as_secs());
            DbError::Pool
        })?;
        Ok(Lease { object: Some(object), clean: false })
    }

    fn begin<'a>(&'a self, lease: &'a Lease, begin: &'static str) -> Result<PgTx<'a>, DbError> {
        let client: &ClientWrapper = lease.object.as_deref().ok_or(DbError::Pool)?;
        let tx = PgTx { handle: &self.handle, client, pending: RefCell::new(Vec::new()), sent: Cell::new(false), failed: Cell::new(None) };
        tx.queue(Pending::Simple(begin));
        Ok(tx)
    }

    pub(super) fn read<T>(&self, f: impl FnOnce(&PgTx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        self.read_on(&self.readers, f)
    }

    /// [`Pg::read`] on the customers' pool.
    pub(super) fn read_public<T>(&self, f: impl FnOnce(&PgTx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        self.read_on(&self.public, f)
    }

    fn read_on<T>(&self, pool: &Pool, f: impl FnOnce(&PgTx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        let mut lease = self.lease(pool)?;
        let (out, end) = {
            let tx = self.begin(&lease, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
            let out = f(&tx);
            let end = match (&out, tx.failed.get()) {
                // A read-only transaction has nothing to keep: its end does not hold up the answer.
                (Ok(_), None) => "COMMIT",
                _ => "ROLLBACK",
            };
            (out, tx.sent.get().then_some(end))
        };
        match end {
            None => lease.clean = true,
            // The connection goes back to the pool once the transaction has ended.
            Some(end) => {
                self.handle.spawn(async move {
                    if let Some(client) = lease.object.as_deref() {
                        lease.clean = client.batch_execute(end).await.is_ok();
                    }
                    drop(lease);
                });
            }
        }
        out
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
        let mut lease = self.lease(&self.writers)?;
        let busy = || Failure::new(503, "busy", "the server is busy: try again shortly");
        let (out, clean) = {
            let tx = self.begin(&lease, "BEGIN ISOLATION LEVEL READ COMMITTED")?;
            let (out, retry) = f(&tx);
            // A statement met a deadlock or a serialization failure, or another transaction's
            // write: whatever `f` made of it, the transaction is void and runs again.
            if retry || tx.failed.get() == Some(true) {
                log::debug!("a write transaction met another and runs again");
                (if again { Ok(None) } else { Err(busy()) }, tx.rollback())
            } else if tx.failed.get().is_some() {
                // `f` went on after a statement failed: nothing of it is kept.
                let failure = out.err().unwrap_or_else(|| Failure::internal("the server failed to read or write its database"));
                (Err(failure), tx.rollback())
            } else {
                match out {
                    Ok(v) => match tx.commit() {
                        Ok(()) => (Ok(Some(v)), true),
                        Err(e) if again && e.is_retryable() => (Ok(None), tx.rollback()),
                        Err(e) => (Err(Failure::from(e)), tx.rollback()),
                    },
                    Err(failure) => (Err(failure), tx.rollback()),
                }
            }
        };
        lease.clean = clean;
        out
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
async fn migrate(client: &mut Client) -> Result<i64, DbError> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)").await?;
    let found: i64 = tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[]).await?.try_get(0)?;
    if found > schema::VERSION {
        return Ok(found);
    }
    for (version, sql) in schema::POSTGRES {
        if *version > found {
            tx.batch_execute(sql).await?;
            tx.execute("DELETE FROM schema_version", &[]).await?;
            tx.execute("INSERT INTO schema_version (version) VALUES ($1)", &[version]).await?;
        }
    }
    tx.commit().await?;
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
