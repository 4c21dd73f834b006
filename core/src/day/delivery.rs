//! Delivery attempts on today's itinerary: Delivered (the scanned label must match the opened
//! order; with its proof-of-delivery photo queued in the same transaction), Undeliverable (to be re-attempted) and Rejected (back to the seller). Owns the rule of
//! a final scan: on today's itinerary, within the daily attempt limit, the status from
//! [`crate::lifecycle::next`].

use std::path::Path;

use super::scan::{ScanMode, ScanOutcome};
use super::session::Day;
use crate::error::Error;
use crate::event::{OutboxEvent, Recipient, RejectReason, ScanExtras, ScanKind, UndeliverableReason};
use crate::lifecycle;
use crate::metrics::outcome_in_hours;
use crate::order::{OrderStatus, TrackingId};
use crate::storage::outbox::{self, NewEvent};
use crate::photo::PodPhoto;
use crate::storage::{orders, photos, workflows};

impl Day {
    /// "Scan for delivery": the DA opened order `opened` and scanned `scanned_label` (read by the
    /// camera or typed: the same rule); the parcel was handed to `recipient`.
    pub fn deliver(&self, opened: &str, scanned_label: &str, recipient: &Recipient, extras: &ScanExtras) -> Result<OutboxEvent, Error> {
        self.delivered(opened, scanned_label, recipient, extras, None)
    }

    /// [`Day::deliver`] with the proof-of-delivery photo the app took, the file at `photo`
    /// (`photo_sha256`: the SHA-256 the app computed, checked when given). The photo is read and
    /// checked first (a JPEG of at most [`crate::photo::MAX_POD_PHOTO_BYTES`]); the event carries
    /// its SHA-256 as its reference and the copy waits in the photo queue, recorded in the same
    /// transaction, until the sync client uploads it after the event was accepted.
    pub fn deliver_with_photo(
        &self,
        opened: &str,
        scanned_label: &str,
        recipient: &Recipient,
        extras: &ScanExtras,
        photo: &Path,
        photo_sha256: Option<&str>,
    ) -> Result<OutboxEvent, Error> {
        let photo = PodPhoto::read(photo, photo_sha256)?;
        let extras = ScanExtras { pod_photo: Some(photo.sha256().to_string()), ..extras.clone() };
        self.delivered(opened, scanned_label, recipient, &extras, Some(&photo))
    }

    fn delivered(&self, opened: &str, scanned_label: &str, recipient: &Recipient, extras: &ScanExtras, photo: Option<&PodPhoto>) -> Result<OutboxEvent, Error> {
        let tracking_id = TrackingId::parse(opened)?;
        let mode = ScanMode::Delivery { opened: tracking_id.clone() };
        if let ScanOutcome::Mismatch { expected, scanned } = self.enter_id(&mode, scanned_label)? {
            return Err(Error::LabelMismatch { expected: expected.to_string(), scanned: scanned.to_string() });
        }
        self.final_scan(&tracking_id, ScanKind::Delivered, None, Some(recipient), extras, photo)
    }

    /// Unable to deliver: Undeliverable, to be re-attempted (today from the itinerary, or after a new
    /// Out for Delivery scan on another day).
    pub fn mark_undeliverable(&self, tracking: &str, reason: UndeliverableReason, extras: &ScanExtras) -> Result<OutboxEvent, Error> {
        let tracking_id = TrackingId::parse(tracking)?;
        self.final_scan(&tracking_id, ScanKind::Undeliverable, Some(reason.code()), None, extras, None)
    }

    /// Unable to deliver: Rejected by the customer. Final: the order returns to the seller.
    pub fn reject(&self, tracking: &str, reason: RejectReason, extras: &ScanExtras) -> Result<OutboxEvent, Error> {
        let tracking_id = TrackingId::parse(tracking)?;
        self.final_scan(&tracking_id, ScanKind::Rejected, Some(reason.code()), None, extras, None)
    }

    fn final_scan(
        &self,
        tracking_id: &TrackingId,
        kind: ScanKind,
        reason: Option<&'static str>,
        recipient: Option<&Recipient>,
        extras: &ScanExtras,
        photo: Option<&PodPhoto>,
    ) -> Result<OutboxEvent, Error> {
        let now = self.clock.now();
        self.market.check_open(now)?;
        let today = self.market.day_of(now);
        self.store.write(|db| {
            self.close_elapsed(db, now)?;
            let order = orders::load(db, tracking_id)?.ok_or_else(|| Error::OrderNotFound(tracking_id.to_string()))?;
            let not_on_itinerary = || Error::NotOnItinerary { tracking_id: tracking_id.to_string(), status: order.status };
            let on_itinerary = order.itinerary_day == Some(today)
                && matches!(order.status, OrderStatus::OutForDelivery | OrderStatus::Undeliverable);
            if !on_itinerary {
                return Err(not_on_itinerary());
            }
            let status = lifecycle::next(order.status, kind).map_err(|_| not_on_itinerary())?;
            let (day_start, day_end) = self.market.day_range(today);
            self.market.check_attempt(tracking_id.as_str(), outbox::attempts_between(db, tracking_id, day_start, day_end)?)?;
            let event = outbox::append(
                db,
                NewEvent {
                    kind,
                    tracking_id,
                    order_id: &order.order_id,
                    reason,
                    recipient,
                    device_time: now,
                    local_offset_s: self.market.offset_seconds(now),
                    extras,
                },
            )?;
            if let Some(photo) = photo {
                photos::enqueue(db, &event.event_id, tracking_id, photo, now)?;
            }
            orders::record_attempt(db, tracking_id, status, now)?;
            if let Some(workflow_id) = order.workflow_id {
                workflows::end(db, workflow_id, kind, now, today, outcome_in_hours(&self.market, kind, now))?;
            }
            Ok(event)
        })
    }
}
