//! The Valid Tracking Rate: over the last 30 days of seller-fulfilled shipments, the share shipped
//! with a valid tracking ID confirmed before delivery. An order may be shipped without a tracking
//! ID; it counts against the rate. Below 95 % the seller is at risk.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::{carrier_named, validate};

/// The window of the rate.
pub const WINDOW_DAYS: i64 = 30;
/// The target: below it the seller is at risk.
pub const TARGET: f64 = 0.95;

/// One seller-fulfilled shipment, as the rate sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentRecord {
    pub shipped_at: DateTime<Utc>,
    /// The carrier the seller named (free text, as typed).
    pub carrier: Option<String>,
    pub tracking_id: Option<String>,
    /// When the seller confirmed the tracking ID.
    pub confirmed_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
}

impl ShipmentRecord {
    /// Valid tracking: a tracking ID that validates for the named carrier, confirmed before
    /// delivery (or not delivered yet).
    pub fn has_valid_tracking(&self) -> bool {
        let (Some(carrier), Some(id), Some(confirmed)) =
            (&self.carrier, &self.tracking_id, self.confirmed_at)
        else {
            return false;
        };
        let Ok(carrier) = carrier_named(carrier) else {
            return false;
        };
        validate(carrier, id).is_ok() && self.delivered_at.is_none_or(|d| confirmed <= d)
    }
}

/// The rate over a window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidTrackingRate {
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
    pub shipments: u32,
    pub valid: u32,
    /// `valid / shipments`; `None` without shipments in the window.
    pub rate: Option<f64>,
    /// Below [`TARGET`].
    pub at_risk: bool,
}

/// The rate over the 30 days up to `now` (shipments shipped in `(now - 30 days, now]`).
pub fn valid_tracking_rate(shipments: &[ShipmentRecord], now: DateTime<Utc>) -> ValidTrackingRate {
    let start = now - Duration::days(WINDOW_DAYS);
    let in_window: Vec<&ShipmentRecord> = shipments
        .iter()
        .filter(|s| s.shipped_at > start && s.shipped_at <= now)
        .collect();
    let total = in_window.len() as u32;
    let valid = in_window.iter().filter(|s| s.has_valid_tracking()).count() as u32;
    let rate = (total > 0).then(|| f64::from(valid) / f64::from(total));
    ValidTrackingRate {
        window_start: start,
        window_end: now,
        shipments: total,
        valid,
        rate,
        at_risk: rate.is_some_and(|r| r < TARGET),
    }
}
