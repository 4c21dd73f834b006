//! What a scan records: kinds, reasons, recipients and the outbox event itself.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Error;
use crate::order::{OrderId, TrackingId, coded_enum};

coded_enum! {
    /// The kind of an outbox event.
    pub enum ScanKind ("scan kind") {
        OutForDelivery = "ofd", "Out for Delivery" | "out-for-delivery";
        Delivered = "delivered", "Delivered" | "deliver";
        Undeliverable = "undeliverable", "Undeliverable";
        Rejected = "rejected", "Rejected" | "reject";
        /// Working hours closed while the order was still out: it left the itinerary.
        LeftItinerary = "left-itinerary", "Left itinerary at day close";
    }
}

impl ScanKind {
    /// Whether this kind ends a delivery attempt (Delivered, Undeliverable or Rejected).
    pub fn is_final_scan(self) -> bool {
        matches!(self, ScanKind::Delivered | ScanKind::Undeliverable | ScanKind::Rejected)
    }
}

coded_enum! {
    /// Why an order could not be delivered this time; it may be re-attempted.
    pub enum UndeliverableReason ("undeliverable reason") {
        CustomerNotAvailable = "customer-not-available", "Customer not available";
        MissedDelivery = "missed-delivery", "Missed delivery";
        UnableToLocateAddress = "unable-to-locate-address", "Unable to locate address";
        UnableToLocateCustomer = "unable-to-locate-customer", "Unable to locate customer";
    }
}

coded_enum! {
    /// Why the customer rejected an order; it goes back to the seller.
    pub enum RejectReason ("rejection reason") {
        NotRequired = "not-required", "Rejected – not required" | "rejected-not-required";
        OrderMismatch = "order-mismatch", "Rejected – order mismatch" | "rejected-order-mismatch" | "mismatch";
        Damaged = "damaged", "Rejected – damaged" | "rejected-damaged";
    }
}

coded_enum! {
    /// To whom a parcel was handed, without the name.
    pub enum RecipientKind ("recipient") {
        Customer = "customer", "Customer";
        FamilyMember = "family-member", "Family member" | "family";
        Neighbour = "neighbour", "Neighbour" | "neighbor";
        SecurityGuard = "security-guard", "Security guard / receptionist" | "receptionist" | "security";
        Other = "other", "Other person";
    }
}

/// Whom a parcel was handed to. `Other` carries the person's name (required).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub kind: RecipientKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Recipient {
    pub fn new(kind: RecipientKind, name: Option<&str>) -> Result<Self, Error> {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        match (kind, name) {
            (RecipientKind::Other, None) => Err(Error::InvalidArgument(
                "a parcel handed to another person needs that person's name".into(),
            )),
            (_, Some(n)) if n.chars().count() > 100 => {
                Err(Error::InvalidArgument("the recipient's name is longer than 100 characters".into()))
            }
            (kind, name) => Ok(Self { kind, name: name.map(str::to_string) }),
        }
    }

    pub fn customer() -> Self {
        Self { kind: RecipientKind::Customer, name: None }
    }
}

/// Where the scan happened, as the phone reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    /// Horizontal accuracy in metres.
    pub accuracy_m: f64,
}

impl Location {
    pub fn new(latitude: f64, longitude: f64, accuracy_m: f64) -> Result<Self, Error> {
        if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
            return Err(Error::InvalidArgument(format!(
                "location ({latitude}, {longitude}) is outside latitude -90..90 / longitude -180..180"
            )));
        }
        if !(accuracy_m.is_finite() && accuracy_m >= 0.0) {
            return Err(Error::InvalidArgument(format!("location accuracy {accuracy_m} m is not a distance")));
        }
        Ok(Self { latitude, longitude, accuracy_m })
    }
}

/// Optional facts a scan may carry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanExtras {
    pub location: Option<Location>,
    /// A reference to a proof-of-delivery photo stored by the app (not the photo itself).
    pub pod_photo: Option<String>,
}

coded_enum! {
    /// Where an outbox event is in its way to the backend.
    pub enum EventState ("event state") {
        Pending = "pending", "Pending";
        Sent = "sent", "Sent";
        Acknowledged = "acknowledged", "Acknowledged";
        Rejected = "rejected", "Rejected by the server";
    }
}

/// One recorded scan, as kept in the outbox until the backend acknowledges it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEvent {
    /// Unique for ever; the backend deduplicates on it.
    pub event_id: Uuid,
    /// Per-device, strictly increasing: the order of events on this device.
    pub seq: i64,
    pub kind: ScanKind,
    pub tracking_id: TrackingId,
    pub order_id: OrderId,
    /// The reason code for Undeliverable and Rejected.
    pub reason: Option<String>,
    pub recipient: Option<Recipient>,
    /// Device time in UTC (not trusted for ordering across devices).
    pub device_time: DateTime<Utc>,
    /// The local offset from UTC at `device_time`, in seconds.
    pub local_offset_s: i32,
    pub location: Option<Location>,
    pub pod_photo: Option<String>,
    pub state: EventState,
}

impl OutboxEvent {
    /// The device time with its local offset.
    pub fn local_time(&self) -> DateTime<FixedOffset> {
        let off = FixedOffset::east_opt(self.local_offset_s).unwrap_or_else(|| Utc.fix());
        self.device_time.with_timezone(&off)
    }
}

use chrono::Offset;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_parse_from_codes_and_labels() {
        assert_eq!(UndeliverableReason::parse("customer-not-available").unwrap(), UndeliverableReason::CustomerNotAvailable);
        assert_eq!(UndeliverableReason::parse("Unable to locate address").unwrap(), UndeliverableReason::UnableToLocateAddress);
        assert_eq!(RejectReason::parse("Rejected – damaged").unwrap(), RejectReason::Damaged);
        assert_eq!(RejectReason::parse("order_mismatch").unwrap(), RejectReason::OrderMismatch);
        let err = RejectReason::parse("lost").unwrap_err().to_string();
        assert!(err.contains("not-required, order-mismatch, damaged"), "{err}");
        assert_eq!(RecipientKind::parse("receptionist").unwrap(), RecipientKind::SecurityGuard);
    }

    #[test]
    fn another_person_needs_a_name() {
        assert!(Recipient::new(RecipientKind::Other, None).is_err());
        assert!(Recipient::new(RecipientKind::Other, Some("  ")).is_err());
        let r = Recipient::new(RecipientKind::Other, Some(" Ravi ")).unwrap();
        assert_eq!(r.name.as_deref(), Some("Ravi"));
        assert_eq!(Recipient::new(RecipientKind::Neighbour, None).unwrap().kind, RecipientKind::Neighbour);
    }

    #[test]
    fn locations_are_checked() {
        assert!(Location::new(12.97, 77.59, 8.0).is_ok());
        assert!(Location::new(91.0, 0.0, 1.0).is_err());
        assert!(Location::new(0.0, 0.0, f64::NAN).is_err());
    }
}

impl crate::order::OrderStatus {
    /// The status an event of `kind` moves an order to, or why that event cannot follow this
    /// status. The one rule of transitions, shared by the phone and the server.
    pub fn after(self, kind: ScanKind) -> Result<crate::order::OrderStatus, &'static str> {
        use crate::order::OrderStatus as S;
        match (self, kind) {
            (S::Delivered, _) => Err("the order was already delivered"),
            (S::Rejected, _) => Err("the order was rejected and is returning to the seller"),
            (S::Pending | S::Undeliverable, ScanKind::OutForDelivery) => Ok(S::OutForDelivery),
            (S::OutForDelivery, ScanKind::OutForDelivery) => Err("the order is already out for delivery"),
            (S::OutForDelivery | S::Undeliverable, ScanKind::Delivered) => Ok(S::Delivered),
            (S::OutForDelivery | S::Undeliverable, ScanKind::Undeliverable) => Ok(S::Undeliverable),
            (S::OutForDelivery | S::Undeliverable, ScanKind::Rejected) => Ok(S::Rejected),
            (S::OutForDelivery, ScanKind::LeftItinerary) => Ok(S::Pending),
            (S::Pending, _) | (S::Undeliverable, ScanKind::LeftItinerary) => {
                Err("the order is not out for delivery: scan it Out for Delivery first")
            }
        }
    }
}
