//! The sync protocol's JSON bodies (version 1, under `/v1`), shared by the client in this crate and
//! the reference server. See `docs/sync-protocol.md`. Request bodies reject unknown fields.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::event::{Location, OutboxEvent, Recipient, ScanKind};
use crate::order::Channel;

/// The most events one `POST /v1/scan-events` may carry.
pub const MAX_BATCH: usize = 500;

/// How far a device's sequence number may run ahead of the highest one the server accepted from
/// that device (from 0 for its first event): a device numbers its events 1, 2, 3, ... so a
/// larger jump is not a device's count (and would block that device's later events).
pub const MAX_SEQ_STEP: i64 = 100_000;

/// The largest proof-of-delivery photo taken (`PUT /v1/scan-events/{event_id}/photo`, a JPEG):
/// the phone refuses a larger file when the delivery is recorded, the server answers 413.
pub const MAX_POD_PHOTO_BYTES: usize = 4 * 1024 * 1024;

/// `PUT /v1/scan-events/{event_id}/photo` answer (201 when stored now, 200 when the same photo
/// was stored before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoStored {
    pub event_id: Uuid,
    /// The SHA-256 of the bytes uploaded, in hex.
    pub sha256: String,
    /// The size of the photo kept (re-encoded without metadata).
    pub stored_bytes: u64,
}

/// `POST /v1/problem-reports` answer (201 when recorded now, 200 when the same report was
/// recorded before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemReportReceived {
    pub report_id: String,
    pub received_at: DateTime<Utc>,
    /// Support answers within this many business days.
    pub answer_within_business_days: u32,
}

/// `POST /v1/accounts`: a delivery associate's account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAccount {
    pub name: String,
    /// An Indian mobile number: `+91` and 10 digits (spaces and dashes allowed).
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub password: String,
    /// The seller the DA delivers for.
    pub seller_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountCreated {
    pub da_id: String,
}

/// `POST /v1/sessions`: log in with a phone number or an e-mail address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub login: String,
    pub password: String,
    pub seller_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub da_id: String,
    pub seller_id: String,
    pub expires_at: DateTime<Utc>,
}

/// One outbox event on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEvent {
    pub event_id: Uuid,
    /// The device's sequence number: the order of events of one device.
    pub seq: i64,
    pub kind: ScanKind,
    pub tracking_id: String,
    pub order_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Recipient>,
    pub device_time: DateTime<Utc>,
    pub local_offset_s: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_photo: Option<String>,
}

impl From<&OutboxEvent> for WireEvent {
    fn from(e: &OutboxEvent) -> Self {
        Self {
            event_id: e.event_id,
            seq: e.seq,
            kind: e.kind,
            tracking_id: e.tracking_id.to_string(),
            order_id: e.order_id.to_string(),
            reason: e.reason.clone(),
            recipient: e.recipient.clone(),
            device_time: e.device_time,
            local_offset_s: e.local_offset_s,
            location: e.location,
            pod_photo: e.pod_photo.clone(),
        }
    }
}

/// `POST /v1/scan-events` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventBatch {
    pub device_id: Uuid,
    pub events: Vec<WireEvent>,
}

/// What the server did with one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AckStatus {
    /// Recorded now.
    Accepted,
    /// Already recorded earlier (a retry): nothing changed.
    Duplicate,
    /// Refused for good, with a code and a message to show the DA.
    Rejected,
    /// Not processed this time (a passing condition on the server): send it again later.
    Retry,
    /// The event ID was recorded earlier with other content (another order, kind, device…):
    /// this scan was not recorded. Never an acknowledgement: the client keeps and reports it.
    Conflict,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventResult {
    pub event_id: Uuid,
    pub status: AckStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The server's receive time of the first copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

/// `POST /v1/scan-events` answer: one result per event, in the batch's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchResult {
    pub results: Vec<EventResult>,
}

/// Every error answer (4xx, 5xx): `{"error": {"code": ..., "message": ...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: ApiErrorBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireCustomer {
    pub name: String,
    pub address: String,
    pub phone: String,
}

/// `GET /v1/orders/{tracking_id}` and the items of `GET /v1/orders`: order details for the itinerary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireOrder {
    pub order_id: String,
    pub tracking_id: String,
    pub channel: Channel,
    pub seller_id: String,
    pub seller: String,
    pub customer: WireCustomer,
}

/// `GET /v1/orders`: the open orders of the DA's seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub orders: Vec<WireOrder>,
}

/// What a customer sees of a parcel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CustomerStatus {
    Shipped,
    ArrivingToday,
    OutForDelivery,
    Delayed,
    Delivered,
    Undeliverable,
    /// Rejected: returning to the seller.
    Rejected,
}

/// One step of the customer's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingStep {
    pub status: CustomerStatus,
    pub at: DateTime<Utc>,
    /// The local offset at `at`, in seconds, for display.
    pub local_offset_s: i32,
    /// Delivered: the kind of recipient (never a name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<crate::event::RecipientKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_photo: Option<String>,
    /// Delivered with a stored photo: its URL (a path under the server, signed for this tracking
    /// ID and expiring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    /// Undeliverable or Rejected: the reason code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Undeliverable: the local day of the next attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt: Option<NaiveDate>,
}

/// `GET /v1/tracking/{tracking_id}`: the customer's view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingView {
    pub tracking_id: String,
    pub status: CustomerStatus,
    pub timeline: Vec<TrackingStep>,
    /// Arriving today: when, from the DA's pace today (see [`crate::eta`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<crate::eta::ArrivalWindow>,
    /// Arriving today, the DA active inside working hours: where the DA was last, and how long ago.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub da_position: Option<DaPosition>,
    /// Delivered: where the final scan happened, when the phone knew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_here: Option<Place>,
}

/// A place on the map, with its horizontal accuracy in metres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy_m: f64,
}

/// The DA's last position as the customer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DaPosition {
    pub place: Place,
    /// When the phone fixed it.
    pub fixed_at: DateTime<Utc>,
    /// Its age when the view was made, in seconds.
    pub age_s: i64,
}

/// `PUT /v1/positions/current`: the DA's latest position while parcels are out (only the latest
/// is kept). The location's fix time is required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionUpdate {
    pub device_id: Uuid,
    pub location: Location,
}

/// The answer to `PUT /v1/positions/current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionKept {
    pub kept: bool,
}

/// `GET /v1/sellers/{id}/metrics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SellerMetrics {
    pub seller_id: String,
    pub window_days: u32,
    /// Workflows (OFD scan to final scan) whose final scan fell on the OFD's local day before 22:00.
    pub workflows: u32,
    pub same_day_workflows: u32,
    pub same_day_rate: Option<f64>,
    /// Valid Tracking Rate: shipments with a valid tracking ID confirmed before delivery, over all.
    pub shipments: u32,
    pub valid_tracking: u32,
    pub valid_tracking_rate: Option<f64>,
    /// Below 95 %.
    pub valid_tracking_at_risk: bool,
}
