//! The server's close of the day. At the marketplace's closing time (22:00 local) orders still
//! out for delivery leave their DA's itinerary, recorded as the phone records it (a
//! `left-itinerary` event, here from the device [`SERVER_DEVICE`]), and Undeliverable orders go
//! back to the seller's pool, so any of the seller's DAs can take them out the next day. Owns the
//! server's close events and their reconciliation with what the phone sends later: the phone's own
//! `left-itinerary` for the same close replaces the server's (one "delayed" step, not two), and a
//! scan the phone made before the close but synced after it reopens the order as it was.
//!
//! Idempotent: every close event has an ID derived from the order and the day, so running the
//! close again (or from several server processes) records nothing twice.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use track_core::event::ScanKind;
use track_core::order::OrderStatus;

use crate::app::App;
use crate::args;
use crate::store::{DbError, Tx};
use crate::error::Failure;

/// The device ID of the events the server records itself.
pub const SERVER_DEVICE: &str = "server";

/// What one run of the close did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Closed {
    /// Orders out for delivery that left their DA's itinerary.
    pub left_itinerary: usize,
    /// Undeliverable orders returned to the seller's pool.
    pub returned_to_pool: usize,
}

/// The close event of an order that a phone's event (timed `before` and sent by `da_id`) reopens:
/// the server closed the order's day after the phone had scanned it, and nothing happened to the
/// order since.
pub(crate) struct Reopen {
    /// The server's close event, deleted when the phone's event is accepted.
    pub event_id: String,
}

/// The event ID of the server's close of `order_id` on `day`: a UUID (version 8) from a hash, the
/// same in every process.
fn close_event_id(order_id: &str, day: NaiveDate) -> String {
    let digest = Sha256::digest(format!("track close {order_id} {day}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string()
}

impl App {
    /// Closes, for every seller, the last local day whose closing time has passed: see the module
    /// documentation. Runs in the background of [`crate::serve`] every [`CLOSE_EVERY`]; tests
    /// with a manual clock call it directly.
    pub fn close_days(&self) -> Result<Closed, Failure> {
        let now = self.now();
        let sellers: Vec<String> = self.read(|tx| {
            Ok(tx.query(
                "SELECT DISTINCT seller_id FROM orders WHERE da_id IS NOT NULL AND status IN (?1, ?2)",
                args![OrderStatus::OutForDelivery.code(), OrderStatus::Undeliverable.code()],
                |r| r.get(0),
            )?)
        })?;
        let mut closed = Closed::default();
        for seller in sellers {
            let c = close_seller(self, &seller, now)?;
            closed.left_itinerary += c.left_itinerary;
            closed.returned_to_pool += c.returned_to_pool;
        }
        if closed != Closed::default() {
            log::info!("day closed: {} orders left their itinerary, {} returned to the pool", closed.left_itinerary, closed.returned_to_pool);
        }
        Ok(closed)
    }
}

/// How often the server runs its close of the day.
pub const CLOSE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// Closes the seller's due orders, each in its own short transaction (the close never holds
/// many orders while the seller's DAs sync them).
fn close_seller(app: &App, seller: &str, now: DateTime<Utc>) -> Result<Closed, Failure> {
    let (market, due) = app.read(|tx| {
        let market = app.market_of(tx, seller)?;
        let close = market.close_instant(day_to_close(&market, now));
        // Orders on an itinerary whose last accepted scan came before that close. Only an order
        // shipped before the close can be due (the intake refuses an event timed before its
        // order's shipping, `App::check_time` in events.rs): that bound, on the index
        // `orders_seller`, keeps the day's own orders (shipped after the last close) out of the
        // per-order look at their events, which every server process runs every CLOSE_EVERY and
        // at its start.
        let due: Vec<String> = tx.query(
            "SELECT o.order_id FROM orders o
             WHERE o.seller_id = ?1 AND o.shipped_at_ms < ?4 AND o.da_id IS NOT NULL AND o.status IN (?2, ?3)
               AND (SELECT MAX(e.device_time_ms) FROM events e WHERE e.tracking_id = o.tracking_id AND e.outcome = 'accepted') < ?4",
            args![seller, OrderStatus::OutForDelivery.code(), OrderStatus::Undeliverable.code(), close.timestamp_millis()],
            |r| r.get(0),
        )?;
        Ok((market, due))
    })?;
    let day = day_to_close(&market, now);
    let mut closed = Closed::default();
    for order_id in due {
        match app.write(|tx| close_order(tx, &market, &order_id, day, now))? {
            Some(OrderStatus::Undeliverable) => closed.returned_to_pool += 1,
            Some(_) => closed.left_itinerary += 1,
            None => {}
        }
    }
    Ok(closed)
}

/// The last local day whose closing time has passed at `now`.
fn day_to_close(market: &track_core::Marketplace, now: DateTime<Utc>) -> NaiveDate {
    let today = market.day_of(now);
    if now >= market.close_instant(today) { today } else { today.pred_opt().unwrap_or(today) }
}

/// Closes one order's `day` if it is still due (read again under the order's lock: a scan may have
/// moved it since, in another process): the status it was closed from, `None` when nothing was
/// recorded.
fn close_order(tx: &Tx<'_>, market: &track_core::Marketplace, order_id: &str, day: NaiveDate, now: DateTime<Utc>) -> Result<Option<OrderStatus>, Failure> {
    let close = market.close_instant(day);
    tx.query(&["SELECT order_id FROM orders WHERE order_id = ?1", tx.for_update()].concat(), args![order_id], |_| Ok(()))?;
    // With the order's latest receive time: the close event sorts after every event the order
    // has (see [`reopening`]), even one received while this close ran or by a process whose
    // clock is behind this one's.
    let still: Option<(String, String, String, Option<i64>)> = tx.query_opt(
        "SELECT o.tracking_id, o.status, o.da_id,
                (SELECT MAX(e.received_at_ms) FROM events e WHERE e.tracking_id = o.tracking_id)
         FROM orders o
         WHERE o.order_id = ?1 AND o.da_id IS NOT NULL AND o.status IN (?2, ?3)
           AND (SELECT MAX(e.device_time_ms) FROM events e WHERE e.tracking_id = o.tracking_id AND e.outcome = 'accepted') < ?4",
        args![order_id, OrderStatus::OutForDelivery.code(), OrderStatus::Undeliverable.code(), close.timestamp_millis()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let Some((tracking_id, status, da_id, last_received)) = still else { return Ok(None) };
    let received_at = last_received.map_or(now.timestamp_millis(), |last| now.timestamp_millis().max(last.saturating_add(1)));
    let status = OrderStatus::parse(&status).map_err(|e| Failure::internal(e.to_string()))?;
    if status == OrderStatus::Undeliverable {
        tx.execute("UPDATE orders SET da_id = NULL WHERE order_id = ?1", args![order_id])?;
        return Ok(Some(status));
    }
    // The one rule of transitions, as for the phone's own left-itinerary event.
    let next = track_core::lifecycle::next(status, ScanKind::LeftItinerary).map_err(|why| Failure::internal(why.to_string()))?;
    let id = close_event_id(order_id, day);
    let inserted = tx.execute(
        "INSERT INTO events (event_id, device_id, seq, da_id, tracking_id, kind, outcome,
                             device_time_ms, local_offset_s, received_at_ms, fingerprint)
         VALUES (?1, ?2, 0, ?3, ?4, ?5, 'accepted', ?6, ?7, ?8, ?2)
         ON CONFLICT DO NOTHING",
        args![
            id, SERVER_DEVICE, da_id, tracking_id, ScanKind::LeftItinerary.code(),
            close.timestamp_millis(), market.offset_seconds(close), received_at
        ],
    )?;
    tx.execute("UPDATE orders SET status = ?2, da_id = NULL WHERE order_id = ?1", args![order_id, next.code()])?;
    Ok((inserted > 0).then_some(status))
}

/// The server's close event that an event of `da_id` timed `at` for this order reopens, if any:
/// the order's last accepted event is a server close of that DA's itinerary at or after `at`.
pub(crate) fn reopening(tx: &Tx<'_>, tracking_id: &str, da_id: &str, at: DateTime<Utc>) -> Result<Option<Reopen>, DbError> {
    let last: Option<(String, String, String, i64)> = tx.query_opt(
        "SELECT event_id, device_id, da_id, device_time_ms FROM events WHERE tracking_id = ?1 AND outcome = 'accepted'
         ORDER BY received_at_ms DESC, seq DESC LIMIT 1",
        args![tracking_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(last.and_then(|(event_id, device, da, closed_at)| {
        (device == SERVER_DEVICE && da == da_id && at.timestamp_millis() <= closed_at).then_some(Reopen { event_id })
    }))
}
