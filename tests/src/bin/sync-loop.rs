//! A child process for the sync crash test: pushes the outbox of a database to a server in small
//! batches (then its photo queue and problem reports) until nothing is left, then prints `done`. Killed and started again, it carries on
//! from what the database says was acknowledged.

use std::sync::Arc;
use std::time::Duration;

use track_core::sync::backoff::Backoff;
use track_core::sync::{SyncClient, SyncConfig};
use track_core::{Day, ManualClock, Marketplace};
use track_tests::india;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: sync-loop DB URL TOKEN BATCH";
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or(usage)?;
    let url = args.next().ok_or(usage)?;
    let token = args.next().ok_or(usage)?;
    let batch: usize = args.next().ok_or(usage)?.parse()?;
    let clock = Arc::new(ManualClock::new(india("2026-11-23", "23:00")));
    let it = Day::open(&db, clock, Marketplace::india())?;
    let mut config = SyncConfig::new(url);
    config.batch_size = batch;
    config.timeout = Duration::from_secs(5);
    config.backoff = Backoff { base: Duration::from_millis(5), cap: Duration::from_millis(50) };
    config.max_attempts = 20;
    let client = SyncClient::new(config)?;
    for _ in 0..10_000 {
        let report = client.push(&token, &it)?;
        println!("pushed {} accepted {} duplicates {}", report.sent, report.accepted, report.duplicates);
        let status = track_core::sync::status(&it)?;
        if status.pending == 0 && status.photos_waiting == 0 && status.reports_waiting == 0 {
            println!("done");
            return Ok(());
        }
    }
    Err("the server kept asking to retry".into())
}
