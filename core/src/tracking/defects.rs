//! The defect rate for missing tracking, per shipment: a Send to Amazon shipment is a defect when
//! it was delivered at the fulfilment centre before its tracking was complete (every box's
//! tracking ID, or the pallet's PRO number). Over the shipments delivered in the last 30 days, the
//! rate sets the seller's coaching level: Standard, then Elevated and Critical as it grows.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::coded::coded_enum;

/// The window of the rate.
pub const WINDOW_DAYS: i64 = 30;
/// From this rate the level is Elevated.
pub const ELEVATED_FROM: f64 = 0.05;
/// From this rate the level is Critical.
pub const CRITICAL_FROM: f64 = 0.10;

coded_enum! {
    /// How closely the seller is coached on missing tracking.
    pub enum CoachingLevel ("coaching level") {
        /// No defect in the window.
        NoDefects = "none", "None";
        /// Some defects, under [`ELEVATED_FROM`].
        Standard = "standard", "Standard";
        Elevated = "elevated", "Elevated";
        Critical = "critical", "Critical";
    }
}

/// One shipment, as the rate sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentTracking {
    /// When the shipment was delivered at the fulfilment centre; not yet delivered: `None`.
    pub delivered_at: Option<DateTime<Utc>>,
    /// When its tracking became complete; never: `None`.
    pub tracking_complete_at: Option<DateTime<Utc>>,
}

impl ShipmentTracking {
    /// Delivered without complete tracking, or with tracking completed only afterwards.
    pub fn is_defect(&self) -> bool {
        match (self.delivered_at, self.tracking_complete_at) {
            (Some(delivered), Some(complete)) => complete > delivered,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// The rate over a window.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct MissingTrackingDefects {
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
    /// Shipments delivered in the window.
    pub shipments: u32,
    pub defects: u32,
    /// `defects / shipments`; `None` without deliveries in the window.
    pub rate: Option<f64>,
    pub level: CoachingLevel,
}

/// The rate over the shipments delivered in the 30 days up to `now`.
pub fn missing_tracking_defects(shipments: &[ShipmentTracking], now: DateTime<Utc>) -> MissingTrackingDefects {
    let start = now - Duration::days(WINDOW_DAYS);
    let delivered: Vec<&ShipmentTracking> =
        shipments.iter().filter(|s| s.delivered_at.is_some_and(|d| d > start && d <= now)).collect();
    let total = u32::try_from(delivered.len()).unwrap_or(u32::MAX);
    let defects = u32::try_from(delivered.iter().filter(|s| s.is_defect()).count()).unwrap_or(u32::MAX);
    let rate = (total > 0).then(|| f64::from(defects) / f64::from(total));
    let level = match rate {
        Some(r) if r >= CRITICAL_FROM => CoachingLevel::Critical,
        Some(r) if r >= ELEVATED_FROM => CoachingLevel::Elevated,
        _ if defects > 0 => CoachingLevel::Standard,
        _ => CoachingLevel::NoDefects,
    };
    MissingTrackingDefects { window_start: start, window_end: now, shipments: total, defects, rate, level }
}
