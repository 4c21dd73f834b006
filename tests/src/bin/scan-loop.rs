//! A child process for the crash test: records scans in a loop on a database and prints
//! `KIND EVENT_ID TRACKING` on stdout only after each call has returned, then `done`.
//! Started again after a kill, it carries on where the database says it stopped.

use std::io::Write;
use std::sync::Arc;

use track_core::event::{Recipient, ScanExtras};
use track_core::order::OrderStatus;
use track_core::{Day, ManualClock, Marketplace};
use track_tests::{india, order, tracking};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: scan-loop DB ORDERS")?;
    let n: u32 = args.next().ok_or("usage: scan-loop DB ORDERS")?.parse()?;
    let clock = Arc::new(ManualClock::new(india("2026-11-23", "10:00")));
    let it = Day::open(&db, clock, Marketplace::india())?;
    let orders = (1..=n).map(order).collect::<Result<Vec<_>, _>>()?;
    it.import_orders(&orders)?;
    let out = std::io::stdout();
    let none = ScanExtras::default();
    for k in 1..=n {
        let t = tracking(k);
        let status = it.order_details(&t)?.status;
        if status == OrderStatus::Pending {
            it.scan_ofd(&t)?;
            for e in it.confirm_ofd(&none)? {
                writeln!(out.lock(), "ofd {} {}", e.event_id, e.tracking_id)?;
            }
        }
        if matches!(status, OrderStatus::Pending | OrderStatus::OutForDelivery) {
            let e = it.deliver(&t, &t, &Recipient::customer(), &none)?;
            writeln!(out.lock(), "delivered {} {}", e.event_id, e.tracking_id)?;
        }
    }
    writeln!(out.lock(), "done")?;
    Ok(())
}
