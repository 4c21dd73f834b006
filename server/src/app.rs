//! The server's state: its configuration, its clock and its database ([`crate::store`]).

use std::sync::Arc;
use std::time::Duration;

use track_core::Clock;

use crate::error::{Failure, StartError};
use crate::store::{Location, Store, Tx};

/// How the server runs.
#[derive(Clone)]
pub struct Config {
    /// The database: a SQLite file (created when missing) or a PostgreSQL URL.
    pub db: Location,
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
    /// Where proof-of-delivery photos are kept; `None`: a folder beside the database
    /// ([`crate::photos::PhotoStore::beside`]).
    pub photo_store: Option<crate::photos::PhotoStore>,
    /// Where the customers' messages go (SMTP, the SMS gateway's webhook); `None`: the server
    /// sends nothing and notifications wait for `POST /v1/admin/notifications/take`.
    pub notifications: Option<Transports>,
    /// The server's public address, for the tracking page linked in the customers' messages.
    pub public_url: String,
    /// How often the server's sender looks for due notifications.
    pub send_every: Duration,
}

/// The transports of the customers' messages: either may be missing (that channel is not sent).
#[derive(Clone, Default)]
pub struct Transports {
    pub smtp: Option<crate::outbound::SmtpConfig>,
    pub sms: Option<crate::outbound::SmsWebhook>,
}

impl Config {
    pub fn new(db: impl Into<Location>) -> Self {
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
            photo_store: None,
            notifications: None,
            public_url: "http://127.0.0.1:8080".into(),
            send_every: Duration::from_secs(15),
        }
    }
}

/// The server: configuration and database. Its methods are blocking (the database drivers are);
/// the HTTP layer calls them from blocking tasks.
pub struct App {
    pub(crate) config: Config,
    store: Store,
    pub(crate) logins: crate::limit::LoginLimiter,
    pub(crate) passwords: crate::password::Passwords,
    pub(crate) photos: crate::photos::Photos,
    outbound: Option<crate::outbound::Outbound>,
}

impl App {
    /// Opens (or creates) the database and brings its schema up to date.
    pub fn open(config: Config) -> Result<Arc<App>, StartError> {
        let store = Store::open(&config.db)?;
        let logins = crate::limit::LoginLimiter::new(config.login_policy);
        let passwords = crate::password::Passwords::new(config.hashing);
        let key = photo_url_key(&store).map_err(|f| StartError::Photos(f.to_string()))?;
        let photo_store = config.photo_store.clone().unwrap_or_else(|| crate::photos::PhotoStore::beside(&config.db));
        let photos = crate::photos::Photos::open(&photo_store, key.as_bytes()).map_err(|e| StartError::Photos(e.to_string()))?;
        let outbound = match &config.notifications {
            Some(t) => Some(crate::outbound::Outbound::new(t.smtp.clone(), t.sms.clone()).map_err(StartError::Outbound)?),
            None => None,
        };
        Ok(Arc::new(App { config, store, logins, passwords, photos, outbound }))
    }

    /// The customers' messages' transports, when configured.
    pub fn outbound(&self) -> Option<&crate::outbound::Outbound> {
        self.outbound.as_ref()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The database, for what a test or a tool checks below the HTTP layer.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.config.clock.now()
    }

    /// Runs `f` on a consistent snapshot of the database.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        self.store.read(f)
    }

    /// [`App::read`] for the customers' tracking pages ([`Store::read_public`]).
    pub(crate) fn read_public<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        self.store.read_public(f)
    }

    /// Runs `f` in one transaction, committed when it returns `Ok` (see [`Store::write`]: `f`
    /// may run again after a serialization failure).
    pub(crate) fn write<T>(&self, f: impl FnMut(&Tx<'_>) -> Result<T, Failure>) -> Result<T, Failure> {
        self.store.write(f)
    }
}

/// The key that signs photo URLs: made once, kept in the database (table `secrets`), so every
/// process on the database and every restart signs and verifies alike.
fn photo_url_key(store: &Store) -> Result<String, Failure> {
    let fresh = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    store.write(|tx| {
        tx.execute(
            "INSERT INTO secrets (name, value) VALUES ('photo_url_key', ?1) ON CONFLICT (name) DO NOTHING",
            crate::args![fresh],
        )?;
        Ok(tx.query_row("SELECT value FROM secrets WHERE name = 'photo_url_key'", &[], |r| r.get::<String>(0))?)
    })
}
