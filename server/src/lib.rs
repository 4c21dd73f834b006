//! The reference sync backend of track: DA accounts and sessions, scan events recorded exactly
//! once, order details for the itinerary, the customer's tracking view, seller metrics and
//! customer notifications, proof-of-delivery photos, problem reports for support. SQLite in a file or PostgreSQL is its store ([`store`]); axum serves it. The protocol is in
//! `docs/sync-protocol.md`; its bodies are `track_core::sync::wire`.

pub mod admin;
#[cfg(feature = "admin-client")]
pub mod admin_client;
pub mod app;
pub mod auth;
pub mod close;
pub mod enrol;
pub mod conn;
pub mod error;
pub mod events;
pub mod limit;
pub mod live;
pub mod messages;
pub mod notify;
pub mod outbound;
pub mod password;
pub mod photos;
pub mod reports;
pub mod routes;
pub mod schema;
pub mod shipments;
pub mod sink;
pub mod store;
pub mod view;

use std::net::SocketAddr;
use std::sync::Arc;

pub use app::{App, Config, Transports};
pub use error::{Failure, StartError};
pub use routes::router;

/// Serves `app` on `listener` until the process ends, within the connection limits of its
/// configuration (see [`conn`]).
/// Also closes the day in the background ([`close`]) and, with transports configured, sends the
/// customers' notifications ([`notify::send_due`]).
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>) -> std::io::Result<()> {
    let limits = conn::Limits::of(app.config());
    let closer = tokio::spawn(close_days_forever(app.clone()));
    let sender = app.outbound().is_some().then(|| tokio::spawn(notify::send_forever(app.clone())));
    let served = conn::serve(listener, router(app), limits).await;
    closer.abort();
    if let Some(sender) = sender {
        sender.abort();
    }
    served
}

/// The server's close of the day, every [`close::CLOSE_EVERY`] while the server runs.
async fn close_days_forever(app: Arc<App>) {
    let mut every = tokio::time::interval(close::CLOSE_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let app = app.clone();
        match tokio::task::spawn_blocking(move || app.close_days()).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => log::error!("closing the day failed: {e}"),
            Err(e) => log::error!("closing the day stopped: {e}"),
        }
    }
}

/// Listens on `listen` (`HOST:PORT`; port 0 picks a free one), opens the database, calls `ready`
/// with the address bound, and serves until the process ends. Blocking.
///
/// The port is bound before the database opens: a restarted server's clients wait in the
/// listen queue while it opens its database and are answered as soon as it is ready, rather
/// than being refused and trying again later.
///
/// When a service manager hands over a listening socket (systemd's socket activation:
/// `LISTEN_FDS`, the socket as descriptor 3), the server serves on that one and `listen` is not
/// used. The manager keeps the socket while the server restarts, so not even the moments
/// between a crash and the new process's bind refuse a connection: clients wait in the socket's
/// queue and are answered by the new process.
pub fn run(config: Config, listen: &str, ready: impl FnOnce(SocketAddr)) -> Result<(), StartError> {
    let (bound, addr) = match handed_over()? {
        Some(socket) => (socket, HANDED_OVER.to_string()),
        None => {
            let socket = std::net::TcpListener::bind(listen).map_err(|source| StartError::Listen { addr: listen.to_string(), source })?;
            (socket, listen.to_string())
        }
    };
    bound.set_nonblocking(true).map_err(|source| StartError::Listen { addr, source })?;
    let app = App::open(config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(bound)
            .map_err(|source| StartError::Listen { addr: listen.to_string(), source })?;
        ready(listener.local_addr()?);
        serve(listener, app).await?;
        Ok(())
    })
}

/// How errors name the socket a service manager handed over.
const HANDED_OVER: &str = "the socket handed over in LISTEN_FDS";

/// The listening socket a service manager handed over (`LISTEN_FDS`, see [`run`]), if any.
fn handed_over() -> Result<Option<std::net::TcpListener>, StartError> {
    let socket = listenfd::ListenFd::from_env()
        .take_tcp_listener(0)
        .map_err(|source| StartError::Listen { addr: HANDED_OVER.to_string(), source })?;
    if socket.is_some() {
        log::info!("serving on the listening socket the service manager handed over (LISTEN_FDS)");
    }
    Ok(socket)
}
