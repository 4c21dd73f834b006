//! `POST /v1/scan-events`: each event recorded exactly once, answered on its own. The server
//! applies the core's order rules (Self-Delivery only, valid transitions), stamps its own receive
//! time and orders an order's events by the device's sequence, never by the device's clock.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use track_core::event::{RejectReason, ScanKind, UndeliverableReason};
use track_core::order::{Channel, OrderId, OrderStatus, TrackingId};
use track_core::sync::wire::{AckStatus, BatchResult, EventBatch, EventResult, MAX_BATCH, WireEvent};

use crate::app::App;
use crate::auth::Caller;
use crate::error::Failure;
use crate::notify;

/// Why one event is refused: a stable code and a message for the DA.
struct Refusal(&'static str, String);

impl App {
    /// Records a batch in one transaction and answers each event.
    pub fn ingest(&self, caller: &Caller, batch: &EventBatch) -> Result<BatchResult, Failure> {
        if batch.events.len() > MAX_BATCH {
            return Err(Failure::new(
                413,
                "batch_too_large",
                format!("a batch holds at most {MAX_BATCH} events; this one has {}: send smaller batches", batch.events.len()),
            ));
        }
        let now = self.now();
        let device = batch.device_id.to_string();
        let results = self.write(|tx| batch.events.iter().map(|e| self.ingest_one(tx, caller, &device, e, now)).collect())?;
        Ok(BatchResult { results })
    }

    fn ingest_one(&self, tx: &Transaction<'_>, caller: &Caller, device: &str, e: &WireEvent, now: DateTime<Utc>) -> Result<EventResult, Failure> {
        let id = e.event_id.to_string();
        // Already had it: the same answer as the first time, for ever.
        let earlier: Option<(String, Option<String>, Option<String>, i64, String)> = tx
            .query_row("SELECT outcome, code, message, received_at_ms, da_id FROM events WHERE event_id = ?1", [&id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        if let Some((outcome, code, message, received, da_id)) = earlier {
            let received_at = DateTime::from_timestamp_millis(received);
            if da_id != caller.da_id {
                // Another DA's event ID: answer without revealing anything about it.
                return Ok(rejected(e, "event_id_taken", "this event ID was already used by another device: record the scan again".into(), None));
            }
            return Ok(match outcome.as_str() {
                "accepted" => EventResult { event_id: e.event_id, status: AckStatus::Duplicate, code: None, message: None, received_at },
                _ => rejected(e, "rejected", message.unwrap_or_default(), received_at).with_code(code),
            });
        }
        match self.check(tx, caller, device, e) {
            Ok((order_id, next)) => {
                let (reason, recipient) = (e.reason.as_deref(), e.recipient.as_ref().map(|r| r.kind.code()));
                tx.execute(
                    "INSERT INTO events (event_id, device_id, seq, da_id, tracking_id, kind, outcome, reason, recipient_kind, pod_photo,
                                         device_time_ms, local_offset_s, received_at_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'accepted', ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        id, device, e.seq, caller.da_id, e.tracking_id, e.kind.code(), reason, recipient, e.pod_photo,
                        e.device_time.timestamp_millis(), e.local_offset_s, now.timestamp_millis()
                    ],
                )?;
                let delivered = (next == OrderStatus::Delivered).then(|| e.device_time.timestamp_millis());
                // The order is on this DA's itinerary from its Out for Delivery scan until it leaves it.
                let da = match e.kind {
                    ScanKind::OutForDelivery => Some(caller.da_id.as_str()),
                    ScanKind::LeftItinerary => None,
                    _ => Some(caller.da_id.as_str()),
                };
                tx.execute(
                    "UPDATE orders SET status = ?2, delivered_at_ms = COALESCE(?3, delivered_at_ms), da_id = ?4 WHERE order_id = ?1",
                    params![order_id, next.code(), delivered, da],
                )?;
                notify::schedule(tx, &self.market_of(tx, &caller.seller_id)?, &id, &e.tracking_id, e.kind, now)?;
                Ok(EventResult { event_id: e.event_id, status: AckStatus::Accepted, code: None, message: None, received_at: Some(now) })
            }
            Err(Refusal(code, message)) => {
                log::info!("event #{} refused: {code}", e.seq);
                tx.execute(
                    "INSERT INTO events (event_id, device_id, seq, da_id, tracking_id, kind, outcome, code, message,
                                         device_time_ms, local_offset_s, received_at_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'rejected', ?7, ?8, ?9, ?10, ?11)",
                    params![
                        id, device, e.seq, caller.da_id, e.tracking_id, e.kind.code(), code, message,
                        e.device_time.timestamp_millis(), e.local_offset_s, now.timestamp_millis()
                    ],
                )?;
                Ok(rejected(e, code, message, Some(now)))
            }
        }
    }

    /// The order rules. Returns the order's ID and the status the event moves it to.
    fn check(&self, tx: &Transaction<'_>, caller: &Caller, device: &str, e: &WireEvent) -> Result<(String, OrderStatus), Refusal> {
        let storage = |err: rusqlite::Error| {
            log::error!("storage error while checking an event: {err}");
            Refusal("server_error", "the server could not check this event".into())
        };
        let tracking = TrackingId::parse(&e.tracking_id).map_err(|err| Refusal("invalid_tracking_id", err.to_string()))?;
        OrderId::parse(&e.order_id).map_err(|err| Refusal("invalid_order_id", err.to_string()))?;
        let order: Option<(String, String, String, String, Option<String>)> = tx
            .query_row(
                "SELECT order_id, seller_id, channel, status, da_id FROM orders WHERE tracking_id = ?1",
                [tracking.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(storage)?;
        let unknown = || Refusal("unknown_order", format!("no order of your seller has tracking ID {}", tracking.redacted()));
        let Some((order_id, seller_id, channel, status, da)) = order else { return Err(unknown()) };
        if seller_id != caller.seller_id {
            return Err(unknown());
        }
        // An order out with another DA is not this DA's to scan (until it leaves that itinerary).
        let with_other = da.as_deref().is_some_and(|d| d != caller.da_id);
        if with_other && matches!(status.as_str(), "ofd" | "undeliverable") {
            return Err(Refusal("not_on_your_itinerary", format!("order {} is on another delivery associate's itinerary", tracking.redacted())));
        }
        if order_id != e.order_id {
            return Err(Refusal("order_mismatch", format!("tracking ID {} belongs to another order", tracking.redacted())));
        }
        let channel = Channel::parse(&channel).map_err(|_| Refusal("server_error", "the order's channel is unreadable".into()))?;
        if channel != Channel::SelfDelivery {
            return Err(Refusal(
                "not_self_delivery",
                format!("order {order_id} is fulfilled by {}: only Self-Delivery orders are scanned by a delivery associate", channel.label()),
            ));
        }
        match e.kind {
            ScanKind::Undeliverable => {
                let r = e.reason.as_deref().ok_or_else(|| Refusal("missing_reason", "an Undeliverable scan needs a reason".into()))?;
                UndeliverableReason::parse(r).map_err(|err| Refusal("invalid_reason", err.to_string()))?;
            }
            ScanKind::Rejected => {
                let r = e.reason.as_deref().ok_or_else(|| Refusal("missing_reason", "a Rejected scan needs a reason".into()))?;
                RejectReason::parse(r).map_err(|err| Refusal("invalid_reason", err.to_string()))?;
            }
            ScanKind::Delivered if e.recipient.is_none() => {
                return Err(Refusal("missing_recipient", "a Delivered scan says whom the parcel was handed to".into()));
            }
            _ => {}
        }
        // The device's sequence orders its events of one order; a lower number than one already
        // recorded means the device replayed out of order.
        let last_seq: Option<i64> = tx
            .query_row(
                "SELECT MAX(seq) FROM events WHERE tracking_id = ?1 AND device_id = ?2 AND outcome = 'accepted'",
                params![tracking.as_str(), device],
                |r| r.get(0),
            )
            .map_err(storage)?;
        if last_seq.is_some_and(|last| e.seq <= last) {
            return Err(Refusal("out_of_order", format!("event #{} comes after a later event of this order from this device", e.seq)));
        }
        let status = OrderStatus::parse(&status).map_err(|_| Refusal("server_error", "the order's status is unreadable".into()))?;
        let next = status.after(e.kind).map_err(|why| Refusal("invalid_transition", format!("{} refused: {why}", e.kind.label())))?;
        Ok((order_id, next))
    }

    pub(crate) fn market_of(&self, conn: &rusqlite::Connection, seller_id: &str) -> Result<track_core::Marketplace, Failure> {
        let tz: Option<String> = conn.query_row("SELECT time_zone FROM sellers WHERE id = ?1", [seller_id], |r| r.get(0)).optional()?;
        let india = track_core::Marketplace::india();
        Ok(tz.and_then(|tz| track_core::Marketplace::new(&tz, india.opens_at(), india.closes_at()).ok()).unwrap_or(india))
    }
}

fn rejected(e: &WireEvent, code: &str, message: String, received_at: Option<DateTime<Utc>>) -> EventResult {
    EventResult { event_id: e.event_id, status: AckStatus::Rejected, code: Some(code.to_string()), message: Some(message), received_at }
}

trait WithCode {
    fn with_code(self, code: Option<String>) -> Self;
}

impl WithCode for EventResult {
    fn with_code(mut self, code: Option<String>) -> Self {
        if code.is_some() {
            self.code = code;
        }
        self
    }
}
