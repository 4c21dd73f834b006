//! What the server shows: the itinerary's orders to their DA, the tracking timeline to the
//! customer (status and times, never the address or phone; a delivery's photo by a signed URL),
//! and a seller's metrics.

use chrono::{DateTime, Duration, Utc};
use track_core::event::ScanKind;
use track_core::order::{Channel, OrderStatus, TrackingId};
use track_core::sync::wire::{CustomerStatus, OrderList, SellerMetrics, TrackingStep, TrackingView, WireCustomer, WireOrder};

use track_core::tracking::choice::CarrierChoice;
use track_core::tracking::vtr::{ShipmentRecord, valid_tracking_rate};

use crate::app::App;
use crate::args;
use crate::store::{DbError, Row, Tx};
use crate::auth::Caller;
use crate::error::Failure;

/// The window of the seller metrics.
pub const WINDOW_DAYS: u32 = 30;
const ORDER_COLUMNS: &str = "o.order_id, o.tracking_id, o.channel, o.seller_id, s.name, o.customer_name, o.address, o.phone";

/// An order's columns as [`ORDER_COLUMNS`] reads them.
type OrderRow = (String, String, String, String, String, String, String, String);

fn order_row(r: &Row) -> Result<OrderRow, DbError> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
}

fn to_wire(row: OrderRow) -> Option<WireOrder> {
    let (order_id, tracking_id, channel, seller_id, seller, name, address, phone) = row;
    Some(WireOrder {
        order_id,
        tracking_id,
        channel: Channel::parse(&channel).ok()?,
        seller_id,
        seller,
        customer: WireCustomer { name, address, phone },
    })
}

/// An order as the Valid Tracking Rate sees it (`None`: a channel this server does not know). A
/// carrier stored as text that names no carrier leaves the order without valid tracking.
pub(crate) fn shipment_record(
    channel: &str,
    shipped_at_ms: i64,
    carrier: Option<String>,
    tracking_id: Option<String>,
    confirmed_ms: Option<i64>,
    delivered_ms: Option<i64>,
) -> Option<ShipmentRecord> {
    let carrier_choice = carrier.as_deref().map(CarrierChoice::from_stored);
    let unreadable_carrier = matches!(carrier_choice, Some(None));
    Some(ShipmentRecord {
        channel: Channel::parse(channel).ok()?,
        shipped_at: DateTime::from_timestamp_millis(shipped_at_ms)?,
        carrier: carrier_choice.flatten(),
        tracking_id: tracking_id.filter(|_| !unreadable_carrier),
        confirmed_at: confirmed_ms.and_then(DateTime::from_timestamp_millis),
        delivered_at: delivered_ms.and_then(DateTime::from_timestamp_millis),
    })
}

/// The seller's orders shipped since `since_ms`, as the Valid Tracking Rate sees them (the
/// seller's metrics and its tracking metrics count the same records).
pub(crate) fn shipment_records(tx: &Tx<'_>, seller_id: &str, since_ms: i64) -> Result<Vec<ShipmentRecord>, DbError> {
    let rows = tx.query(
        "SELECT channel, shipped_at_ms, carrier, tracking_id, tracking_confirmed_at_ms, delivered_at_ms FROM orders
         WHERE seller_id = ?1 AND shipped_at_ms >= ?2",
        args![seller_id, since_ms],
        |r| {
            Ok(shipment_record(
                &r.get::<String>(0)?,
                r.get::<i64>(1)?,
                r.get::<Option<String>>(2)?,
                r.get::<Option<String>>(3)?,
                r.get::<Option<i64>>(4)?,
                r.get::<Option<i64>>(5)?,
            ))
        },
    )?;
    Ok(rows.into_iter().flatten().collect())
}

/// A tracking ID from a path or a query, normalised by the tracking rules; one that does not
/// normalise is a 400 `invalid_tracking_id`.
pub fn tracking_id_from_path(raw: &str) -> Result<TrackingId, Failure> {
    TrackingId::parse(raw).map_err(|e| Failure::new(400, "invalid_tracking_id", e.to_string()))
}

/// Whether the view of an order whose last accepted event is `last` (kind code, device time) says
/// Arriving today at `now`: out for delivery on today's local day, before the close.
fn arriving_today(market: &track_core::Marketplace, last: Option<(&str, i64)>, now: DateTime<Utc>) -> bool {
    let Some((kind, at)) = last else { return false };
    let (Ok(ScanKind::OutForDelivery), Some(at)) = (ScanKind::parse(kind), DateTime::from_timestamp_millis(at)) else { return false };
    out_today(market, at, now)
}

/// Whether an order out for delivery since `at` is still out today at `now` (else it is delayed).
fn out_today(market: &track_core::Marketplace, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    market.day_of(now) == market.day_of(at) && now < market.close_instant(market.day_of(at))
}

/// Whether a stored reason is one of the reason codes of its scan's kind.
fn public_reason(kind: ScanKind, reason: &str) -> bool {
    use track_core::event::{RejectReason, UndeliverableReason};
    match kind {
        ScanKind::Undeliverable => UndeliverableReason::parse(reason).is_ok_and(|r| r.code() == reason),
        ScanKind::Rejected => RejectReason::parse(reason).is_ok_and(|r| r.code() == reason),
        _ => false,
    }
}

impl App {
    /// The open orders (not delivered, not rejected) of the caller's seller that are not on another
    /// DA's itinerary, all channels: the phone refuses an FBA or Easy Ship label with that reason.
    pub fn open_orders(&self, caller: &Caller) -> Result<OrderList, Failure> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders o JOIN sellers s ON s.id = o.seller_id
             WHERE o.seller_id = ?1 AND o.tracking_id IS NOT NULL AND o.status NOT IN (?3, ?4)
               AND (o.da_id IS NULL OR o.da_id = ?2 OR o.status = ?5)
             ORDER BY o.shipped_at_ms, o.order_id"
        );
        let rows = self.read(|tx| {
            Ok(tx.query(
                &sql,
                args![caller.seller_id, caller.da_id, OrderStatus::Delivered.code(), OrderStatus::Rejected.code(), OrderStatus::Pending.code()],
                order_row,
            )?)
        })?;
        Ok(OrderList { orders: rows.into_iter().filter_map(to_wire).collect() })
    }

    /// One order of the caller's seller; another seller's order, or one out with another DA, is
    /// not found.
    pub fn order(&self, caller: &Caller, tracking_id: &str) -> Result<WireOrder, Failure> {
        let id = tracking_id_from_path(tracking_id)?;
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders o JOIN sellers s ON s.id = o.seller_id
             WHERE o.tracking_id = ?1 AND o.seller_id = ?2 AND (o.da_id IS NULL OR o.da_id = ?3 OR o.status = ?4)"
        );
        let row = self.read(|tx| Ok(tx.query_opt(&sql, args![id.as_str(), caller.seller_id, caller.da_id, OrderStatus::Pending.code()], order_row)?))?;
        row.and_then(to_wire).ok_or_else(|| Failure::not_found(format!("no order of your seller has tracking ID {}", id.redacted())))
    }

    /// The customer's view of a parcel.
    pub fn tracking(&self, tracking_id: &str) -> Result<TrackingView, Failure> {
        let id = tracking_id_from_path(tracking_id)?;
        let not_found = || Failure::not_found(format!("no parcel has tracking ID {}", id.redacted()));
        // The order, its marketplace and its events in one statement (one snapshot, and one round
        // trip to the database): a row per accepted event, or one row with no event. With the
        // event's ID when its photo is stored, for the photo's signed URL.
        type Step = (String, Option<String>, Option<String>, Option<String>, i64, i32, Option<String>);
        let now = self.now();
        let (shipped, market, rows, live) = self.read_public(|tx| {
            let read: Vec<(i64, Option<String>, Option<Step>)> = tx.query(
                "SELECT o.shipped_at_ms, s.time_zone, e.kind, e.reason, e.recipient_kind, e.pod_photo, e.device_time_ms, e.local_offset_s, p.event_id
                 FROM orders o LEFT JOIN sellers s ON s.id = o.seller_id
                 LEFT JOIN events e ON e.tracking_id = o.tracking_id AND e.outcome = 'accepted'
                 LEFT JOIN photos p ON p.event_id = e.event_id AND p.stored_at_ms IS NOT NULL
                 WHERE o.tracking_id = ?1
                 ORDER BY e.received_at_ms, e.seq",
                args![id.as_str()],
                |r| {
                    // Received order, then the device's sequence: never the device's clock.
                    let step = match r.get::<Option<String>>(2)? {
                        Some(kind) => Some((kind, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)),
                        None => None,
                    };
                    Ok((r.get(0)?, r.get(1)?, step))
                },
            )?;
            let (shipped, zone) = read.first().map(|(shipped, zone, _)| (*shipped, zone.clone())).ok_or_else(not_found)?;
            let market = crate::events::market_in(zone);
            let rows: Vec<Step> = read.into_iter().filter_map(|(_, _, step)| step).collect();
            let arriving = arriving_today(&market, rows.last().map(|r| (r.0.as_str(), r.4)), now);
            let live = self.live(tx, &market, id.as_str(), arriving, now)?;
            Ok((shipped, market, rows, live))
        })?;
        let shipped_at = DateTime::from_timestamp_millis(shipped).ok_or_else(not_found)?;
        let mut timeline = vec![TrackingStep {
            status: CustomerStatus::Shipped,
            at: shipped_at,
            local_offset_s: market.offset_seconds(shipped_at),
            recipient: None,
            pod_photo: None,
            photo_url: None,
            reason: None,
            next_attempt: None,
        }];
        for (kind, reason, recipient, pod_photo, at, offset, photo_event) in rows {
            let (Ok(kind), Some(at)) = (ScanKind::parse(&kind), DateTime::from_timestamp_millis(at)) else { continue };
            let status = match kind {
                ScanKind::OutForDelivery => CustomerStatus::OutForDelivery,
                ScanKind::Delivered => CustomerStatus::Delivered,
                ScanKind::Undeliverable => CustomerStatus::Undeliverable,
                ScanKind::Rejected => CustomerStatus::Rejected,
                ScanKind::LeftItinerary => CustomerStatus::Delayed,
            };
            timeline.push(TrackingStep {
                status,
                at,
                local_offset_s: offset,
                recipient: recipient.and_then(|r| track_core::event::RecipientKind::parse(&r).ok()),
                // Only bounded values reach the public, also from rows stored before they were checked.
                pod_photo: pod_photo.filter(|p| track_core::event::check_pod_photo(p).is_ok()),
                photo_url: match photo_event.filter(|_| kind == ScanKind::Delivered) {
                    Some(event_id) => Some(self.photo_url(id.as_str(), &event_id)?),
                    None => None,
                },
                reason: reason.filter(|r| public_reason(kind, r)),
                next_attempt: (kind == ScanKind::Undeliverable).then(|| market.day_of(at).succ_opt()).flatten(),
            });
        }
        // A next attempt only while the last attempt is an Undeliverable one: none after the
        // parcel was delivered (the same day or later) or refused.
        let last_attempt = timeline.iter().rposition(|s| matches!(s.status, CustomerStatus::Delivered | CustomerStatus::Undeliverable | CustomerStatus::Rejected));
        for (i, step) in timeline.iter_mut().enumerate() {
            if Some(i) != last_attempt {
                step.next_attempt = None;
            }
        }
        let last = timeline.last().map(|s| (s.status, s.at));
        let status = match last {
            Some((CustomerStatus::OutForDelivery, at)) => {
                if out_today(&market, at, now) { CustomerStatus::ArrivingToday } else { CustomerStatus::Delayed }
            }
            Some((s, _)) => s,
            None => CustomerStatus::Shipped,
        };
        Ok(TrackingView {
            tracking_id: id.to_string(),
            status,
            timeline,
            arrival: live.arrival,
            da_position: live.da_position,
            delivered_here: live.delivered_here.filter(|_| status == CustomerStatus::Delivered),
        })
    }

    /// A seller's same-day workflow rate and Valid Tracking Rate over the last 30 days.
    pub fn seller_metrics(&self, caller: &Caller, seller_id: &str) -> Result<SellerMetrics, Failure> {
        if caller.seller_id != seller_id {
            return Err(Failure::forbidden("not_your_seller", "you can only see the metrics of the seller you deliver for"));
        }
        let now = self.now();
        let since = (now - Duration::days(WINDOW_DAYS as i64)).timestamp_millis();
        let (market, rows, shipments) = self.read(|tx| {
            let market = self.market_of(tx, seller_id)?;
            // Workflows: each accepted Out for Delivery scan and the next accepted scan of its order.
            let rows = tx.query(
                "SELECT e.tracking_id, e.kind, e.device_time_ms FROM events e JOIN orders o ON o.tracking_id = e.tracking_id
                 WHERE o.seller_id = ?1 AND e.outcome = 'accepted' AND e.device_time_ms >= ?2
                 ORDER BY e.tracking_id, e.received_at_ms, e.seq",
                args![seller_id, since],
                |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?, r.get::<i64>(2)?)),
            )?;
            // Valid Tracking Rate: the shipments of the window, counted by the core's one definition.
            let shipments = shipment_records(tx, seller_id, since)?;
            Ok((market, rows, shipments))
        })?;
        let (mut workflows, mut same_day) = (0u32, 0u32);
        let mut open: Option<(String, DateTime<Utc>)> = None;
        for (tracking, kind, at) in rows {
            let (Ok(kind), Some(at)) = (ScanKind::parse(&kind), DateTime::from_timestamp_millis(at)) else { continue };
            if open.as_ref().is_some_and(|(t, _)| *t != tracking) {
                open = None;
            }
            match kind {
                ScanKind::OutForDelivery => {
                    workflows += 1;
                    open = Some((tracking, at));
                }
                k => {
                    if let Some((_, ofd_at)) = open.take() {
                        if k.is_final_scan() && track_core::metrics::is_same_day(&market, ofd_at, at) {
                            same_day += 1;
                        }
                    }
                }
            }
        }
        let vtr = valid_tracking_rate(&shipments, now);
        let rate = |n: u32, d: u32| (d > 0).then(|| n as f64 / d as f64);
        Ok(SellerMetrics {
            seller_id: seller_id.to_string(),
            window_days: WINDOW_DAYS,
            workflows,
            same_day_workflows: same_day,
            same_day_rate: rate(same_day, workflows),
            shipments: vtr.shipments,
            valid_tracking: vtr.valid,
            valid_tracking_rate: vtr.rate,
            valid_tracking_at_risk: vtr.at_risk,
        })
    }
}
