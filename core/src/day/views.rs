//! What the phone's screens read of the day: the itinerary, an order's details, the daily
//! summary and the outbox's counts. Owns the read models ([`ItineraryEntry`], [`OrderDetails`]);
//! each read first runs the day close, so what is shown is current.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::session::Day;
use crate::error::Error;
use crate::event::{EventState, OutboxEvent};
use crate::metrics::{self, DailySummary};
use crate::order::{Channel, Customer, OrderId, OrderStatus, TrackingId, phone_uri};
use crate::storage::outbox::{self, OutboxCounts};
use crate::refusal::{RefusalReason, RefusedScan};
use crate::storage::{orders, refusals, workflows};

/// One order on a day's itinerary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItineraryEntry {
    pub tracking_id: TrackingId,
    pub order_id: OrderId,
    pub customer_name: String,
    pub address: String,
    pub status: OrderStatus,
    pub attempts: u32,
    /// The server refused the order's latest answered scan: "refused by server: REASON".
    pub refused: Option<RefusalReason>,
}

/// Everything the order-details screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderDetails {
    pub order_id: OrderId,
    pub tracking_id: TrackingId,
    pub channel: Channel,
    pub seller: String,
    pub customer_name: String,
    pub address: String,
    pub phone: String,
    /// `tel:` URI for the call button, when the phone number has digits to dial.
    pub phone_uri: Option<String>,
    pub status: OrderStatus,
    /// Delivery attempts so far (Delivered, Undeliverable or Rejected scans).
    pub attempts: u32,
    /// The local day of the itinerary the order is (or was last) on.
    pub itinerary_day: Option<NaiveDate>,
    pub on_todays_itinerary: bool,
    pub events: Vec<OutboxEvent>,
    /// The server refused the order's latest answered scan (its reason and message): the order
    /// shows "refused by server: REASON" whatever its status on the phone.
    pub refused: Option<RefusedScan>,
}

impl Day {
    /// The itinerary of a local day (today when `None`), in address order of import.
    pub fn entries(&self, day: Option<NaiveDate>) -> Result<Vec<ItineraryEntry>, Error> {
        self.catch_up();
        let day = day.unwrap_or_else(|| self.today());
        let list = self.store.read(|db| {
            orders::on_itinerary(db, &self.vault, day)?
                .into_iter()
                .map(|o| Ok((refusals::standing(db, &o.tracking_id)?.map(|r| r.reason), o)))
                .collect::<Result<Vec<_>, Error>>()
        })?;
        Ok(list
            .into_iter()
            .map(|(refused, o)| ItineraryEntry {
                refused,
                tracking_id: o.tracking_id,
                order_id: o.order_id,
                customer_name: o.customer.name,
                address: o.customer.address,
                status: o.status,
                attempts: o.attempts,
            })
            .collect())
    }

    /// The order-details screen for one order.
    pub fn order_details(&self, tracking: &str) -> Result<OrderDetails, Error> {
        let tracking_id = TrackingId::parse(tracking)?;
        self.catch_up();
        let today = self.today();
        let (o, events, refused) = self.store.read(|db| {
            let o = orders::get(db, &self.vault, &tracking_id)?.ok_or_else(|| Error::OrderNotFound(tracking_id.to_string()))?;
            Ok((o, outbox::for_order(db, &tracking_id)?, refusals::standing(db, &tracking_id)?))
        })?;
        Ok(OrderDetails {
            order_id: o.order_id,
            channel: o.channel,
            seller: o.seller,
            phone_uri: phone_uri(&o.customer.phone),
            customer_name: o.customer.name,
            address: o.customer.address,
            phone: o.customer.phone,
            on_todays_itinerary: o.itinerary_day == Some(today) && o.status != OrderStatus::Pending,
            status: o.status,
            attempts: o.attempts,
            itinerary_day: o.itinerary_day,
            events,
            refused,
            tracking_id,
        })
    }

    /// The customer an order goes to.
    pub fn customer(&self, tracking: &str) -> Result<Customer, Error> {
        let d = self.order_details(tracking)?;
        Ok(Customer { name: d.customer_name, address: d.address, phone: d.phone })
    }

    /// The daily summary of a local day (today when `None`).
    pub fn summary(&self, day: Option<NaiveDate>) -> Result<DailySummary, Error> {
        self.catch_up();
        let day = day.unwrap_or_else(|| self.today());
        let outcomes = self.store.read(|db| workflows::outcomes_of_day(db, day))?;
        Ok(metrics::daily_summary(day, &outcomes))
    }

    /// The marketplace's working hours now: open and the time left today, or when scanning opens.
    pub fn working_hours(&self) -> crate::marketplace::WorkingHours {
        self.marketplace().working_hours(self.now())
    }

    /// How many outbox events are in each state.
    pub fn outbox_counts(&self) -> Result<OutboxCounts, Error> {
        self.store.read(outbox::counts)
    }

    /// How many outbox events there are, in every state.
    pub fn outbox_total(&self) -> Result<u64, Error> {
        self.store.read(outbox::total)
    }

    /// Outbox events not yet sent, oldest first.
    pub fn pending_events(&self, limit: usize) -> Result<Vec<OutboxEvent>, Error> {
        self.store.read(|db| outbox::in_state(db, EventState::Pending, limit))
    }

    /// Every outbox event, in device order.
    pub fn outbox_events(&self) -> Result<Vec<OutboxEvent>, Error> {
        self.store.read(outbox::all)
    }

    /// One outbox event by its ID.
    pub fn outbox_event(&self, event_id: &Uuid) -> Result<Option<OutboxEvent>, Error> {
        self.store.read(|db| outbox::get(db, event_id))
    }
}
