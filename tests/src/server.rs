//! The reference server in a child process, for tests that kill and restart it (or in this
//! process, on a test's clock), and the seeding of a seller, its orders and a logged-in DA.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::process::{Child, Command, Stdio};

use track_core::sync::wire::{CreateAccount, Login, Session};
use track_core::sync::{SyncClient, SyncConfig};
use track_server::admin::{OrderBatch, OrderSpec, SellerSpec};
use track_server::admin_client::AdminClient;
use track_server::enrol::DaPhone;

pub const ADMIN_TOKEN: &str = "test-admin";
pub const SELLER: &str = "crash-test-traders";

type Error = Box<dyn std::error::Error>;

/// Order `n` (as [`crate::order`] makes it) as the server's admin endpoint takes it, shipped at
/// 08:00 on the day [`crate::play_day`] plays (the server refuses scans timed before the shipment).
pub fn order_spec(n: u32, seller: &str) -> Result<OrderSpec, track_core::Error> {
    Ok(OrderSpec::from_order(&crate::order(n)?, seller, Some(crate::india("2026-11-23", "08:00"))))
}

/// The database a test server keeps for the file `path`: the file itself (SQLite), or, when the
/// environment variable `TRACK_TEST_DB` names a PostgreSQL server (`postgres://…/postgres`), a
/// fresh database on it for each path, the same one again for the same path (a restarted server
/// finds its data).
pub fn database_for(path: &Path) -> Result<String, Error> {
    static DATABASES: OnceLock<Mutex<HashMap<PathBuf, String>>> = OnceLock::new();
    let shown = || path.to_str().map(str::to_string).ok_or_else(|| format!("{} is not UTF-8", path.display()));
    let base = match std::env::var("TRACK_TEST_DB") {
        Ok(base) if !base.is_empty() => base,
        _ => return Ok(shown()?),
    };
    let mut known = DATABASES.get_or_init(Mutex::default).lock().unwrap_or_else(|p| p.into_inner());
    if let Some(url) = known.get(path) {
        return Ok(url.clone());
    }
    let url = track_server::store::create_postgres_database(&base, "tests")?;
    known.insert(path.to_path_buf(), url.clone());
    Ok(url)
}

/// The environment variable that shifts a `test-server`'s clock: milliseconds added to the real
/// time (see [`ShiftedClock`]).
pub const CLOCK_SHIFT_ENV: &str = "TRACK_TEST_CLOCK_SHIFT_MS";

/// The real time shifted by a fixed amount: a server that runs at real speed on a chosen day (the
/// load bench's servers live on the day its DAs' events were scanned, whatever the calendar
/// says, so the server never closes that day under them), the same in every process given the
/// same shift.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock(pub chrono::Duration);

impl ShiftedClock {
    /// A clock that reads `at` now.
    pub fn reading(at: chrono::DateTime<chrono::Utc>) -> Self {
        Self(at - chrono::Utc::now())
    }

    /// The shift named by [`CLOCK_SHIFT_ENV`], if any.
    pub fn from_env() -> Result<Option<Self>, Error> {
        match std::env::var(CLOCK_SHIFT_ENV) {
            Ok(ms) => Ok(Some(Self(chrono::Duration::milliseconds(ms.trim().parse()?)))),
            Err(_) => Ok(None),
        }
    }
}

impl track_core::Clock for ShiftedClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + self.0
    }
}

/// A running `test-server`; killed when dropped.
pub struct TestServer {
    /// Its database: a SQLite file or a PostgreSQL URL ([`database_for`]).
    db: String,
    child: Option<Child>,
    addr: SocketAddr,
    /// Its clock, when not the real time (kept for its restarts).
    clock: Option<ShiftedClock>,
    /// The listening socket this process holds and hands to each server it starts, as a service
    /// manager does ([`TestServer::spawn_on_socket`]); `None`: the server binds its port itself.
    socket: Option<std::net::TcpListener>,
}

/// The `test-server` binary, beside the test executable's folder (`target/<profile>/deps/..`).
fn binary() -> Result<PathBuf, Error> {
    let exe = std::env::current_exe()?;
    let dir = exe.parent().and_then(Path::parent).ok_or("no target folder")?;
    let bin = dir.join(format!("test-server{}", std::env::consts::EXE_SUFFIX));
    if bin.exists() { Ok(bin) } else { Err(format!("{} is missing: build the track-tests binaries", bin.display()).into()) }
}

impl TestServer {
    /// Starts the server on `db` (created when missing).
    pub fn start(db: &Path) -> Result<TestServer, Error> {
        Self::spawn(&database_for(db)?, None)
    }

    /// Starts the server on `db` listening on `addr` (a loopback address with a fixed port).
    pub fn start_on(db: &Path, addr: SocketAddr) -> Result<TestServer, Error> {
        Self::spawn(&database_for(db)?, Some(addr))
    }

    /// Starts the server on a database location (a SQLite file or a PostgreSQL URL).
    pub fn spawn(db: &str, addr: Option<SocketAddr>) -> Result<TestServer, Error> {
        Self::spawn_on_clock(db, addr, None)
    }

    /// [`TestServer::spawn`] with the server's clock shifted (`None`: the real time); its
    /// restarts keep the shift.
    pub fn spawn_on_clock(db: &str, addr: Option<SocketAddr>, clock: Option<ShiftedClock>) -> Result<TestServer, Error> {
        let (child, addr) = Self::child(db, addr, clock, None)?;
        Ok(TestServer { db: db.to_string(), child: Some(child), addr, clock, socket: None })
    }

    /// [`TestServer::spawn_on_clock`] on a listening socket that this process keeps and hands to
    /// the server as a service manager does (systemd's socket activation: descriptor 3 and
    /// `LISTEN_FDS=1`), and to every server it restarts: between a kill and the new server,
    /// clients wait in the socket's queue instead of being refused.
    pub fn spawn_on_socket(db: &str, socket: std::net::TcpListener, clock: Option<ShiftedClock>) -> Result<TestServer, Error> {
        let (child, addr) = Self::child(db, None, clock, Some(&socket))?;
        Ok(TestServer { db: db.to_string(), child: Some(child), addr, clock, socket: Some(socket) })
    }

    /// Starts a `test-server` on `db` (on `addr`, or on `socket` handed over) and waits until it
    /// says where it listens.
    fn child(db: &str, addr: Option<SocketAddr>, clock: Option<ShiftedClock>, socket: Option<&std::net::TcpListener>) -> Result<(Child, SocketAddr), Error> {
        let mut cmd = Command::new(binary()?);
        cmd.arg(db);
        if let Some(addr) = addr {
            cmd.arg(addr.to_string());
        }
        match clock {
            Some(c) => cmd.env(CLOCK_SHIFT_ENV, c.0.num_milliseconds().to_string()),
            None => cmd.env_remove(CLOCK_SHIFT_ENV),
        };
        cmd.env_remove("LISTEN_PID").env_remove("LISTEN_FDS");
        if let Some(socket) = socket {
            use std::os::fd::AsRawFd;
            use std::os::unix::process::CommandExt;
            let fd = socket.as_raw_fd();
            cmd.env("LISTEN_FDS", "1");
            // SAFETY: between fork and exec the closure only calls dup2 and fcntl, which are
            // async-signal-safe, and allocates nothing. The socket becomes descriptor 3 (where
            // the protocol puts the first one), kept open across exec.
            unsafe {
                cmd.pre_exec(move || {
                    if fd != 3 && libc::dup2(fd, 3) == -1 {
                        return Err(std::io::Error::last_os_error());
                    }
                    if libc::fcntl(3, libc::F_SETFD, 0) == -1 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .and_then(|s| s.strip_suffix('/'))
            .ok_or_else(|| format!("test-server said {line:?}"))?
            .parse()?;
        Ok((child, addr))
    }

    /// Starts the server on `db` inside this process, on `clock` (a test's manual clock, shared
    /// with its phone) and with sessions that last `session_ttl`. It cannot be killed or
    /// restarted; it serves until the test process ends.
    pub fn start_with_clock(db: &Path, clock: std::sync::Arc<dyn track_core::Clock>, session_ttl: std::time::Duration) -> Result<TestServer, Error> {
        let db = database_for(db)?;
        let mut config = track_server::Config::new(db.as_str());
        config.admin_token = Some(ADMIN_TOKEN.into());
        config.clock = clock;
        config.session_ttl = session_ttl;
        if db.starts_with("postgres") {
            config.photo_store = Some(track_server::photos::PhotoStore::Folder(std::env::temp_dir().join("track-test-photos")));
        }
        let app = track_server::App::open(config)?;
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        std::thread::spawn(move || {
            runtime.block_on(async move {
                match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => {
                        if let Err(e) = track_server::serve(listener, app).await {
                            eprintln!("the in-process server stopped: {e}");
                        }
                    }
                    Err(e) => eprintln!("the in-process server could not listen: {e}"),
                }
            });
        });
        Ok(TestServer { db, child: None, addr, clock: None, socket: None })
    }

    /// Its database: a SQLite file or a PostgreSQL URL.
    pub fn db(&self) -> &str {
        &self.db
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Kills the server (SIGKILL) and waits for it.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Kills the server and starts it again on the same database (on a new port; on the same
    /// socket when this process holds it, [`TestServer::spawn_on_socket`]).
    pub fn restart(&mut self) -> Result<(), Error> {
        if self.socket.is_some() {
            return self.restart_on_same_port();
        }
        self.stop();
        let fresh = TestServer::spawn_on_clock(&self.db, None, self.clock)?;
        self.addr = fresh.addr;
        self.child = fresh.into_child();
        Ok(())
    }

    /// Kills the server and starts it again on the same database and the same port (clients
    /// keep their address; they see refused connections meanwhile).
    pub fn restart_on_same_port(&mut self) -> Result<(), Error> {
        self.stop();
        self.start_again_on_same_port()
    }

    /// Starts the stopped server ([`TestServer::stop`]) again on the same database and the same
    /// port; returns once it is ready.
    pub fn start_again_on_same_port(&mut self) -> Result<(), Error> {
        if let Some(socket) = &self.socket {
            // The socket stayed open here: no port to wait for.
            self.child = Some(Self::child(&self.db, None, self.clock, Some(socket))?.0);
            return Ok(());
        }
        let mut last = None;
        // The port can take a moment to be free again.
        for _ in 0..50 {
            match TestServer::spawn_on_clock(&self.db, Some(self.addr), self.clock) {
                Ok(fresh) => {
                    self.child = fresh.into_child();
                    return Ok(());
                }
                Err(e) => last = Some(e),
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Err(last.unwrap_or_else(|| "the server did not start again".into()))
    }

    fn into_child(mut self) -> Option<Child> {
        self.child.take()
    }

    /// The admin client of this server.
    pub fn admin(&self) -> Result<AdminClient, Error> {
        Ok(AdminClient::new(&self.url(), ADMIN_TOKEN)?)
    }

    /// Seeds a Self-Delivery seller with orders 1..=n (as [`crate::order`] makes them), registers
    /// a DA's phone with it, creates the DA's account and logs it in.
    pub fn seed(&self, n: u32) -> Result<Session, Error> {
        let admin = self.admin()?;
        admin.put_seller(
            &SellerSpec {
                id: SELLER.into(),
                name: "Crash Test Traders".into(),
                self_delivery: true,
                ships_from: "1 Test Road, Pune 411001".into(),
                gst_address: "1, Test Road, Pune - 411001".into(),
                time_zone: None,
            },
        )?;
        let orders = (1..=n).map(|k| order_spec(k, SELLER)).collect::<Result<Vec<_>, _>>()?;
        admin.put_orders(&OrderBatch { orders })?;
        admin.add_da(SELLER, &DaPhone { phone: "+91 98000 00001".into() })?;
        let client = SyncClient::new(SyncConfig::new(self.url()))?;
        client.create_account(&CreateAccount {
            name: "Test DA".into(),
            phone: "+91 98000 00001".into(),
            email: None,
            password: "correct horse".into(),
            seller_id: SELLER.into(),
        })?;
        Ok(client.login(&Login { login: "9800000001".into(), password: "correct horse".into(), seller_id: SELLER.into() })?)
    }

    /// Changes the channel of order `n` on the server.
    pub fn set_channel(&self, n: u32, channel: track_core::order::Channel) -> Result<(), Error> {
        let spec = OrderSpec { channel, ..order_spec(n, SELLER)? };
        self.admin()?.put_orders(&OrderBatch { orders: vec![spec] })?;
        Ok(())
    }

    /// How many times the server recorded each event ID (accepted or rejected).
    pub fn event_counts(&self) -> Result<HashMap<String, usize>, Error> {
        let list = self.admin()?.events(None)?;
        let mut counts = HashMap::new();
        for e in list.events {
            *counts.entry(e.event_id).or_insert(0) += 1;
        }
        Ok(counts)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop();
    }
}
