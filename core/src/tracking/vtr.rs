//! The Valid Tracking Rate: over the last 30 days of the seller's own shipments (Self-Delivery and
//! seller-fulfilled orders; Amazon carries FBA and Easy Ship orders and tracks them itself), the
//! share shipped with a valid tracking ID confirmed before delivery. An order may be shipped
//! without a tracking ID; it counts against the rate. Below 95 % the seller is at risk. The one
//! definition: the server's seller metrics and the seller tools both count with
//! [`valid_tracking_rate`]. Also owns the seller's confirmation or correction of an order's
//! tracking ([`ShipmentRecord::confirm`]).

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::choice::{CarrierChoice, EntryError};
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

/// Why a seller's confirmation of an order's tracking was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfirmError {
    #[error("this is a {0} order: Amazon ships and tracks it, there is no tracking for the seller to confirm")]
    AmazonTracks(Channel),
    #[error(transparent)]
    Entry(#[from] EntryError),
}

impl ConfirmError {
    /// A stable code for the wire and the seller tools.
    pub fn code(&self) -> &'static str {
        match self {
            ConfirmError::AmazonTracks(_) => "amazon_tracks_this_order",
            ConfirmError::Entry(e) => e.code(),
        }
    }
}

/// What a confirmation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Confirmed {
    /// The tracking ID or the carrier changed (a correction), or it was confirmed for the first time.
    pub changed: bool,
    /// Given after the order was delivered.
    pub after_delivery: bool,
    /// The order now has valid tracking for the rate ([`ShipmentRecord::has_valid_tracking`]).
    pub counts: bool,
}

impl ShipmentRecord {
    /// The seller confirms or corrects the order's tracking (ID and carrier) at `now`; the ID is
    /// checked as the seller's entry ([`CarrierChoice::check_entry`]). Confirming again what is
    /// already confirmed (also naming the table carrier of a confirmed ID that was valid without
    /// one) keeps the first confirmation's time, so a repeat after delivery costs nothing; a correction (or a
    /// first confirmation) after delivery is recorded but does not count toward the rate.
    pub fn confirm(&mut self, carrier: CarrierChoice, input: &str, now: DateTime<Utc>) -> Result<Confirmed, ConfirmError> {
        if !self.counts() {
            return Err(ConfirmError::AmazonTracks(self.channel));
        }
        let id = carrier.check_entry(input)?;
        let confirmed = self.confirmed_at.is_some() && self.tracking_id.as_deref() == Some(id.as_str());
        let changed = !(confirmed && self.carrier.as_ref() == Some(&carrier));
        // The confirmed ID again, naming the table carrier of an ID that was valid without one
        // (it named its carrier by itself): its confirmation keeps its time. Another carrier,
        // an Other one included, is a correction.
        let named = self.carrier.is_none() && matches!(carrier, CarrierChoice::Known(_)) && tracking_is_valid(None, &id);
        if !(confirmed && (self.carrier.as_ref() == Some(&carrier) || named)) {
            self.confirmed_at = Some(now);
        }
        self.carrier = Some(carrier);
        self.tracking_id = Some(id);
        Ok(Confirmed {
            changed,
            after_delivery: self.delivered_at.is_some_and(|d| d < now),
            counts: self.has_valid_tracking(),
        })
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
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ValidTrackingRate {
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
    pub shipments: u32,
    pub valid: u32,
    /// `valid / shipments`; `None` without shipments in the window.
    pub rate: Option<f64>,
    /// The target ([`TARGET`]).
    pub target: f64,
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
        target: TARGET,
        at_risk: rate.is_some_and(|r| r < TARGET),
    }
}
