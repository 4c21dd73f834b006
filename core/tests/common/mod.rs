//! Shared set-up for the core's integration tests: a day in India with a handful of orders.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use track_core::order::{Channel, Customer, Order};
use track_core::sample::Samples;
use track_core::{Day, ManualClock, Marketplace};

/// The instant of a local wall-clock time in India, e.g. `at("2026-11-23", "09:05")`.
pub fn at(day: &str, time: &str) -> DateTime<Utc> {
    let time = if time.len() == 5 { format!("{time}:00") } else { time.to_string() };
    Marketplace::india().local_instant(day.parse().expect("test day"), time.parse().expect("test time"))
}

/// The core tests' sample orders.
pub const SAMPLES: Samples = Samples {
    order_prefix: 402,
    order_offsets: (1_000_000, 2_000_000),
    tracking_prefix: "SD",
    seller: "Sharma Textiles",
    customer: |n| Customer {
        name: format!("Customer {n}"),
        address: format!("{n} MG Road, Bengaluru 560001"),
        phone: format!("98765{:05}", n),
    },
};

pub fn order(n: u32, channel: Channel) -> Order {
    SAMPLES.order(n, channel).expect("sample order")
}

pub fn tracking(n: u32) -> String {
    SAMPLES.tracking(n)
}

/// An in-memory day with orders 1..=5 Self-Delivery, 6 FBA and 7 Easy Ship, at `when` (local, India).
pub fn day_at(day: &str, time: &str) -> (Arc<ManualClock>, Day) {
    let clock = Arc::new(ManualClock::new(at(day, time)));
    let it = Day::in_memory(clock.clone(), Marketplace::india()).expect("in-memory itinerary");
    let mut orders: Vec<Order> = (1..=5).map(|n| order(n, Channel::SelfDelivery)).collect();
    orders.push(order(6, Channel::Fba));
    orders.push(order(7, Channel::EasyShip));
    it.import_orders(&orders).expect("import");
    (clock, it)
}

/// Scans and confirms `ns` Out for Delivery.
pub fn send_out(it: &Day, ns: &[u32]) {
    for n in ns {
        it.scan_ofd(&tracking(*n)).expect("ofd scan");
    }
    it.confirm_ofd(&Default::default()).expect("confirm");
}
