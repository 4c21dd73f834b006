//! The DA's day: the Out for Delivery batch, the itinerary of one local day, delivery scans,
//! unable-to-deliver outcomes and the close of the day.
//!
//! Every scan is refused outside working hours, and every recorded scan writes the order's new
//! state and its outbox event in one transaction, committed (fsync) before the call returns.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::clock::Clock;
use crate::error::{BadScan, Error, StorageError};
use crate::event::{OutboxEvent, Recipient, RejectReason, ScanExtras, ScanKind, UndeliverableReason};
use crate::marketplace::Marketplace;
use crate::metrics::{self, DailySummary};
use crate::order::{Channel, Customer, Order, OrderId, OrderStatus, TrackingId, phone_uri};
use crate::outbox::{self, NewEvent, OutboxCounts};
use crate::store::{self, StoreOptions};
use crate::vault::Vault;

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

/// One order on a day's itinerary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItineraryEntry {
    pub tracking_id: TrackingId,
    pub order_id: OrderId,
    pub customer_name: String,
    pub address: String,
    pub status: OrderStatus,
    pub attempts: u32,
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
}

/// The DA's day, over one database and one clock.
pub struct Itinerary {
    conn: Mutex<Connection>,
    clock: Arc<dyn Clock>,
    market: Marketplace,
    vault: Vault,
    event_retention_days: u32,
}

struct OrderRow {
    order_id: OrderId,
    channel: Channel,
    status: OrderStatus,
    itinerary_day: Option<NaiveDate>,
    workflow_id: Option<i64>,
}

impl Itinerary {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: impl AsRef<Path>, clock: Arc<dyn Clock>, market: Marketplace) -> Result<Self, Error> {
        Self::open_with(path, &StoreOptions::default(), clock, market)
    }

    pub fn open_with(
        path: impl AsRef<Path>,
        options: &StoreOptions,
        clock: Arc<dyn Clock>,
        market: Marketplace,
    ) -> Result<Self, Error> {
        let mut conn = store::open(path.as_ref(), options)?;
        let vault = Vault::new(options.key.as_ref());
        vault.setup(&mut conn)?;
        Ok(Self { conn: Mutex::new(conn), clock, market, vault, event_retention_days: options.event_retention_days.unwrap_or(14) })
    }

    /// A day kept in memory only (tests, dry runs).
    pub fn in_memory(clock: Arc<dyn Clock>, market: Marketplace) -> Result<Self, Error> {
        let conn = store::open_in_memory(&StoreOptions::default())?;
        Ok(Self { conn: Mutex::new(conn), clock, market, vault: Vault::new(None), event_retention_days: 14 })
    }

    pub fn marketplace(&self) -> &Marketplace {
        &self.market
    }

    /// The current instant by this itinerary's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's local day by this itinerary's clock.
    pub fn today(&self) -> NaiveDate {
        self.market.day_of(self.clock.now())
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written transaction behind
        // (it rolls back on drop), so the connection is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds or updates orders (customer details and seller; never the status).
    /// A tracking ID already used by another order is refused.
    pub fn import_orders(&self, orders: &[Order]) -> Result<usize, Error> {
        let now_ms = self.clock.now().timestamp_millis();
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for o in orders {
            let existing: Option<String> = tx
                .query_row(
                    "SELECT order_id FROM orders WHERE tracking_id = ?1",
                    params![o.tracking_id.as_str()],
                    |r| r.get(0),
                )
                .optional()?;
            match existing {
                Some(id) if id != o.order_id.as_str() => {
                    return Err(Error::InvalidArgument(format!(
                        "tracking ID {} already belongs to order {id}, not {}",
                        o.tracking_id, o.order_id
                    )));
                }
                Some(_) => {
                    tx.execute(
                        "UPDATE orders SET channel = ?2, seller = ?3, customer_name = ?4, customer_address = ?5,
                                customer_phone = ?6, updated_at_ms = ?7 WHERE tracking_id = ?1",
                        params![
                            o.tracking_id.as_str(),
                            o.channel.code(),
                            o.seller,
                            self.vault.seal(o.tracking_id.as_str(), "name", &o.customer.name)?,
                            self.vault.seal(o.tracking_id.as_str(), "address", &o.customer.address)?,
                            self.vault.seal(o.tracking_id.as_str(), "phone", &o.customer.phone)?,
                            now_ms
                        ],
                    )?;
                }
                None => {
                    tx.execute(
                        "INSERT INTO orders (tracking_id, order_id, channel, seller, customer_name, customer_address,
                                             customer_phone, status, updated_at_ms)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8)",
                        params![
                            o.tracking_id.as_str(),
                            o.order_id.as_str(),
                            o.channel.code(),
                            o.seller,
                            self.vault.seal(o.tracking_id.as_str(), "name", &o.customer.name)?,
                            self.vault.seal(o.tracking_id.as_str(), "address", &o.customer.address)?,
                            self.vault.seal(o.tracking_id.as_str(), "phone", &o.customer.phone)?,
                            now_ms
                        ],
                    )?;
                }
            }
        }
        tx.commit()?;
        log::info!("imported {} orders", orders.len());
        Ok(orders.len())
    }

    /// Scans a label into the pending Out for Delivery batch.
    pub fn scan_ofd(&self, label: &str) -> Result<OfdScan, Error> {
        let tracking_id = TrackingId::parse(label)?;
        let now = self.clock.now();
        self.market.check_open(now)?;
        let today = self.market.day_of(now);
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.close_elapsed(&tx, now)?;
        let order = load_order(&tx, &tracking_id)?
            .ok_or_else(|| BadScan::UnknownOrder { tracking_id: tracking_id.to_string() })?;
        check_can_go_out(&tracking_id, &order)?;
        if order.itinerary_day == Some(today) && order.status != OrderStatus::Pending {
            tx.commit()?;
            return Ok(OfdScan::AlreadyOutForDelivery);
        }
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO ofd_batch (tracking_id, day, scanned_at_ms) VALUES (?1, ?2, ?3)",
            params![tracking_id.as_str(), today.to_string(), now.timestamp_millis()],
        )?;
        let count = batch_len(&tx)?;
        tx.commit()?;
        Ok(if inserted == 1 { OfdScan::Added { count } } else { OfdScan::AlreadyScanned { count } })
    }

    /// The labels in the pending batch, in scan order.
    pub fn ofd_batch(&self) -> Result<Vec<TrackingId>, Error> {
        let conn = self.lock();
        let today = self.market.day_of(self.clock.now()).to_string();
        let mut stmt =
            conn.prepare_cached("SELECT tracking_id FROM ofd_batch WHERE day = ?1 ORDER BY scanned_at_ms, rowid")?;
        let ids = stmt.query_map(params![today], |r| r.get::<_, String>(0))?;
        ids.map(|id| TrackingId::parse(&id?)).collect()
    }

    /// Confirms the batch: every pending order goes on today's itinerary as Out for Delivery,
    /// each with its event, all in one transaction.
    pub fn confirm_ofd(&self, extras: &ScanExtras) -> Result<Vec<OutboxEvent>, Error> {
        let now = self.clock.now();
        self.market.check_open(now)?;
        let today = self.market.day_of(now);
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.close_elapsed(&tx, now)?;
        let batch: Vec<String> = {
            let mut stmt = tx.prepare_cached("SELECT tracking_id FROM ofd_batch ORDER BY scanned_at_ms, rowid")?;
            stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        if batch.is_empty() {
            return Err(Error::EmptyBatch);
        }
        let mut events = Vec::with_capacity(batch.len());
        for id in batch {
            let tracking_id = TrackingId::parse(&id)?;
            let Some(order) = load_order(&tx, &tracking_id)? else { continue };
            if check_can_go_out(&tracking_id, &order).is_err()
                || (order.itinerary_day == Some(today) && order.status != OrderStatus::Pending)
            {
                continue;
            }
            let event = outbox::append(
                &tx,
                NewEvent {
                    kind: ScanKind::OutForDelivery,
                    tracking_id: &tracking_id,
                    order_id: &order.order_id,
                    reason: None,
                    recipient: None,
                    device_time: now,
                    local_offset_s: self.market.offset_seconds(now),
                    extras,
                },
            )?;
            let workflow_id = metrics::start_workflow(&tx, &tracking_id, event.seq, today, now)?;
            tx.execute(
                "UPDATE orders SET status = 'ofd', itinerary_day = ?2, workflow_id = ?3, updated_at_ms = ?4
                 WHERE tracking_id = ?1",
                params![tracking_id.as_str(), today.to_string(), workflow_id, now.timestamp_millis()],
            )?;
            events.push(event);
        }
        tx.execute("DELETE FROM ofd_batch", [])?;
        tx.commit()?;
        log::info!("Out for Delivery batch confirmed: {} orders", events.len());
        Ok(events)
    }

    /// Discards the pending batch; returns how many labels it held.
    pub fn cancel_ofd(&self) -> Result<usize, Error> {
        let conn = self.lock();
        Ok(conn.execute("DELETE FROM ofd_batch", [])?)
    }

    /// "Scan for delivery": the DA opened order `opened` and scanned `scanned_label`; the parcel was
    /// handed to `recipient`.
    pub fn deliver(
        &self,
        opened: &str,
        scanned_label: &str,
        recipient: &Recipient,
        extras: &ScanExtras,
    ) -> Result<OutboxEvent, Error> {
        let tracking_id = TrackingId::parse(opened)?;
        let scanned = TrackingId::parse(scanned_label)?;
        if scanned != tracking_id {
            return Err(Error::LabelMismatch { expected: tracking_id.to_string(), scanned: scanned.to_string() });
        }
        self.final_scan(&tracking_id, ScanKind::Delivered, None, Some(recipient), extras)
    }

    /// Unable to deliver: Undeliverable, to be re-attempted (today from the itinerary, or after a new
    /// Out for Delivery scan on another day).
    pub fn mark_undeliverable(
        &self,
        tracking: &str,
        reason: UndeliverableReason,
        extras: &ScanExtras,
    ) -> Result<OutboxEvent, Error> {
        let tracking_id = TrackingId::parse(tracking)?;
        self.final_scan(&tracking_id, ScanKind::Undeliverable, Some(reason.code()), None, extras)
    }

    /// Unable to deliver: Rejected by the customer. Final: the order returns to the seller.
    pub fn reject(&self, tracking: &str, reason: RejectReason, extras: &ScanExtras) -> Result<OutboxEvent, Error> {
        let tracking_id = TrackingId::parse(tracking)?;
        self.final_scan(&tracking_id, ScanKind::Rejected, Some(reason.code()), None, extras)
    }

    fn final_scan(
        &self,
        tracking_id: &TrackingId,
        kind: ScanKind,
        reason: Option<&'static str>,
        recipient: Option<&Recipient>,
        extras: &ScanExtras,
    ) -> Result<OutboxEvent, Error> {
        let now = self.clock.now();
        self.market.check_open(now)?;
        let today = self.market.day_of(now);
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.close_elapsed(&tx, now)?;
        let order =
            load_order(&tx, tracking_id)?.ok_or_else(|| Error::OrderNotFound(tracking_id.to_string()))?;
        let on_itinerary = order.itinerary_day == Some(today)
            && matches!(order.status, OrderStatus::OutForDelivery | OrderStatus::Undeliverable);
        if !on_itinerary {
            return Err(Error::NotOnItinerary { tracking_id: tracking_id.to_string(), status: order.status });
        }
        let (day_start, day_end) = self.market.day_range(today);
        self.market.check_attempt(tracking_id.as_str(), outbox::attempts_between(&tx, tracking_id, day_start, day_end)?)?;
        let event = outbox::append(
            &tx,
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
        let status = match kind {
            ScanKind::Delivered => OrderStatus::Delivered,
            ScanKind::Rejected => OrderStatus::Rejected,
            _ => OrderStatus::Undeliverable,
        };
        tx.execute(
            "UPDATE orders SET status = ?2, attempts = attempts + 1, updated_at_ms = ?3 WHERE tracking_id = ?1",
            params![tracking_id.as_str(), status.code(), now.timestamp_millis()],
        )?;
        if let Some(workflow_id) = order.workflow_id {
            metrics::end_workflow(&tx, workflow_id, kind, now, &self.market)?;
        }
        tx.commit()?;
        Ok(event)
    }

    /// Closes every day whose working hours have ended: orders still Out for Delivery leave the
    /// itinerary (each with a `left-itinerary` event) and need a new Out for Delivery scan.
    /// Also runs on its own before every scan, so a phone that was off at closing time catches up.
    pub fn close_day(&self) -> Result<Vec<OutboxEvent>, Error> {
        let now = self.clock.now();
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let events = self.close_elapsed(&tx, now)?;
        let erased = self.apply_retention(&tx, now)?;
        tx.commit()?;
        if erased > 0 {
            // Erased details must not linger in the write-ahead log either.
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(events)
    }

    /// Retention, once a day has closed: the customer details of orders finished (delivered or
    /// rejected) on a closed day are erased, and acknowledged events older than the retention
    /// age are deleted. Returns how many rows were changed.
    fn apply_retention(&self, tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<usize, Error> {
        let today = self.market.day_of(now);
        let last_closed = if now >= self.market.close_instant(today) { Some(today) } else { today.pred_opt() };
        let Some(last_closed) = last_closed else { return Ok(0) };
        let erased = tx.execute(
            "UPDATE orders SET customer_name = '', customer_address = '', customer_phone = ''
             WHERE status IN ('delivered', 'rejected') AND itinerary_day <= ?1
               AND (customer_name <> '' OR customer_address <> '' OR customer_phone <> '')",
            params![last_closed.to_string()],
        )?;
        // Today's events stay whatever the retention: the daily attempt limit counts them.
        let cutoff = now
            .checked_sub_signed(chrono::Duration::days(i64::from(self.event_retention_days)))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
            .min(self.market.day_range(today).0);
        let pruned = tx.execute(
            "DELETE FROM events WHERE state = 'acknowledged' AND device_time_ms < ?1",
            params![cutoff.timestamp_millis()],
        )?;
        // What sync no longer needs: the name of a person other than the customer.
        tx.execute("UPDATE events SET recipient_name = NULL WHERE state = 'acknowledged' AND recipient_name IS NOT NULL", [])?;
        if erased + pruned > 0 {
            log::info!("retention: customer details of {erased} finished orders erased, {pruned} old events pruned");
        }
        Ok(erased + pruned)
    }

    fn close_elapsed(&self, tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<Vec<OutboxEvent>, Error> {
        let today = self.market.day_of(now);
        // A batch scanned on an earlier day is stale: those labels must be scanned again.
        tx.execute("DELETE FROM ofd_batch WHERE day <> ?1", params![today.to_string()])?;
        let last_open_day = if now >= self.market.close_instant(today) { Some(today) } else { today.pred_opt() };
        let Some(last_open_day) = last_open_day else { return Ok(Vec::new()) };
        let out: Vec<(String, String)> = {
            let mut stmt = tx.prepare_cached(
                "SELECT tracking_id, itinerary_day FROM orders
                 WHERE status = 'ofd' AND itinerary_day <= ?1 ORDER BY itinerary_day, tracking_id",
            )?;
            stmt.query_map(params![last_open_day.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        let mut events = Vec::with_capacity(out.len());
        for (id, day) in out {
            let tracking_id = TrackingId::parse(&id)?;
            let day: NaiveDate = day.parse().map_err(|e| StorageError::Corrupt(format!("itinerary day: {e}")))?;
            let Some(order) = load_order(tx, &tracking_id)? else { continue };
            let closed_at = self.market.close_instant(day).min(now);
            let event = outbox::append(
                tx,
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
            tx.execute(
                "UPDATE orders SET status = 'pending', itinerary_day = NULL, updated_at_ms = ?2 WHERE tracking_id = ?1",
                params![tracking_id.as_str(), now.timestamp_millis()],
            )?;
            if let Some(workflow_id) = order.workflow_id {
                metrics::end_workflow(tx, workflow_id, ScanKind::LeftItinerary, closed_at, &self.market)?;
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
    fn catch_up(&self) {
        if let Err(e) = self.close_day() {
            log::warn!("day close deferred: {e}");
        }
    }

    /// The itinerary of a local day (today when `None`), in address order of import.
    pub fn entries(&self, day: Option<NaiveDate>) -> Result<Vec<ItineraryEntry>, Error> {
        self.catch_up();
        let day = day.unwrap_or_else(|| self.today());
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT tracking_id, order_id, customer_name, customer_address, status, attempts
             FROM orders WHERE itinerary_day = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map(params![day.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, rusqlite::types::Value>(2)?,
                r.get::<_, rusqlite::types::Value>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, u32>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (t, o, name, address, status, attempts) = row?;
            Ok(ItineraryEntry {
                customer_name: self.vault.open(&t, "name", (&name).into())?,
                address: self.vault.open(&t, "address", (&address).into())?,
                tracking_id: TrackingId::parse(&t)?,
                order_id: OrderId::parse(&o)?,
                status: OrderStatus::parse(&status)?,
                attempts,
            })
        })
        .collect()
    }

    /// The order-details screen for one order.
    pub fn order_details(&self, tracking: &str) -> Result<OrderDetails, Error> {
        let tracking_id = TrackingId::parse(tracking)?;
        self.catch_up();
        let today = self.today();
        let conn = self.lock();
        let row = conn
            .query_row(
                "SELECT order_id, channel, seller, customer_name, customer_address, customer_phone, status,
                        attempts, itinerary_day
                 FROM orders WHERE tracking_id = ?1",
                params![tracking_id.as_str()],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, rusqlite::types::Value>(3)?,
                        r.get::<_, rusqlite::types::Value>(4)?,
                        r.get::<_, rusqlite::types::Value>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, u32>(7)?,
                        r.get::<_, Option<String>>(8)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| Error::OrderNotFound(tracking_id.to_string()))?;
        let (order_id, channel, seller, name, address, phone, status, attempts, day) = row;
        let t = tracking_id.as_str();
        let customer_name = self.vault.open(t, "name", (&name).into())?;
        let address = self.vault.open(t, "address", (&address).into())?;
        let phone = self.vault.open(t, "phone", (&phone).into())?;
        let itinerary_day = parse_day(day)?;
        let status = OrderStatus::parse(&status)?;
        Ok(OrderDetails {
            order_id: OrderId::parse(&order_id)?,
            channel: Channel::parse(&channel)?,
            seller,
            phone_uri: phone_uri(&phone),
            customer_name,
            address,
            phone,
            on_todays_itinerary: itinerary_day == Some(today) && status != OrderStatus::Pending,
            status,
            attempts,
            itinerary_day,
            events: outbox::for_order(&conn, &tracking_id)?,
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
        metrics::daily_summary(&self.lock(), day)
    }

    /// How many outbox events are in each state.
    pub fn outbox_counts(&self) -> Result<OutboxCounts, Error> {
        outbox::counts(&self.lock())
    }

    /// Outbox events not yet sent, oldest first.
    pub fn pending_events(&self, limit: usize) -> Result<Vec<OutboxEvent>, Error> {
        outbox::in_state(&self.lock(), crate::event::EventState::Pending, limit)
    }

    /// Runs `f` with the database connection (for the sync client and diagnostics).
    pub fn with_connection<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T, Error>) -> Result<T, Error> {
        f(&mut self.lock())
    }
}

fn parse_day(day: Option<String>) -> Result<Option<NaiveDate>, Error> {
    day.map(|d| d.parse().map_err(|e| Error::Storage(StorageError::Corrupt(format!("itinerary day {d:?}: {e}")))))
        .transpose()
}

fn load_order(tx: &Connection, tracking_id: &TrackingId) -> Result<Option<OrderRow>, Error> {
    let row = tx
        .query_row(
            "SELECT order_id, channel, status, itinerary_day, workflow_id FROM orders WHERE tracking_id = ?1",
            params![tracking_id.as_str()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                ))
            },
        )
        .optional()?;
    row.map(|(order_id, channel, status, day, workflow_id)| {
        Ok(OrderRow {
            order_id: OrderId::parse(&order_id)?,
            channel: Channel::parse(&channel)?,
            status: OrderStatus::parse(&status)?,
            itinerary_day: parse_day(day)?,
            workflow_id,
        })
    })
    .transpose()
}

fn check_can_go_out(tracking_id: &TrackingId, order: &OrderRow) -> Result<(), Error> {
    let tracking_id = tracking_id.to_string();
    if order.channel != Channel::SelfDelivery {
        return Err(BadScan::NotSelfDelivery { tracking_id, channel: order.channel }.into());
    }
    match order.status {
        OrderStatus::Rejected => Err(BadScan::ReturnedToSeller { tracking_id }.into()),
        OrderStatus::Delivered => Err(BadScan::AlreadyDelivered { tracking_id }.into()),
        _ => Ok(()),
    }
}

fn batch_len(tx: &Connection) -> Result<usize, Error> {
    let n: i64 = tx.query_row("SELECT COUNT(*) FROM ofd_batch", [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}
