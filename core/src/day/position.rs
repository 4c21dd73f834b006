//! The DA's position for the customers' map: kept on the phone (only the latest) while parcels are
//! out for delivery inside working hours, sent by the sync client after the outbox
//! ([`crate::sync::SyncClient::send_position`]); off when the day closes.

use crate::error::Error;
use crate::event::Location;
use crate::order::OrderStatus;
use crate::storage::{orders, position};

use super::session::Day;

impl Day {
    /// Keeps `location` as the DA's latest position to send, when parcels are out for delivery
    /// and working hours are open; otherwise forgets any kept position. A location without a fix
    /// time is taken as fixed now. Returns whether it was kept.
    pub fn update_position(&self, location: Location) -> Result<bool, Error> {
        let location = location.checked()?;
        let now = self.clock.now();
        let fix_ms = location.fix_time_ms.unwrap_or_else(|| now.timestamp_millis());
        let fixed_at = chrono::DateTime::from_timestamp_millis(fix_ms)
            .ok_or_else(|| Error::InvalidArgument(format!("the location's fix time {fix_ms} ms is not a time")))?;
        location.check_fix_time(now)?;
        self.close_day()?;
        let today = self.market.day_of(now);
        self.store.write(|db| {
            let out = !orders::on_itineraries_until(db, OrderStatus::OutForDelivery, today)?.is_empty();
            if out && self.market.is_open(now) && self.market.is_open(fixed_at) {
                position::set(db, &location, fix_ms, now)?;
                Ok(true)
            } else {
                position::clear(db, None)?;
                Ok(false)
            }
        })
    }

    /// The position to send now: the kept one while parcels are still out and working hours are
    /// open (else none, and the kept one is forgotten).
    pub fn position_to_send(&self) -> Result<Option<Location>, Error> {
        // No close of the day here (it would record events after the outbox was sent): outside
        // working hours nothing is sent anyway.
        let now = self.clock.now();
        let today = self.market.day_of(now);
        self.store.write(|db| {
            let out = !orders::on_itineraries_until(db, OrderStatus::OutForDelivery, today)?.is_empty();
            if out && self.market.is_open(now) {
                position::get(db)
            } else {
                position::clear(db, None)?;
                Ok(None)
            }
        })
    }

    /// Forgets the position fixed at `fix_ms` once it was sent or refused for good (a newer one
    /// kept meanwhile stays).
    pub fn position_sent(&self, fix_ms: i64) -> Result<(), Error> {
        self.store.write(|db| position::clear(db, Some(fix_ms)))
    }
}
