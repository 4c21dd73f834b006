//! The Out for Delivery batch of the day: labels scanned into a pending batch, then confirmed
//! together (each order goes on today's itinerary with its event and its workflow) or discarded.
//! Owns the rule of an Out for Delivery scan.

use serde::Serialize;

use super::session::Day;
use crate::error::{BadScan, Error};
use crate::event::{OutboxEvent, ScanExtras, ScanKind};
use crate::lifecycle::{self, Refusal};
use crate::order::{Channel, OrderStatus, TrackingId};
use crate::storage::db::Db;
use crate::storage::orders::OrderRow;
use crate::storage::outbox::{self, NewEvent};
use crate::storage::{batch, orders, workflows};

/// What an Out for Delivery scan did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum OfdScan {
    /// Added to the pending batch, which now holds `count` labels.
    Added { count: usize },
    /// Already in the pending batch (not added twice).
    AlreadyScanned { count: usize },
    /// Already on today's itinerary: no second event.
    AlreadyOutForDelivery,
}

/// Whether an order may go out: a Self-Delivery order whose status admits an Out for Delivery
/// scan ([`lifecycle::next`]). `Ok(false)` when it is already out on today's itinerary.
fn may_go_out(tracking_id: &TrackingId, order: &OrderRow, today: chrono::NaiveDate) -> Result<bool, Error> {
    let id = || tracking_id.to_string();
    if order.channel != Channel::SelfDelivery {
        return Err(BadScan::NotSelfDelivery { tracking_id: id(), channel: order.channel }.into());
    }
    let next = lifecycle::next(order.status, ScanKind::OutForDelivery);
    match next {
        Err(Refusal::ReturnedToSeller) => return Err(BadScan::ReturnedToSeller { tracking_id: id() }.into()),
        Err(Refusal::AlreadyDelivered) => return Err(BadScan::AlreadyDelivered { tracking_id: id() }.into()),
        _ => {}
    }
    // On today's itinerary (out, or attempted and undeliverable): already out today. An order out
    // on an earlier day went back to Pending when that day closed.
    let on_today = order.itinerary_day == Some(today) && order.status != OrderStatus::Pending;
    Ok(!on_today && next.is_ok())
}

impl Day {
    /// Scans a label into the pending Out for Delivery batch.
    pub fn scan_ofd(&self, label: &str) -> Result<OfdScan, Error> {
        self.ofd_rule(&TrackingId::parse(label)?)
    }

    /// The rule of an Out for Delivery scan, for a tracking ID however it was read.
    pub(super) fn ofd_rule(&self, tracking_id: &TrackingId) -> Result<OfdScan, Error> {
        let now = self.clock.now();
        self.market.check_open(now)?;
        let today = self.market.day_of(now);
        let result = self.store.write(|db| {
            self.close_elapsed(db, now)?;
            let order = orders::load(db, tracking_id)?
                .ok_or_else(|| BadScan::UnknownOrder { tracking_id: tracking_id.to_string() })?;
            if !may_go_out(tracking_id, &order, today)? {
                return Ok(OfdScan::AlreadyOutForDelivery);
            }
            let added = batch::add(db, tracking_id, today, now)?;
            let count = batch::len(db)?;
            Ok(if added { OfdScan::Added { count } } else { OfdScan::AlreadyScanned { count } })
        });
        if matches!(result, Ok(OfdScan::Added { .. })) {
            self.scanner().mark_scanned(tracking_id);
        }
        result
    }

    /// The labels in the pending batch, in scan order.
    pub fn ofd_batch(&self) -> Result<Vec<TrackingId>, Error> {
        let today = self.today();
        self.store.read(|db| batch::labels(db, Some(today)))
    }

    /// Confirms the batch: every pending order goes on today's itinerary as Out for Delivery,
    /// each with its event, all in one transaction.
    pub fn confirm_ofd(&self, extras: &ScanExtras) -> Result<Vec<OutboxEvent>, Error> {
        let now = self.clock.now();
        self.market.check_open(now)?;
        let events = self.store.write(|db| {
            self.close_elapsed(db, now)?;
            let labels = batch::labels(db, None)?;
            if labels.is_empty() {
                return Err(Error::EmptyBatch);
            }
            let mut events = Vec::with_capacity(labels.len());
            for tracking_id in labels {
                if let Some(event) = self.go_out(db, &tracking_id, extras, now)? {
                    events.push(event);
                }
            }
            batch::clear(db)?;
            Ok(events)
        })?;
        self.refresh_scanner();
        log::info!("Out for Delivery batch confirmed: {} orders", events.len());
        Ok(events)
    }

    /// One order of a confirmed batch: its event, its workflow and its new status; `None` when it
    /// can no longer go out (it changed since it was scanned).
    fn go_out(&self, db: &Db<'_>, tracking_id: &TrackingId, extras: &ScanExtras, now: chrono::DateTime<chrono::Utc>) -> Result<Option<OutboxEvent>, Error> {
        let today = self.market.day_of(now);
        let Some(order) = orders::load(db, tracking_id)? else { return Ok(None) };
        if !matches!(may_go_out(tracking_id, &order, today), Ok(true)) {
            return Ok(None);
        }
        let Ok(status) = lifecycle::next(order.status, ScanKind::OutForDelivery) else { return Ok(None) };
        let event = outbox::append(
            db,
            NewEvent {
                kind: ScanKind::OutForDelivery,
                tracking_id,
                order_id: &order.order_id,
                reason: None,
                recipient: None,
                device_time: now,
                local_offset_s: self.market.offset_seconds(now),
                extras,
            },
        )?;
        let workflow_id = workflows::start(db, tracking_id, event.seq, today, now)?;
        orders::put_on_itinerary(db, tracking_id, status, today, workflow_id, now)?;
        Ok(Some(event))
    }

    /// Discards the pending batch; returns how many labels it held.
    pub fn cancel_ofd(&self) -> Result<usize, Error> {
        let n = self.store.write(batch::clear)?;
        self.refresh_scanner();
        Ok(n)
    }
}
