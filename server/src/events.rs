//! `POST /v1/scan-events`: each event recorded exactly once, answered on its own. The server
//! applies the core's order rules (Self-Delivery only, valid transitions, the daily attempt
//! limit), bounds the device's times, stamps its own receive time and orders an order's events by
//! the device's sequence, never by the device's clock. An event ID sent again with the same
//! content is a duplicate; with other content it is a conflict, never an acknowledgement.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use track_core::event::{Recipient, RejectReason, ScanKind, UndeliverableReason};
use track_core::order::{Channel, OrderId, OrderStatus, TrackingId};
use track_core::sync::wire::{AckStatus, BatchResult, EventBatch, EventResult, MAX_BATCH, MAX_SEQ_STEP, WireEvent};

use crate::app::App;
use crate::args;
use crate::store::{DbError, Tx};
use crate::auth::Caller;
use crate::error::Failure;
use crate::notify;

/// The longest tracking or order ID read (as sent, before normalising).
const MAX_ID_BYTES: usize = 64;

/// An event ID already recorded: outcome, code, message, receive time, DA and fingerprint.
type Earlier = (String, Option<String>, Option<String>, i64, String, Option<String>);

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
        let results = self.write(|tx| {
            // The device's sequence bound reads its accepted events: one batch of a device at a time.
            tx.lock(&format!("device:{device}"))?;
            let (known, zone, device_last) = Known::read(tx, batch, &caller.seller_id, &device)?;
            let mut context = BatchContext { caller, device: &device, now, market: market_in(zone), device_last, known, writes: Writes::default() };
            let results = batch.events.iter().map(|e| self.ingest_one(tx, &mut context, e)).collect::<Result<Vec<_>, _>>()?;
            context.writes.flush(tx)?;
            Ok(results)
        })?;
        Ok(BatchResult { results })
    }

    fn ingest_one(&self, tx: &Tx<'_>, context: &mut BatchContext<'_>, e: &WireEvent) -> Result<EventResult, Failure> {
        let BatchContext { caller, device, now, .. } = *context;
        let id = e.event_id.to_string();
        let fingerprint = fingerprint(device, e);
        // Already had it: the same answer as the first time, for ever, if it is the same event.
        if let Some((outcome, code, message, received, da_id, stored)) = context.known.earlier.get(&id).cloned() {
            let received_at = DateTime::from_timestamp_millis(received);
            if da_id != caller.da_id {
                // Another DA's event ID: answer without revealing anything about it.
                return Ok(rejected(e, "event_id_taken", "this event ID was already used by another device: record the scan again".into(), None));
            }
            let same = match stored {
                Some(stored) => stored == fingerprint,
                None => {
                    context.writes.flush(tx)?;
                    same_as_recorded(tx, &id, device, e)?
                }
            };
            if !same {
                log::warn!("event #{} reuses an event ID with other content", e.seq);
                return Ok(EventResult {
                    event_id: e.event_id,
                    status: AckStatus::Conflict,
                    code: Some("event_id_conflict".into()),
                    message: Some(
                        "this event ID was already recorded for another scan (other order, kind, device or details): \
                         this scan was not recorded; record it again as a new scan"
                            .into(),
                    ),
                    received_at,
                });
            }
            return Ok(match outcome.as_str() {
                "accepted" => EventResult { event_id: e.event_id, status: AckStatus::Duplicate, code: None, message: None, received_at },
                _ => rejected(e, "rejected", message.unwrap_or_default(), received_at).with_code(code),
            });
        }
        // The rules read the order's events from the database when the order may be reopened
        // (see `check`): what this batch recorded so far goes there first.
        let order = TrackingId::parse(&e.tracking_id).ok().and_then(|t| context.known.orders.get(t.as_str()));
        if order.is_some_and(|o| o.da_id.is_none()) && e.kind != ScanKind::OutForDelivery {
            context.writes.flush(tx)?;
        }
        match self.check(tx, context, e) {
            Ok(Checked { order_id, tracking, next, reopen }) => {
                if let Some(reopen) = reopen {
                    // The phone's own record replaces the server's close (one step, not two).
                    tx.defer("DELETE FROM events WHERE event_id = ?1", args![reopen.event_id])?;
                    if let Some(history) = context.known.history.get_mut(tracking.as_str()) {
                        history.retain(|h| h.event_id != reopen.event_id);
                    }
                }
                let (reason, recipient) = (e.reason.as_deref(), e.recipient.as_ref().map(|r| r.kind.code()));
                // Another transaction (another server process) may have recorded this event ID
                // since it was looked up: then this one runs again, and answers as that one was.
                context.writes.accepted.push(
                    args![
                        id, device, e.seq, caller.da_id, tracking.as_str(), e.kind.code(), "accepted", reason, recipient, e.pod_photo,
                        e.device_time.timestamp_millis(), e.local_offset_s, now.timestamp_millis(), fingerprint,
                        e.location.map(|l| l.latitude), e.location.map(|l| l.longitude), e.location.map(|l| l.accuracy_m),
                        e.location.and_then(|l| l.fix_time_ms)
                    ]
                    .to_vec(),
                );
                context.known.recorded(&id, ("accepted".into(), None, None, now.timestamp_millis(), caller.da_id.clone(), Some(fingerprint)));
                context.known.history.entry(tracking.as_str().to_string()).or_default().push(Accepted {
                    event_id: id.clone(),
                    device_id: device.to_string(),
                    seq: e.seq,
                    kind: e.kind.code().to_string(),
                    device_time_ms: e.device_time.timestamp_millis(),
                });
                context.device_last = Some(context.device_last.unwrap_or(0).max(e.seq));
                let delivered = (next == OrderStatus::Delivered).then(|| e.device_time.timestamp_millis());
                // The order is on this DA's itinerary from its Out for Delivery scan until it leaves it.
                let da = match e.kind {
                    ScanKind::OutForDelivery => Some(caller.da_id.as_str()),
                    ScanKind::LeftItinerary => None,
                    _ => Some(caller.da_id.as_str()),
                };
                context.writes.order(order_id, next, delivered, da);
                if let Some(order) = context.known.orders.get_mut(tracking.as_str()) {
                    order.status = next.code().to_string();
                    order.da_id = da.map(str::to_string);
                }
                notify::schedule(tx, &context.market, &id, &tracking, e.kind, now, &mut context.writes.notifications)?;
                Ok(EventResult { event_id: e.event_id, status: AckStatus::Accepted, code: None, message: None, received_at: Some(now) })
            }
            Err(Refusal(code, message)) => {
                log::info!("event #{} refused: {code}", e.seq);
                // Stored normalised when it normalises, so the admin filter finds it.
                let tracking = TrackingId::parse(&e.tracking_id).map(String::from).unwrap_or_else(|_| e.tracking_id.clone());
                context.writes.rejected.push(
                    args![
                        id, device, e.seq, caller.da_id, tracking, e.kind.code(), "rejected", code, message,
                        e.device_time.timestamp_millis(), e.local_offset_s, now.timestamp_millis(), fingerprint
                    ]
                    .to_vec(),
                );
                context.known.recorded(&id, ("rejected".into(), Some(code.to_string()), Some(message.clone()), now.timestamp_millis(), caller.da_id.clone(), Some(fingerprint)));
                Ok(rejected(e, code, message, Some(now)))
            }
        }
    }

    /// The order rules. Returns the order's ID, its normalised tracking ID and the status the
    /// event moves it to.
    fn check(&self, tx: &Tx<'_>, context: &BatchContext<'_>, e: &WireEvent) -> Result<Checked, Refusal> {
        let BatchContext { caller, device, ref market, device_last, ref known, .. } = *context;
        let storage = |err: DbError| {
            log::error!("storage error while checking an event: {err}");
            Refusal("server_error", "the server could not check this event".into())
        };
        // Times from the device are bounded before any day arithmetic sees them.
        track_core::clock::check_instant(e.device_time).map_err(|err| Refusal(err.code(), format!("device_time: {err}")))?;
        track_core::clock::check_offset(e.local_offset_s).map_err(|err| Refusal(err.code(), format!("local_offset_s: {err}")))?;
        if e.tracking_id.len() > MAX_ID_BYTES || e.order_id.len() > MAX_ID_BYTES {
            return Err(Refusal("invalid_id", format!("tracking and order IDs are at most {MAX_ID_BYTES} characters")));
        }
        let tracking = TrackingId::parse(&e.tracking_id).map_err(|err| Refusal("invalid_tracking_id", err.to_string()))?;
        OrderId::parse(&e.order_id).map_err(|err| Refusal("invalid_order_id", err.to_string()))?;
        // The order's rules read its state and its events, as read (and locked) for the batch.
        let unknown = || Refusal("unknown_order", format!("no order of your seller has tracking ID {}", tracking.redacted()));
        let Some(order) = known.orders.get(tracking.as_str()) else { return Err(unknown()) };
        let KnownOrder { order_id, seller_id, channel, status, da_id: da, shipped_at_ms } = order.clone();
        if seller_id != caller.seller_id {
            return Err(unknown());
        }
        self.check_time(market, e, shipped_at_ms)?;
        // The server closed the day of this DA's order after the phone scanned it, but the scan
        // arrived only now: it applies to the order as it was before the close.
        let pending = OrderStatus::parse(&status).is_ok_and(|s| s == OrderStatus::Pending);
        let reopen = if pending && da.is_none() && e.kind != ScanKind::OutForDelivery {
            crate::close::reopening(tx, tracking.as_str(), &caller.da_id, e.device_time).map_err(storage)?
        } else {
            None
        };
        let (status, da) = match reopen {
            Some(_) => (OrderStatus::OutForDelivery.code().to_string(), Some(caller.da_id.clone())),
            None => (status, da),
        };
        // An order out with another DA is not this DA's to scan (until it leaves that itinerary).
        let with_other = da.as_deref().is_some_and(|d| d != caller.da_id);
        let out = OrderStatus::parse(&status).is_ok_and(|s| matches!(s, OrderStatus::OutForDelivery | OrderStatus::Undeliverable));
        if with_other && out {
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
        check_values(e)?;
        // The device numbers its events one by one: a jump far beyond its highest accepted
        // number is not a count (and would block its later events of this order for ever).
        let highest = device_last.unwrap_or(0).max(0).saturating_add(MAX_SEQ_STEP);
        if !(1..=highest).contains(&e.seq) {
            return Err(Refusal(
                "invalid_seq",
                format!("event #{} is out of this device's range: sequence numbers start at 1 and grow by at most {MAX_SEQ_STEP}", e.seq),
            ));
        }
        // The daily attempt limit (the phone's rule, below) counts delivery attempts, and the Out
        // for Delivery scans that start them, per order per local day of the device time.
        let counted: &[ScanKind] = match e.kind {
            ScanKind::OutForDelivery => &[ScanKind::OutForDelivery],
            k if k.is_final_scan() => &[ScanKind::Delivered, ScanKind::Undeliverable, ScanKind::Rejected],
            _ => &[],
        };
        let (from, to) = market.day_range(market.day_of(e.device_time));
        let code = |i: usize| counted.get(i).or(counted.first()).map_or("", |k| k.code());
        // The order's accepted events: this device's last number, and that day's attempts.
        let history = known.history.get(tracking.as_str()).map_or(&[][..], Vec::as_slice);
        let last_seq = history.iter().filter(|h| h.device_id == device).map(|h| h.seq).max();
        let (from, to) = (from.timestamp_millis(), to.timestamp_millis());
        let made = history
            .iter()
            .filter(|h| [code(0), code(1), code(2)].contains(&h.kind.as_str()) && h.device_time_ms >= from && h.device_time_ms < to)
            .count();
        // The device's sequence orders its events of one order; a lower number than one already
        // recorded means the device replayed out of order.
        if last_seq.is_some_and(|last| e.seq <= last) {
            return Err(Refusal("out_of_order", format!("event #{} comes after a later event of this order from this device", e.seq)));
        }
        let status = OrderStatus::parse(&status).map_err(|_| Refusal("server_error", "the order's status is unreadable".into()))?;
        let next = track_core::lifecycle::next(status, e.kind).map_err(|why| Refusal("invalid_transition", format!("{} refused: {why}", e.kind.label())))?;
        // The daily attempt limit (the phone's rule).
        if !counted.is_empty() {
            market
                .check_attempt(&tracking.redacted(), u32::try_from(made).unwrap_or(u32::MAX))
                .map_err(|err| Refusal("attempts_exhausted", err.to_string()))?;
        }
        Ok(Checked { order_id, tracking, next, reopen })
    }

    /// Times the server can trust: not ahead of its own clock (beyond [`MAX_AHEAD`]), not before
    /// the order was shipped, and a scan (Out for Delivery, Delivered, Undeliverable, Rejected)
    /// inside the seller's working hours, as the phone refuses it outside them.
    fn check_time(&self, market: &track_core::Marketplace, e: &WireEvent, shipped_at_ms: i64) -> Result<(), Refusal> {
        let now = self.now();
        if e.device_time > now + MAX_AHEAD {
            return Err(Refusal(
                "ahead_of_server_clock",
                format!(
                    "device_time {} is more than {} minutes ahead of the server's clock ({}): set the phone's clock to the network time",
                    e.device_time.format("%Y-%m-%d %H:%M UTC"),
                    MAX_AHEAD.num_minutes(),
                    now.format("%Y-%m-%d %H:%M UTC")
                ),
            ));
        }
        if e.device_time.timestamp_millis() < shipped_at_ms {
            return Err(Refusal(
                "before_shipment",
                "device_time is before the order was shipped: the phone's clock is wrong or the event belongs to another order".into(),
            ));
        }
        if e.kind != ScanKind::LeftItinerary {
            market.check_open(e.device_time).map_err(|err| Refusal("outside_working_hours", err.to_string()))?;
        }
        // The location's fix time, bounded like the event's own: not ahead of the server's clock,
        // and close to its scan (the core's bounds, as the phone applies them).
        if let Some(location) = e.location {
            if location.fix_time_ms.is_some_and(|ms| ms > now.timestamp_millis().saturating_add(MAX_AHEAD.num_milliseconds())) {
                return Err(Refusal(
                    "invalid_location",
                    format!("the location's fix time is more than {} minutes ahead of the server's clock: set the phone's clock to the network time", MAX_AHEAD.num_minutes()),
                ));
            }
            location.check_fix_time(e.device_time).map_err(|err| Refusal("invalid_location", err.to_string()))?;
        }
        Ok(())
    }

    pub(crate) fn market_of(&self, tx: &Tx<'_>, seller_id: &str) -> Result<track_core::Marketplace, Failure> {
        let tz: Option<String> = tx.query_opt("SELECT time_zone FROM sellers WHERE id = ?1", args![seller_id], |r| r.get(0))?;
        Ok(market_in(tz))
    }
}

/// The marketplace of a seller's time zone (India's when it has none or an unknown one).
pub(crate) fn market_in(time_zone: Option<String>) -> track_core::Marketplace {
    time_zone.and_then(|tz| track_core::Marketplace::in_zone(&tz).ok()).unwrap_or_else(track_core::Marketplace::india)
}

/// How far an event's device time may lie ahead of the server's clock.
pub const MAX_AHEAD: chrono::Duration = chrono::Duration::minutes(10);

/// An event that passed the order rules: the order, its normalised tracking ID, the status the
/// event moves it to, and the server's close of the day it reopens (see [`crate::close`]).
struct Checked {
    order_id: String,
    tracking: TrackingId,
    next: OrderStatus,
    reopen: Option<crate::close::Reopen>,
}

/// What the events of one batch share: the caller, its device, the server's receive time, the
/// seller's marketplace, and the device's highest accepted sequence number so far.
struct BatchContext<'a> {
    caller: &'a Caller,
    device: &'a str,
    now: DateTime<Utc>,
    market: track_core::Marketplace,
    device_last: Option<i64>,
    known: Known,
    writes: Writes,
}

/// The rows a batch writes, kept until the batch ends (or until it reads what they would
/// change) and then written a few statements for many rows: the orders its events move, the
/// accepted and the refused events, then their customers' notifications. Another transaction (another server process) may have
/// recorded one of these event IDs since the batch looked them up: then the statement inserts
/// fewer rows than it holds and the transaction runs again, answering as that one was.
#[derive(Default)]
struct Writes {
    accepted: Vec<Vec<crate::store::Value>>,
    rejected: Vec<Vec<crate::store::Value>>,
    notifications: notify::Scheduled,
    /// The orders the accepted events move, each once (its latest status and DA, the latest
    /// delivery time), in the order first moved: one statement for the batch on PostgreSQL.
    orders: Vec<OrderUpdate>,
}

/// What the batch's accepted events changed of one order.
struct OrderUpdate {
    order_id: String,
    status: OrderStatus,
    delivered_at_ms: Option<i64>,
    da_id: Option<String>,
}

impl Writes {
    /// An accepted event moves the order to `status`, on `da`'s itinerary (or none), delivered
    /// at `delivered` when it is a delivery; a later event of the batch for the same order
    /// supersedes it, as its `UPDATE` after this one's would.
    fn order(&mut self, order_id: String, status: OrderStatus, delivered: Option<i64>, da: Option<&str>) {
        let da_id = da.map(str::to_string);
        match self.orders.iter_mut().find(|o| o.order_id == order_id) {
            Some(o) => {
                o.status = status;
                o.delivered_at_ms = delivered.or(o.delivered_at_ms);
                o.da_id = da_id;
            }
            None => self.orders.push(OrderUpdate { order_id, status, delivered_at_ms: delivered, da_id }),
        }
    }

    fn flush(&mut self, tx: &Tx<'_>) -> Result<(), DbError> {
        const CONFLICT: &str = "ON CONFLICT (event_id) DO NOTHING";
        if !self.orders.is_empty() {
            let rows: Vec<Vec<crate::store::Value>> =
                std::mem::take(&mut self.orders).into_iter().map(|o| args![o.order_id, o.status.code(), o.delivered_at_ms, o.da_id].to_vec()).collect();
            tx.defer_update_rows(
                "orders",
                "status = v.column2, delivered_at_ms = COALESCE(v.column3, orders.delivered_at_ms), da_id = v.column4",
                "orders.order_id = v.column1",
                &["TEXT", "TEXT", "BIGINT", "TEXT"],
                &rows,
            )?;
        }
        if !self.accepted.is_empty() {
            tx.defer_insert_rows(
                "events (event_id, device_id, seq, da_id, tracking_id, kind, outcome, reason, recipient_kind, pod_photo,
                         device_time_ms, local_offset_s, received_at_ms, fingerprint, latitude, longitude, accuracy_m, location_fix_ms)",
                &std::mem::take(&mut self.accepted),
                CONFLICT,
            )?;
        }
        if !self.rejected.is_empty() {
            tx.defer_insert_rows(
                "events (event_id, device_id, seq, da_id, tracking_id, kind, outcome, code, message,
                         device_time_ms, local_offset_s, received_at_ms, fingerprint)",
                &std::mem::take(&mut self.rejected),
                CONFLICT,
            )?;
        }
        self.notifications.insert(tx)
    }
}

/// An order as the rules read it.
#[derive(Clone)]
struct KnownOrder {
    order_id: String,
    seller_id: String,
    channel: String,
    status: String,
    da_id: Option<String>,
    shipped_at_ms: i64,
}

/// An accepted event of an order, as the rules count it.
struct Accepted {
    event_id: String,
    device_id: String,
    seq: i64,
    kind: String,
    device_time_ms: i64,
}

/// What the rules read about a batch's events, read together when the batch starts (three
/// statements for the batch, not three for each event, sent together) and kept up to date as its
/// events are recorded: the event IDs already recorded, the batch's orders (locked until the
/// transaction ends: one batch touches an order at a time, whichever process receives it) and
/// their accepted events.
struct Known {
    earlier: HashMap<String, Earlier>,
    orders: HashMap<String, KnownOrder>,
    history: HashMap<String, Vec<Accepted>>,
}

impl Known {
    /// What the rules read about the batch, with (in the same round trip: one statement more)
    /// the seller's time zone (its marketplace: zone, hours, attempt limit) and the device's
    /// highest accepted sequence number.
    fn read(tx: &Tx<'_>, batch: &EventBatch, seller_id: &str, device: &str) -> Result<(Known, Option<String>, Option<i64>), DbError> {
        let ids: Vec<String> = batch.events.iter().map(|e| e.event_id.to_string()).collect();
        let mut trackings: Vec<String> = batch
            .events
            .iter()
            .filter(|e| e.tracking_id.len() <= MAX_ID_BYTES)
            .filter_map(|e| TrackingId::parse(&e.tracking_id).ok().map(String::from))
            .collect();
        // Locked in one order by every transaction, so two batches never wait for each other in a circle.
        trackings.sort();
        trackings.dedup();
        let mut known = Known { earlier: HashMap::new(), orders: HashMap::new(), history: HashMap::new() };
        let context = args![seller_id, device];
        let (ids_list, ids_params) = in_list(&ids);
        let earlier_sql = format!("SELECT event_id, outcome, code, message, received_at_ms, da_id, fingerprint FROM events WHERE event_id IN ({ids_list})");
        let (list, params) = in_list(&trackings);
        let orders_sql = [
            &format!("SELECT tracking_id, order_id, seller_id, channel, status, da_id, shipped_at_ms FROM orders WHERE tracking_id IN ({list}) ORDER BY tracking_id"),
            tx.for_update(),
        ]
        .concat();
        let history_sql = format!("SELECT tracking_id, event_id, device_id, seq, kind, device_time_ms FROM events WHERE tracking_id IN ({list}) AND outcome = 'accepted'");
        // In this order: the orders are locked before their events are read.
        let mut queries: Vec<(&str, &[crate::store::Value])> = vec![(
            "SELECT (SELECT time_zone FROM sellers WHERE id = ?1), (SELECT MAX(seq) FROM events WHERE device_id = ?2 AND outcome = 'accepted')",
            context,
        )];
        if !ids.is_empty() {
            queries.push((&earlier_sql, &ids_params));
        }
        if !trackings.is_empty() {
            queries.push((&orders_sql, &params));
            queries.push((&history_sql, &params));
        }
        let mut answers = tx.query_together(&queries)?.into_iter();
        let (zone, device_last) = match answers.next().unwrap_or_default().first() {
            Some(r) => (r.get::<Option<String>>(0)?, r.get::<Option<i64>>(1)?),
            None => return Err(DbError::NoRow),
        };
        if !ids.is_empty() {
            for r in answers.next().unwrap_or_default() {
                known.earlier.insert(r.get::<String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?));
            }
        }
        if !trackings.is_empty() {
            for r in answers.next().unwrap_or_default() {
                known.orders.insert(
                    r.get::<String>(0)?,
                    KnownOrder { order_id: r.get(1)?, seller_id: r.get(2)?, channel: r.get(3)?, status: r.get(4)?, da_id: r.get(5)?, shipped_at_ms: r.get(6)? },
                );
            }
            for r in answers.next().unwrap_or_default() {
                let event = Accepted { event_id: r.get(1)?, device_id: r.get(2)?, seq: r.get(3)?, kind: r.get(4)?, device_time_ms: r.get(5)? };
                known.history.entry(r.get::<String>(0)?).or_default().push(event);
            }
        }
        Ok((known, zone, device_last))
    }

    /// An event ID recorded by this batch: an event sent twice in it is answered as a duplicate.
    fn recorded(&mut self, id: &str, earlier: Earlier) {
        self.earlier.insert(id.to_string(), earlier);
    }
}

/// `?1, ?2, …` for the values of an `IN` list, and the values, padded (with the first value
/// again) to a power of two: a few statement shapes, each prepared once, serve every batch size.
fn in_list(values: &[String]) -> (String, Vec<crate::store::Value>) {
    let n = values.len().next_power_of_two();
    let list = (1..=n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let params = (0..n).filter_map(|i| values.get(i).or(values.first())).map(crate::store::ToValue::to_value).collect();
    (list, params)
}

/// What identifies an event's content: the device and every field of the event, hashed.
fn fingerprint(device: &str, e: &WireEvent) -> String {
    let mut hash = Sha256::new();
    hash.update(device.as_bytes());
    hash.update([0]);
    // Serialising the wire type cannot fail (no maps with non-string keys); an empty body would
    // only make every such event compare equal to itself.
    hash.update(serde_json::to_vec(e).unwrap_or_default());
    hex::encode(hash.finalize())
}

/// For events recorded before fingerprints were stored: whether the recorded columns match.
fn same_as_recorded(tx: &Tx<'_>, id: &str, device: &str, e: &WireEvent) -> Result<bool, Failure> {
    let tracking = TrackingId::parse(&e.tracking_id).map(String::from).unwrap_or_else(|_| e.tracking_id.clone());
    let n: i64 = tx.query_row(
        "SELECT COUNT(*) FROM events WHERE event_id = ?1 AND device_id = ?2 AND seq = ?3 AND tracking_id = ?4 AND kind = ?5
           AND device_time_ms = ?8 AND local_offset_s = ?9
           AND (outcome = 'rejected' OR (reason IS NOT DISTINCT FROM CAST(?6 AS TEXT) AND recipient_kind IS NOT DISTINCT FROM CAST(?7 AS TEXT)))",
        args![
            id, device, e.seq, tracking, e.kind.code(), e.reason, e.recipient.as_ref().map(|r| r.kind.code()),
            e.device_time.timestamp_millis(), e.local_offset_s
        ],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// The event's own values: reasons are the reason codes of its kind, a recipient only on a
/// Delivered scan (checked by the recipient rule), a location within its ranges, a photo
/// reference of the documented pattern. Nothing free-form reaches the customer's view.
fn check_values(e: &WireEvent) -> Result<(), Refusal> {
    fn codes<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> String {
        all.iter().map(|r| code(*r)).collect::<Vec<_>>().join(", ")
    }
    let reason = e.reason.as_deref();
    let exact = |ok: bool, all: String| if ok { Ok(()) } else { Err(Refusal("invalid_reason", format!("the reason must be one of the codes {all}"))) };
    match (e.kind, reason) {
        (ScanKind::Undeliverable, Some(r)) => exact(
            UndeliverableReason::parse(r).is_ok_and(|p| p.code() == r),
            codes(UndeliverableReason::ALL, UndeliverableReason::code),
        )?,
        (ScanKind::Rejected, Some(r)) => exact(RejectReason::parse(r).is_ok_and(|p| p.code() == r), codes(RejectReason::ALL, RejectReason::code))?,
        (ScanKind::Undeliverable, None) => return Err(Refusal("missing_reason", "an Undeliverable scan needs a reason".into())),
        (ScanKind::Rejected, None) => return Err(Refusal("missing_reason", "a Rejected scan needs a reason".into())),
        (kind, Some(_)) => return Err(Refusal("unexpected_reason", format!("a {} scan carries no reason", kind.label()))),
        _ => {}
    }
    match (e.kind, &e.recipient) {
        (ScanKind::Delivered, None) => return Err(Refusal("missing_recipient", "a Delivered scan says whom the parcel was handed to".into())),
        (ScanKind::Delivered, Some(r)) => {
            Recipient::new(r.kind, r.name.as_deref()).map_err(|err| Refusal("invalid_recipient", err.to_string()))?;
        }
        (kind, Some(_)) => return Err(Refusal("unexpected_recipient", format!("a {} scan has no recipient", kind.label()))),
        (_, None) => {}
    }
    if let Some(location) = e.location {
        location.checked().map_err(|err| Refusal("invalid_location", err.to_string()))?;
    }
    if let Some(photo) = &e.pod_photo {
        track_core::event::check_pod_photo(photo).map_err(|err| Refusal("invalid_pod_photo", err.to_string()))?;
    }
    Ok(())
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
