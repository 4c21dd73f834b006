//! The close of the day: when working hours end, orders still out leave the itinerary (each with a
//! `left-itinerary` event) and need a new Out for Delivery scan; a stale batch is dropped; and
//! retention erases what is no longer needed. Runs before every scan and read, so a phone that
//! was off at closing time catches up.

use chrono::{DateTime, Utc};

use super::session::Day;
use crate::error::Error;
use crate::event::{OutboxEvent, ScanExtras, ScanKind};
use crate::lifecycle;
use crate::metrics::outcome_in_hours;
use crate::order::OrderStatus;
use crate::storage::db::Db;
use crate::storage::outbox::{self, NewEvent};
use crate::storage::{batch, orders, position, workflows};

impl Day {
    /// Closes every day whose working hours have ended: orders still Out for Delivery leave the
    /// itinerary (each with a `left-itinerary` event) and need a new Out for Delivery scan.
    /// Also runs on its own before every scan, so a phone that was off at closing time catches up.
    pub fn close_day(&self) -> Result<Vec<OutboxEvent>, Error> {
        let now = self.clock.now();
        let (events, erased) = self.store.write(|db| {
            let events = self.close_elapsed(db, now)?;
            let erased = self.apply_retention(db, now)?;
            Ok((events, erased))
        })?;
        if erased > 0 {
            // Erased details must not linger in the write-ahead log either.
            self.store.checkpoint()?;
        }
        self.refresh_scanner();
        Ok(events)
    }

    /// Retention, once a day has closed: the customer details of orders finished (delivered or
    /// rejected) on a closed day are erased, and acknowledged events older than the retention
    /// age are deleted. Returns how many rows were changed.
    fn apply_retention(&self, db: &Db<'_>, now: DateTime<Utc>) -> Result<usize, Error> {
        let today = self.market.day_of(now);
        let last_closed = if now >= self.market.close_instant(today) { Some(today) } else { today.pred_opt() };
        let Some(last_closed) = last_closed else { return Ok(0) };
        let erased = orders::erase_customers(db, &[OrderStatus::Delivered, OrderStatus::Rejected], last_closed)?;
        // Today's events stay whatever the retention: the daily attempt limit counts them.
        let cutoff = now
            .checked_sub_signed(chrono::Duration::days(i64::from(self.event_retention_days)))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
            .min(self.market.day_range(today).0);
        let pruned = outbox::prune_acknowledged(db, cutoff)?;
        // What sync no longer needs: the name of a person other than the customer.
        outbox::forget_recipient_names(db)?;
        if erased + pruned > 0 {
            log::info!("retention: customer details of {erased} finished orders erased, {pruned} old events pruned");
        }
        Ok(erased + pruned)
    }

    /// The day close inside the caller's transaction.
    pub(super) fn close_elapsed(&self, db: &Db<'_>, now: DateTime<Utc>) -> Result<Vec<OutboxEvent>, Error> {
        let today = self.market.day_of(now);
        // A batch scanned on an earlier day is stale: those labels must be scanned again.
        batch::drop_stale(db, today)?;
        let last_open_day = if now >= self.market.close_instant(today) { Some(today) } else { today.pred_opt() };
        let Some(last_open_day) = last_open_day else { return Ok(Vec::new()) };
        // Positions are off once the day closes.
        if !self.market.is_open(now) {
            position::clear(db, None)?;
        }
        let out = orders::on_itineraries_until(db, OrderStatus::OutForDelivery, last_open_day)?;
        let mut events = Vec::with_capacity(out.len());
        for (tracking_id, day) in out {
            let Some(order) = orders::load(db, &tracking_id)? else { continue };
            let Ok(status) = lifecycle::next(order.status, ScanKind::LeftItinerary) else { continue };
            let closed_at = self.market.close_instant(day).min(now);
            let event = outbox::append(
                db,
                NewEvent {
                    kind: ScanKind::LeftItinerary,
                    tracking_id: &tracking_id,
                    order_id: &order.order_id,
                    reason: None,
                    recipient: None,
                    device_time: closed_at,
                    local_offset_s: self.market.offset_seconds(closed_at),
                    extras: &ScanExtras::default(),
                },
            )?;
            orders::take_off_itinerary(db, &tracking_id, status, now)?;
            if let Some(workflow_id) = order.workflow_id {
                let in_hours = outcome_in_hours(&self.market, ScanKind::LeftItinerary, closed_at);
                workflows::end(db, workflow_id, ScanKind::LeftItinerary, closed_at, self.market.day_of(closed_at), in_hours)?;
            }
            events.push(event);
        }
        if !events.is_empty() {
            log::info!("day closed: {} orders left the itinerary", events.len());
        }
        Ok(events)
    }

    /// Runs the day close before a read, so what is shown is current. A failure (such as a full
    /// disk) does not stop the read: the close runs again with the next scan.
    pub(super) fn catch_up(&self) {
        if let Err(e) = self.close_day() {
            log::warn!("day close deferred: {e}");
        }
    }
}
