//! What a scan records: kinds, reasons, recipients and the outbox event itself.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Error;
use crate::coded::coded_enum;
use crate::order::{OrderId, TrackingId};

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
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub kind: RecipientKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Recipient {
    pub fn new(kind: RecipientKind, name: Option<&str>) -> Result<Self, Error> {
        // A name is something a person can read: one made only of spaces and invisible
        // characters (zero-width, format, filler) is no name.
        let name = name.map(str::trim).filter(|n| n.chars().any(is_visible));
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

/// Whether a character shows something: not white space, not a control or format character, not
/// one of Unicode's invisible fillers or variation selectors.
fn is_visible(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}'))
}

/// Where the scan happened, as the phone reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    /// Horizontal accuracy in metres.
    pub accuracy_m: f64,
    /// When the platform fixed the location, in milliseconds since the epoch (UTC); `None` when
    /// the phone did not say (events recorded before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix_time_ms: Option<i64>,
}

impl Location {
    pub fn new(latitude: f64, longitude: f64, accuracy_m: f64) -> Result<Self, Error> {
        if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
            return Err(Error::InvalidArgument(format!(
                "location ({latitude}, {longitude}) is outside latitude -90..90 / longitude -180..180"
            )));
        }
        if !(accuracy_m.is_finite() && (0.0..=Self::MAX_ACCURACY_M).contains(&accuracy_m)) {
            return Err(Error::InvalidArgument(format!(
                "location accuracy {accuracy_m} m is not a distance from 0 to {} m",
                Self::MAX_ACCURACY_M
            )));
        }
        Ok(Self { latitude, longitude, accuracy_m, fix_time_ms: None })
    }

    /// The same location, fixed at `fix_time_ms` (milliseconds since the epoch, UTC).
    pub fn fixed_at(self, fix_time_ms: i64) -> Self {
        Self { fix_time_ms: Some(fix_time_ms), ..self }
    }

    /// The coarsest accuracy a location may claim: beyond 100 km it says nothing.
    pub const MAX_ACCURACY_M: f64 = 100_000.0;

    /// How long before its scan a location may have been fixed: an older fix says nothing of
    /// where the scan happened.
    pub const MAX_FIX_AGE: chrono::Duration = chrono::Duration::hours(24);

    /// How far after its scan's time a fix may lie (the platform's fix time and the phone's clock
    /// disagree by a little): the same bound as an event's time ahead of the server's clock.
    pub const MAX_FIX_AHEAD: chrono::Duration = chrono::Duration::minutes(10);

    /// The same checks for a location that arrived as data (the wire, a database row).
    pub fn checked(self) -> Result<Self, Error> {
        Self::new(self.latitude, self.longitude, self.accuracy_m)?;
        Ok(self)
    }

    /// The fix time, when there is one, against the time of the scan it goes with: not more than
    /// [`Self::MAX_FIX_AHEAD`] after it, not more than [`Self::MAX_FIX_AGE`] before it.
    pub fn check_fix_time(&self, event_time: DateTime<Utc>) -> Result<(), Error> {
        let Some(ms) = self.fix_time_ms else { return Ok(()) };
        let Some(fix) = DateTime::from_timestamp_millis(ms) else {
            return Err(Error::InvalidArgument(format!("the location's fix time {ms} ms is not a time")));
        };
        if event_time.checked_add_signed(Self::MAX_FIX_AHEAD).is_some_and(|latest| fix > latest) {
            return Err(Error::InvalidArgument(format!(
                "the location was fixed at {}, more than {} minutes after its scan ({}): the phone's clock or the fix time is wrong",
                fix.format("%Y-%m-%d %H:%M:%S UTC"),
                Self::MAX_FIX_AHEAD.num_minutes(),
                event_time.format("%Y-%m-%d %H:%M:%S UTC")
            )));
        }
        if event_time.checked_sub_signed(Self::MAX_FIX_AGE).is_some_and(|earliest| fix < earliest) {
            return Err(Error::InvalidArgument(format!(
                "the location was fixed at {}, more than {} hours before its scan ({}): get a fresh location",
                fix.format("%Y-%m-%d %H:%M:%S UTC"),
                Self::MAX_FIX_AGE.num_hours(),
                event_time.format("%Y-%m-%d %H:%M:%S UTC")
            )));
        }
        Ok(())
    }
}

/// The longest reference to a proof-of-delivery photo.
pub const MAX_POD_PHOTO_CHARS: usize = 128;

/// Checks a reference to a proof-of-delivery photo (not the photo itself): 1 to 128 characters,
/// segments of ASCII letters, digits, `_` and `-` joined by `/` or `.` (`pod/2026-11-23/1.jpg`,
/// a sha256 in hex); the pattern `^[A-Za-z0-9_-]+([./][A-Za-z0-9_-]+)*$` of the sync protocol.
pub fn check_pod_photo(reference: &str) -> Result<(), Error> {
    let bad = |why: &str| Err(Error::InvalidArgument(format!("the proof-of-delivery photo reference {why}")));
    if reference.len() > MAX_POD_PHOTO_CHARS {
        return bad(&format!("is longer than {MAX_POD_PHOTO_CHARS} characters: send a reference, not the photo"));
    }
    let segment_ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !reference.split(['/', '.']).all(segment_ok) {
        return bad("must be ASCII letters, digits, '_' and '-' in segments joined by '/' or '.'");
    }
    Ok(())
}

/// Optional facts a scan may carry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanExtras {
    pub location: Option<Location>,
    /// A reference to a proof-of-delivery photo stored by the app (not the photo itself).
    pub pod_photo: Option<String>,
}

impl ScanExtras {
    /// The checks the sync server applies too: a location within its ranges, a photo reference
    /// of the documented pattern. A scan is refused rather than recorded with values the server
    /// would reject for good.
    pub fn check(&self) -> Result<(), Error> {
        if let Some(location) = self.location {
            location.checked()?;
        }
        if let Some(photo) = &self.pod_photo {
            check_pod_photo(photo)?;
        }
        Ok(())
    }
}

coded_enum! {
    /// Where an outbox event is in its way to the backend.
    pub enum EventState ("event state") {
        Pending = "pending", "Pending";
        Sent = "sent", "Sent";
        Acknowledged = "acknowledged", "Acknowledged";
        Rejected = "rejected", "Rejected by the server";
        /// The server holds other content under this event's ID: not recorded there, kept here.
        Conflict = "conflict", "Conflicts with another scan on the server";
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
    fn a_fix_time_is_kept_and_bounded_by_its_scan_time() {
        let scan = DateTime::from_timestamp(1_795_406_400, 0).unwrap();
        let ms = scan.timestamp_millis();
        let at = |offset_ms: i64| Location::new(12.97, 77.64, 5.0).unwrap().fixed_at(ms + offset_ms);
        assert_eq!(at(-1000).checked().unwrap().fix_time_ms, Some(ms - 1000));
        for ok in [0, -1000, 10 * 60_000, -24 * 3_600_000] {
            assert!(at(ok).check_fix_time(scan).is_ok(), "{ok}");
        }
        for bad in [10 * 60_000 + 1, -24 * 3_600_000 - 1] {
            assert!(matches!(at(bad).check_fix_time(scan), Err(Error::InvalidArgument(_))), "{bad}");
        }
        assert!(Location::new(0.0, 0.0, 1.0).unwrap().fixed_at(i64::MAX).check_fix_time(scan).is_err());
        assert!(Location::new(0.0, 0.0, 1.0).unwrap().check_fix_time(scan).is_ok(), "no fix time: nothing to check");
        // On the wire: absent when unknown (an older phone), milliseconds otherwise.
        assert_eq!(serde_json::to_value(Location::new(1.0, 2.0, 3.0).unwrap()).unwrap(), serde_json::json!({"latitude": 1.0, "longitude": 2.0, "accuracy_m": 3.0}));
        assert_eq!(serde_json::to_value(at(0)).unwrap()["fix_time_ms"], ms);
    }

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
    fn hole_invisible_recipient_name_refused() {
        for name in ["\u{200B}", "\u{200B}\u{200C}\u{200D}\u{2060}", "\u{FEFF} \u{3164}", "\u{00AD}\u{034F}", "\u{E0020}\u{FE0F}"] {
            assert!(Recipient::new(RecipientKind::Other, Some(name)).is_err(), "{name:?}");
        }
        let r = Recipient::new(RecipientKind::Other, Some("Ravi\u{200B}")).unwrap();
        assert_eq!(r.name.as_deref(), Some("Ravi\u{200B}"));
        assert!(Recipient::new(RecipientKind::Other, Some("रवि")).is_ok());
    }

    #[test]
    fn hole_huge_pod_photo_refused() {
        for ok in ["pod/2026-11-23/1.jpg", "3f2a9c", &"a".repeat(MAX_POD_PHOTO_CHARS)] {
            assert!(check_pod_photo(ok).is_ok(), "{ok}");
        }
        let huge = "A".repeat(900 * 1024);
        for bad in ["", &huge, &"a".repeat(MAX_POD_PHOTO_CHARS + 1), "../etc/passwd", "/abs", "a b", "data:image/png;base64,AAAA", "x.", "é"] {
            assert!(check_pod_photo(bad).is_err(), "{}", &bad[..bad.len().min(40)]);
        }
    }

    #[test]
    fn hole_unknown_nested_fields_refused() {
        assert!(serde_json::from_str::<Recipient>(r#"{"kind":"customer","note":"x"}"#).is_err());
        assert!(serde_json::from_str::<Location>(r#"{"latitude":1,"longitude":2,"accuracy_m":3,"altitude":4}"#).is_err());
        assert!(serde_json::from_str::<Location>(r#"{"latitude":1,"longitude":2,"accuracy_m":3}"#).is_ok());
    }

    #[test]
    fn locations_are_checked() {
        assert!(Location::new(12.97, 77.59, 8.0).is_ok());
        assert!(Location::new(0.0, 0.0, 1e9).is_err());
        assert!(Location { latitude: 0.0, longitude: 181.0, accuracy_m: 1.0, fix_time_ms: None }.checked().is_err());
        assert!(Location::new(91.0, 0.0, 1.0).is_err());
        assert!(Location::new(0.0, 0.0, f64::NAN).is_err());
    }
}
