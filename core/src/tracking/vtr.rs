//! The Valid Tracking Rate: over the last 30 days of the seller's own shipments (Self-Delivery and
//! seller-fulfilled orders; Amazon carries FBA and Easy Ship orders and tracks them itself), the
//! share shipped with a valid tracking ID confirmed before delivery. An order may be shipped
//! without a tracking ID; it counts against the rate. Below 95 % the seller is at risk. The one
//! definition: the server's seller metrics and the seller tools both count with
//! [`valid_tracking_rate`].

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::choice::CarrierChoice;
use super::{Carrier, detect};
use crate::order::Channel;

/// The window of the rate.
pub const WINDOW_DAYS: i64 = 30;
/// The target: below it the seller is at risk.
pub const TARGET: f64 = 0.95;

/// One seller-fulfilled shipment, as the rate sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentRecord {
    pub channel: Channel,
    pub shipped_at: DateTime<Utc>,
    /// The carrier the seller named.
    pub carrier: Option<CarrierChoice>,
    pub tracking_id: Option<String>,
    /// When the seller confirmed the tracking ID.
    pub confirmed_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
}

impl ShipmentRecord {
    /// Whether the shipment counts toward the rate: the seller's own (Self-Delivery or
    /// seller-fulfilled), not one Amazon ships (FBA, Easy Ship).
    pub fn counts(&self) -> bool {
        matches!(self.channel, Channel::SelfDelivery | Channel::SellerFulfilled)
    }

    /// Valid tracking: a tracking ID that is valid for the named carrier (see
    /// [`tracking_is_valid`]), confirmed before delivery (or not delivered yet). A confirmation or
    /// a correction after delivery does not make it valid.
    pub fn has_valid_tracking(&self) -> bool {
        let (Some(id), Some(confirmed)) = (&self.tracking_id, self.confirmed_at) else {
            return false;
        };
        tracking_is_valid(self.carrier.as_ref(), id) && self.delivered_at.is_none_or(|d| confirmed <= d)
    }
}

/// Whether a tracking ID is valid tracking for the carrier a seller named: it fits that carrier's
/// formats (an Other carrier: its shape). Without a named carrier, only an ID that names its
/// carrier by itself counts: every format it fits belongs to one carrier (a bare 12-digit number
/// fits several, and a customer could not track it). The generic UPU S10 format gives way to the
/// national post that issues it (an `…IN` number is India Post's).
pub fn tracking_is_valid(carrier: Option<&CarrierChoice>, tracking_id: &str) -> bool {
    match carrier {
        Some(carrier) => carrier.accepts(tracking_id),
        None => detect(tracking_id).is_ok_and(|(_, found)| {
            let mut carriers: Vec<Carrier> = found.iter().map(|c| c.carrier).collect();
            carriers.sort_by_key(|c| c.code());
            carriers.dedup();
            if carriers.len() > 1 {
                carriers.retain(|c| *c != Carrier::S10);
            }
            carriers.len() == 1
        }),
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
        .filter(|s| s.counts() && s.shipped_at > start && s.shipped_at <= now)
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
