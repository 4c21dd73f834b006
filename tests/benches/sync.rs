//! End-to-end sync throughput on loopback: events per second from the phone's outbox to the
//! reference server (batches of 100), and the time to sync a day's backlog of 500 events.
//! Run with `./build.sh bench` (or `cargo bench -p track-tests --bench sync`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use track_core::sync::wire::{CreateAccount, Login};
use track_core::sync::{SyncClient, SyncConfig};
use track_server::admin::{OrderBatch, SellerSpec};
use track_server::{App, Config};
use track_tests::play_day;
use track_tests::server::order_spec;

const SELLER: &str = "bench-seller";

struct Server {
    url: String,
    token: String,
}

fn start(dir: &std::path::Path, orders: u32) -> Result<Server, Box<dyn std::error::Error>> {
    let app = App::open(Config::new(dir.join("server.db")))?;
    app.put_seller(&SellerSpec {
        id: SELLER.into(),
        name: "Bench Seller".into(),
        self_delivery: true,
        ships_from: "1 Bench Road".into(),
        gst_address: "1 Bench Road".into(),
        time_zone: None,
    })?;
    let specs = (1..=orders).map(|k| order_spec(k, SELLER)).collect::<Result<Vec<_>, _>>()?;
    app.put_orders(&OrderBatch { orders: specs })?;
    app.add_da(SELLER, "9800000009")?;
    app.create_account(&CreateAccount {
        name: "Bench DA".into(),
        phone: "9800000009".into(),
        email: None,
        password: "bench password".into(),
        seller_id: SELLER.into(),
    }, "127.0.0.1")?;
    let token = app.login(&Login { login: "9800000009".into(), password: "bench password".into(), seller_id: SELLER.into() }, "127.0.0.1")?.token;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let url = format!("http://{}/", listener.local_addr()?);
    let app: Arc<App> = app;
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            let _ = track_server::serve(listener, app).await;
        });
    });
    Ok(Server { url, token })
}

/// Syncs a fresh phone holding `events` events (two per order) to a fresh server; returns the time.
fn run(events: u32, batch: usize) -> Result<Duration, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let orders = events / 2;
    let server = start(dir.path(), orders)?;
    let it = play_day(&dir.path().join("phone.db"), orders)?;
    let mut config = SyncConfig::new(server.url);
    config.batch_size = batch;
    let client = SyncClient::new(config)?;
    let started = Instant::now();
    let report = client.push(&server.token, &it)?;
    let took = started.elapsed();
    if report.accepted != u64::from(events) {
        return Err(format!("only {} of {events} events accepted", report.accepted).into());
    }
    Ok(took)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runs = 5;
    let throughput: Vec<Duration> = (0..runs).map(|_| run(5000, 100)).collect::<Result<_, _>>()?;
    let m = median(throughput.clone());
    println!(
        "sync 5000 events, batches of 100, loopback: median {:.0} ms = {:.0} events/s (best {:.0} events/s) over {runs} runs",
        m.as_secs_f64() * 1e3,
        5000.0 / m.as_secs_f64(),
        5000.0 / throughput.iter().min().copied().unwrap_or(m).as_secs_f64()
    );
    let backlog: Vec<Duration> = (0..runs).map(|_| run(500, 100)).collect::<Result<_, _>>()?;
    let m = median(backlog);
    println!("sync a day's backlog of 500 events, batches of 100: median {:.0} ms over {runs} runs", m.as_secs_f64() * 1e3);
    Ok(())
}
