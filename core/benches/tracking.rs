//! Tracking-ID rules: detect and validate per ID, and a bulk upload of 100,000 CSV rows.
//! Run with `./build.sh bench` or `cargo bench -p track-core --bench tracking`.

use std::time::{Duration, Instant};

use track_core::tracking::{Carrier, bulk, detect, validate};

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    (
        us(v[v.len() / 2]),
        us(v[(v.len() * 99 / 100).min(v.len() - 1)]),
    )
}

fn main() {
    let ids = [
        "EK712345609IN",
        "986578788855",
        "1Z5R89390357567127",
        "9400111206206406260787",
        "TBA000000000000",
        "12345678901",
        "nonsense",
    ];
    // Warm up (the patterns compile on first use).
    let _ = detect("EK712345609IN");
    let mut times = Vec::new();
    for _ in 0..2000 {
        for id in ids {
            let t = Instant::now();
            let _ = detect(id);
            times.push(t.elapsed());
        }
    }
    let (median, p99) = stats(times);
    println!("detect one ID (every carrier): median {median:.1} µs, p99 {p99:.1} µs");
    let mut times = Vec::new();
    for _ in 0..10000 {
        let t = Instant::now();
        let _ = validate(Carrier::IndiaPost, "EK712345609IN");
        times.push(t.elapsed());
    }
    let (median, p99) = stats(times);
    println!("validate one ID for a named carrier: median {median:.1} µs, p99 {p99:.1} µs");

    let carriers = ["India Post", "FedEx", "UPS", "Blue Dart", "BlueDrat"];
    let tracking = [
        "EK712345609IN",
        "986578788855",
        "1Z5R89390357567127",
        "12345678901",
        "123",
    ];
    let mut csv = String::from("order_id,carrier,tracking_id,ship_date\n");
    for i in 0..100_000u32 {
        let k = (i % 5) as usize;
        csv.push_str(&format!(
            "402-{:07}-{:07},{},{},2026-11-20\n",
            i, i, carriers[k], tracking[k]
        ));
    }
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let rows = bulk::validate_csv(csv.as_bytes()).expect("valid CSV");
        runs.push(t.elapsed());
        assert_eq!(rows.len(), 100_000);
    }
    runs.sort();
    println!(
        "bulk upload of 100,000 CSV rows: median {:.0} ms (best {:.0} ms) over 5 runs",
        runs[2].as_secs_f64() * 1e3,
        runs[0].as_secs_f64() * 1e3
    );
}
