//! Helpers shared by the cross-crate tests and their child processes.

use chrono::{DateTime, Utc};
use track_core::Marketplace;
use track_core::order::{Channel, Customer, Order};
use track_core::sample::Samples;

/// The instant of a local wall-clock time in India.
pub fn india(day: &str, time: &str) -> DateTime<Utc> {
    let day = day.parse().unwrap_or_default();
    let time = chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap_or_default();
    Marketplace::india().local_instant(day, time)
}

/// The cross-crate tests' sample orders.
pub const SAMPLES: Samples = Samples {
    order_prefix: 171,
    order_offsets: (0, 0),
    tracking_prefix: "CR",
    seller: "Crash Test Traders",
    customer: |n| Customer { name: format!("Customer {n}"), address: format!("{n} Test Road"), phone: "9876543210".into() },
};

pub fn tracking(n: u32) -> String {
    SAMPLES.tracking(n)
}

/// A Self-Delivery order numbered `n`.
pub fn order(n: u32) -> Result<Order, track_core::Error> {
    SAMPLES.order(n, Channel::SelfDelivery)
}

pub mod proxy;
pub mod server;

/// A phone's database holding a played day: `n` orders imported, taken out for delivery in one
/// batch at 10:00 and delivered to their customers (2 × `n` events in the outbox).
pub fn play_day(path: &std::path::Path, n: u32) -> Result<track_core::Day, track_core::Error> {
    play_day_with(path, n, None)
}

/// [`play_day`], each delivery with the proof-of-delivery photo at `photo` when given (a photo
/// queued beside each Delivered event).
pub fn play_day_with(path: &std::path::Path, n: u32, photo: Option<&std::path::Path>) -> Result<track_core::Day, track_core::Error> {
    use std::sync::Arc;
    use track_core::event::{Recipient, ScanExtras};
    let clock = Arc::new(track_core::ManualClock::new(india("2026-11-23", "10:00")));
    let it = track_core::Day::open(path, clock.clone(), Marketplace::india())?;
    let orders = (1..=n).map(order).collect::<Result<Vec<_>, _>>()?;
    it.import_orders(&orders)?;
    let none = ScanExtras::default();
    for k in 1..=n {
        it.scan_ofd(&tracking(k))?;
    }
    it.confirm_ofd(&none)?;
    clock.advance(chrono::Duration::hours(2));
    for k in 1..=n {
        let t = tracking(k);
        match photo {
            Some(photo) => it.deliver_with_photo(&t, &t, &Recipient::customer(), &none, photo, None)?,
            None => it.deliver(&t, &t, &Recipient::customer(), &none)?,
        };
    }
    Ok(it)
}

/// Runs the `sync-loop` child (`exe`: `env!("CARGO_BIN_EXE_sync-loop")`) on the phone database
/// `db` against `url`; kills it after `kill_after` when given. Returns whether it printed `done`;
/// unkilled, it must have.
pub fn run_sync_loop(exe: &str, db: &std::path::Path, url: &str, token: &str, kill_after: Option<std::time::Duration>) -> bool {
    let mut cmd = std::process::Command::new(exe);
    cmd.args([db.to_str().expect("utf-8 path"), url, token, "5"]);
    let (out, status) = run_maybe_killed(&mut cmd, kill_after);
    let done = out.lines().any(|l| l == "done");
    if kill_after.is_none() {
        assert!(status.success() && done, "sync-loop failed: {status:?}\n{out}");
    }
    done
}

/// Runs a child process with its stdout captured; kills it with SIGKILL after `kill_after` when
/// given (it may have finished by then). Returns what it printed and how it ended.
pub fn run_maybe_killed(cmd: &mut std::process::Command, kill_after: Option<std::time::Duration>) -> (String, std::process::ExitStatus) {
    use std::io::Read;
    let mut child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::inherit()).spawn().expect("start the child process");
    if let Some(after) = kill_after {
        std::thread::sleep(after);
        let _ = child.kill();
    }
    let mut out = String::new();
    child.stdout.take().expect("stdout").read_to_string(&mut out).expect("read the child's output");
    let status = child.wait().expect("wait for the child");
    (out, status)
}
