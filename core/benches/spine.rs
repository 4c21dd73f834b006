//! The spine's figures: one durable scan (median, p99) and loading a 300-order itinerary.
//! Run with `cargo bench -p track-core --bench spine` (or `./build.sh bench`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use track_core::event::{Recipient, ScanExtras, UndeliverableReason};
use track_core::order::{Channel, Customer, Order};
use track_core::sample::Samples;
use track_core::{Day, ManualClock, Marketplace};

const ORDERS: u32 = 300;

const SAMPLES: Samples = Samples {
    order_prefix: 402,
    order_offsets: (0, 0),
    tracking_prefix: "BN",
    seller: "Bench Traders",
    customer: |n| Customer {
        name: format!("Customer {n}"),
        address: format!("{n}, 4th Cross, 7th Main, Koramangala, Bengaluru 560095"),
        phone: format!("98450{n:05}"),
    },
};

fn order(n: u32) -> Order {
    SAMPLES.order(n, Channel::SelfDelivery).expect("sample order")
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let pick = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what:<44} n={:<5} median {:>8.3} ms   p99 {:>8.3} ms   max {:>8.3} ms",
        samples.len(),
        ms(pick(0.5)),
        ms(pick(0.99)),
        ms(pick(1.0))
    );
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let market = Marketplace::india();
    let clock = Arc::new(ManualClock::new(market.local_instant("2026-11-23".parse().unwrap(), "07:00:00".parse().unwrap())));
    let it = Day::open(&path, clock.clone(), market).expect("open");
    let orders: Vec<Order> = (1..=ORDERS).map(order).collect();
    it.import_orders(&orders).expect("import");
    let none = ScanExtras::default();
    println!("track-core spine benchmark: file database in {} (WAL, synchronous=FULL)", dir.path().display());

    let mut ofd = Vec::new();
    for o in &orders {
        ofd.push(timed(|| it.scan_ofd(o.tracking_id.as_str()).expect("ofd scan")).1);
    }
    report("OFD scan into the batch (durable)", ofd);
    let (events, confirm) = timed(|| it.confirm_ofd(&none).expect("confirm"));
    assert_eq!(events.len(), ORDERS as usize);
    println!("{:<44} {:.3} ms for {ORDERS} orders (one transaction)", "confirm OFD batch", confirm.as_secs_f64() * 1e3);

    let mut loads = Vec::new();
    for _ in 0..200 {
        let (entries, d) = timed(|| it.entries(None).expect("itinerary"));
        assert_eq!(entries.len(), ORDERS as usize);
        loads.push(d);
    }
    report("load the 300-order itinerary", loads);

    let mut details = Vec::new();
    for o in orders.iter().take(100) {
        details.push(timed(|| it.order_details(o.tracking_id.as_str()).expect("details")).1);
    }
    report("order details (with its events)", details);

    clock.advance(chrono::Duration::hours(4));
    let mut scans = Vec::new();
    for (i, o) in orders.iter().enumerate() {
        let t = o.tracking_id.as_str();
        let d = if i % 4 == 0 {
            timed(|| it.mark_undeliverable(t, UndeliverableReason::CustomerNotAvailable, &none).expect("undeliverable")).1
        } else {
            timed(|| it.deliver(t, t, &Recipient::customer(), &none).expect("deliver")).1
        };
        scans.push(d);
    }
    report("durable scan: final scan + outbox event", scans);
    let (s, d) = timed(|| it.summary(None).expect("summary"));
    println!("{:<44} {:.3} ms ({} workflows)", "daily summary", d.as_secs_f64() * 1e3, s.out_for_delivery);
}
