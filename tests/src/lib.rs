//! Helpers shared by the cross-crate tests and their child processes.

use chrono::{DateTime, Utc};
use track_core::Marketplace;
use track_core::order::{Channel, Customer, Order, OrderId, TrackingId};

/// The instant of a local wall-clock time in India.
pub fn india(day: &str, time: &str) -> DateTime<Utc> {
    let day = day.parse().unwrap_or_default();
    let time = chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap_or_default();
    Marketplace::india().local_instant(day, time)
}

pub fn tracking(n: u32) -> String {
    format!("CR{n:010}IN")
}

/// A Self-Delivery order numbered `n`.
pub fn order(n: u32) -> Result<Order, track_core::Error> {
    Ok(Order {
        order_id: OrderId::parse(&format!("171-{:07}-{:07}", n, n))?,
        tracking_id: TrackingId::parse(&tracking(n))?,
        channel: Channel::SelfDelivery,
        seller: "Crash Test Traders".into(),
        customer: Customer { name: format!("Customer {n}"), address: format!("{n} Test Road"), phone: "9876543210".into() },
    })
}
