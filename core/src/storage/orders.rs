//! The orders on the phone: identity, channel, seller, the customer's details (sealed by the
//! [`Vault`]), status, itinerary day, attempts and current workflow. Owns the `orders` table and
//! the mapping of [`OrderStatus`] to its `status` column: no status is written as a literal in
//! SQL anywhere else.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::db::Db;
use crate::error::{Error, StorageError};
use crate::order::{Channel, Customer, Order, OrderId, OrderStatus, TrackingId};
use crate::vault::Vault;

/// What the day's rules read of an order.
#[derive(Debug, Clone)]
pub struct OrderRow {
    pub order_id: OrderId,
    pub channel: Channel,
    pub status: OrderStatus,
    pub itinerary_day: Option<NaiveDate>,
    pub workflow_id: Option<i64>,
}

/// An order as the screens show it, the customer's details opened.
#[derive(Debug, Clone)]
pub struct OrderView {
    pub tracking_id: TrackingId,
    pub order_id: OrderId,
    pub channel: Channel,
    pub seller: String,
    pub customer: Customer,
    pub status: OrderStatus,
    pub attempts: u32,
    pub itinerary_day: Option<NaiveDate>,
}

fn parse_day(day: Option<String>) -> Result<Option<NaiveDate>, Error> {
    day.map(|d| d.parse().map_err(|e| Error::Storage(StorageError::Corrupt(format!("itinerary day {d:?}: {e}")))))
        .transpose()
}

/// The order with this tracking ID.
pub fn load(db: &Db<'_>, tracking_id: &TrackingId) -> Result<Option<OrderRow>, Error> {
    let row = db
        .0
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

/// Adds an order as Pending, or updates its customer details and seller (never its status).
/// A tracking ID already used by another order is refused.
pub fn import(db: &Db<'_>, vault: &Vault, o: &Order, now: DateTime<Utc>) -> Result<(), Error> {
    let existing: Option<String> = db
        .0
        .query_row("SELECT order_id FROM orders WHERE tracking_id = ?1", params![o.tracking_id.as_str()], |r| r.get(0))
        .optional()?;
    let t = o.tracking_id.as_str();
    let (name, address, phone) = (
        vault.seal(t, "name", &o.customer.name)?,
        vault.seal(t, "address", &o.customer.address)?,
        vault.seal(t, "phone", &o.customer.phone)?,
    );
    match existing {
        Some(id) if id != o.order_id.as_str() => Err(Error::InvalidArgument(format!(
            "tracking ID {} already belongs to order {id}, not {}",
            o.tracking_id, o.order_id
        ))),
        Some(_) => {
            db.0.execute(
                "UPDATE orders SET channel = ?2, seller = ?3, customer_name = ?4, customer_address = ?5,
                        customer_phone = ?6, updated_at_ms = ?7 WHERE tracking_id = ?1",
                params![t, o.channel.code(), o.seller, name, address, phone, now.timestamp_millis()],
            )?;
            Ok(())
        }
        None => {
            db.0.execute(
                "INSERT INTO orders (tracking_id, order_id, channel, seller, customer_name, customer_address,
                                     customer_phone, status, updated_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    t,
                    o.order_id.as_str(),
                    o.channel.code(),
                    o.seller,
                    name,
                    address,
                    phone,
                    OrderStatus::Pending.code(),
                    now.timestamp_millis()
                ],
            )?;
            Ok(())
        }
    }
}

/// Puts an order on the itinerary of `day` with `status` and its new workflow.
pub fn put_on_itinerary(
    db: &Db<'_>,
    tracking_id: &TrackingId,
    status: OrderStatus,
    day: NaiveDate,
    workflow_id: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    db.0.execute(
        "UPDATE orders SET status = ?2, itinerary_day = ?3, workflow_id = ?4, updated_at_ms = ?5 WHERE tracking_id = ?1",
        params![tracking_id.as_str(), status.code(), day.to_string(), workflow_id, now.timestamp_millis()],
    )?;
    Ok(())
}

/// Records a delivery attempt: the order's new status, one more attempt.
pub fn record_attempt(db: &Db<'_>, tracking_id: &TrackingId, status: OrderStatus, now: DateTime<Utc>) -> Result<(), Error> {
    db.0.execute(
        "UPDATE orders SET status = ?2, attempts = attempts + 1, updated_at_ms = ?3 WHERE tracking_id = ?1",
        params![tracking_id.as_str(), status.code(), now.timestamp_millis()],
    )?;
    Ok(())
}

/// Takes an order off its itinerary with `status`.
pub fn take_off_itinerary(db: &Db<'_>, tracking_id: &TrackingId, status: OrderStatus, now: DateTime<Utc>) -> Result<(), Error> {
    db.0.execute(
        "UPDATE orders SET status = ?2, itinerary_day = NULL, updated_at_ms = ?3 WHERE tracking_id = ?1",
        params![tracking_id.as_str(), status.code(), now.timestamp_millis()],
    )?;
    Ok(())
}

/// The orders in `status` on an itinerary of `last_day` or before, by day and tracking ID.
pub fn on_itineraries_until(db: &Db<'_>, status: OrderStatus, last_day: NaiveDate) -> Result<Vec<(TrackingId, NaiveDate)>, Error> {
    let rows: Vec<(String, String)> = {
        let mut stmt = db.0.prepare_cached(
            "SELECT tracking_id, itinerary_day FROM orders
             WHERE status = ?1 AND itinerary_day <= ?2 ORDER BY itinerary_day, tracking_id",
        )?;
        stmt.query_map(params![status.code(), last_day.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    rows.into_iter()
        .map(|(id, day)| {
            let day: NaiveDate = day.parse().map_err(|e| StorageError::Corrupt(format!("itinerary day: {e}")))?;
            Ok((TrackingId::parse(&id)?, day))
        })
        .collect()
}

/// Erases the customer details of the orders in one of `statuses` on an itinerary of
/// `last_day` or before. Returns how many orders were erased.
pub fn erase_customers(db: &Db<'_>, statuses: &[OrderStatus], last_day: NaiveDate) -> Result<usize, Error> {
    let mut n = 0;
    for status in statuses {
        n += db.0.execute(
            "UPDATE orders SET customer_name = '', customer_address = '', customer_phone = ''
             WHERE status = ?1 AND itinerary_day <= ?2
               AND (customer_name <> '' OR customer_address <> '' OR customer_phone <> '')",
            params![status.code(), last_day.to_string()],
        )?;
    }
    Ok(n)
}

fn view(vault: &Vault, row: (String, String, String, String, Value, Value, Value, String, u32, Option<String>)) -> Result<OrderView, Error> {
    let (t, order_id, channel, seller, name, address, phone, status, attempts, day) = row;
    Ok(OrderView {
        customer: Customer {
            name: vault.open(&t, "name", (&name).into())?,
            address: vault.open(&t, "address", (&address).into())?,
            phone: vault.open(&t, "phone", (&phone).into())?,
        },
        tracking_id: TrackingId::parse(&t)?,
        order_id: OrderId::parse(&order_id)?,
        channel: Channel::parse(&channel)?,
        seller,
        status: OrderStatus::parse(&status)?,
        attempts,
        itinerary_day: parse_day(day)?,
    })
}

const VIEW_COLUMNS: &str = "tracking_id, order_id, channel, seller, customer_name, customer_address, customer_phone,
                            status, attempts, itinerary_day";

type ViewRow = (String, String, String, String, Value, Value, Value, String, u32, Option<String>);

fn view_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ViewRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?))
}

/// The orders on the itinerary of `day`, in order of import.
pub fn on_itinerary(db: &Db<'_>, vault: &Vault, day: NaiveDate) -> Result<Vec<OrderView>, Error> {
    let mut stmt = db.0.prepare_cached(&format!("SELECT {VIEW_COLUMNS} FROM orders WHERE itinerary_day = ?1 ORDER BY rowid"))?;
    let rows = stmt.query_map(params![day.to_string()], view_row)?;
    rows.map(|row| view(vault, row?)).collect()
}

/// One order as the screens show it.
pub fn get(db: &Db<'_>, vault: &Vault, tracking_id: &TrackingId) -> Result<Option<OrderView>, Error> {
    let row = db
        .0
        .query_row(&format!("SELECT {VIEW_COLUMNS} FROM orders WHERE tracking_id = ?1"), params![tracking_id.as_str()], view_row)
        .optional()?;
    row.map(|row| view(vault, row)).transpose()
}

/// Seals the customer details still stored as plain text (a key's first use).
pub fn seal_all(db: &Db<'_>, vault: &Vault) -> Result<(), Error> {
    let rows: Vec<(String, String, String, String)> = {
        let mut stmt = db.0.prepare("SELECT tracking_id, customer_name, customer_address, customer_phone FROM orders")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?
    };
    for (t, name, address, phone) in rows {
        db.0.execute(
            "UPDATE orders SET customer_name = ?2, customer_address = ?3, customer_phone = ?4 WHERE tracking_id = ?1",
            params![t, vault.seal(&t, "name", &name)?, vault.seal(&t, "address", &address)?, vault.seal(&t, "phone", &phone)?],
        )?;
    }
    Ok(())
}
