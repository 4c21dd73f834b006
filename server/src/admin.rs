//! Admin endpoints (behind the admin token): seeding sellers and orders for the demo and the
//! tests, and reading back what was recorded.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use track_core::event::ScanKind;
use track_core::order::{Channel, Order, OrderId, TrackingId};
use track_core::sync::wire::WireCustomer;

use crate::app::App;
use crate::args;
use crate::error::Failure;

/// `POST /v1/admin/sellers`: creates or updates a seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SellerSpec {
    pub id: String,
    pub name: String,
    /// Opted in to Self-Delivery.
    pub self_delivery: bool,
    pub ships_from: String,
    /// The address of the seller's GST registration.
    pub gst_address: String,
    /// IANA time zone of the seller's marketplace (default Asia/Kolkata).
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// One order of `POST /v1/admin/orders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderSpec {
    pub order_id: String,
    /// Missing when the seller shipped without one (it counts against the Valid Tracking Rate).
    #[serde(default)]
    pub tracking_id: Option<String>,
    #[serde(default)]
    pub carrier: Option<String>,
    pub channel: Channel,
    pub seller_id: String,
    pub customer: WireCustomer,
    /// When it shipped (default: now).
    #[serde(default)]
    pub shipped_at: Option<DateTime<Utc>>,
    /// When the seller confirmed its tracking ID (default: when it shipped, if it has one).
    #[serde(default)]
    pub tracking_confirmed_at: Option<DateTime<Utc>>,
    /// How the customer hears of the parcel (the SMS go to `customer.phone`): with it, the
    /// customer is sent a Shipped message for a Self-Delivery order with a tracking ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<CustomerContact>,
}

/// The customer's e-mail address and language, for the messages ([`crate::notify`]). Never logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerContact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A language tag (`en`, `hi`, `hi-IN`); messages are in Hindi or English (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderBatch {
    pub orders: Vec<OrderSpec>,
}

/// The one conversion of a phone order to the admin endpoint's order.
impl OrderSpec {
    /// The admin endpoint's form of a phone order of `seller_id`, shipped at `shipped_at`.
    pub fn from_order(o: &Order, seller_id: &str, shipped_at: Option<DateTime<Utc>>) -> Self {
        Self {
            order_id: o.order_id.to_string(),
            tracking_id: Some(o.tracking_id.to_string()),
            carrier: None,
            channel: o.channel,
            seller_id: seller_id.to_string(),
            customer: WireCustomer { name: o.customer.name.clone(), address: o.customer.address.clone(), phone: o.customer.phone.clone() },
            shipped_at,
            tracking_confirmed_at: None,
            contact: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub stored: usize,
}

/// `GET /v1/admin/events`: one recorded event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    pub event_id: String,
    pub device_id: String,
    pub seq: i64,
    pub tracking_id: String,
    pub kind: ScanKind,
    /// `accepted` or `rejected`.
    pub outcome: String,
    pub code: Option<String>,
    pub received_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventList {
    pub events: Vec<EventRecord>,
}

const MAX_ORDERS: usize = 10_000;

impl App {
    pub fn put_seller(&self, s: &SellerSpec) -> Result<Stored, Failure> {
        let id = s.id.trim();
        if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(Failure::new(422, "invalid_seller_id", "a seller ID is 1 to 64 letters, digits, '-' or '_'"));
        }
        let tz = s.time_zone.clone().unwrap_or_else(|| "Asia/Kolkata".into());
        track_core::Marketplace::in_zone(&tz).map_err(|e| Failure::new(422, "invalid_time_zone", e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sellers (id, name, self_delivery, ships_from, gst_address, time_zone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, self_delivery = ?3, ships_from = ?4, gst_address = ?5, time_zone = ?6",
                args![id, s.name, s.self_delivery, s.ships_from, s.gst_address, tz],
            )?;
            Ok(Stored { stored: 1 })
        })
    }

    /// Stores orders (all or none).
    pub fn put_orders(&self, batch: &OrderBatch) -> Result<Stored, Failure> {
        if batch.orders.len() > MAX_ORDERS {
            return Err(Failure::new(413, "too_many_orders", format!("at most {MAX_ORDERS} orders per request")));
        }
        let now = self.now();
        self.write(|tx| {
            for (i, o) in batch.orders.iter().enumerate() {
                let at = |e: String| Failure::new(422, "invalid_order", format!("order {}: {e}", i + 1));
                let order_id = OrderId::parse(&o.order_id).map_err(|e| at(e.to_string()))?;
                let tracking = o.tracking_id.as_deref().map(TrackingId::parse).transpose().map_err(|e| at(e.to_string()))?;
                for t in [o.shipped_at, o.tracking_confirmed_at].into_iter().flatten() {
                    track_core::clock::check_instant(t).map_err(|e| at(e.to_string()))?;
                }
                let email = o.contact.as_ref().and_then(|c| c.email.as_deref()).map(str::trim).filter(|e| !e.is_empty());
                if let Some(email) = email {
                    email.parse::<lettre::Address>().map_err(|_| at("the customer's e-mail address is not valid".into()))?;
                }
                let language = o.contact.as_ref().and_then(|c| c.language.as_deref()).map(|l| crate::messages::Language::from_tag(l).tag());
                let shipped = o.shipped_at.unwrap_or(now);
                let confirmed = o.tracking_confirmed_at.or(tracking.as_ref().map(|_| shipped));
                let n = tx.execute(
                    "INSERT INTO orders (order_id, tracking_id, carrier, seller_id, channel, customer_name, address, phone,
                                         shipped_at_ms, tracking_confirmed_at_ms, customer_email, customer_language)
                     SELECT CAST(?1 AS TEXT), CAST(?2 AS TEXT), CAST(?3 AS TEXT), id, CAST(?5 AS TEXT), CAST(?6 AS TEXT),
                            CAST(?7 AS TEXT), CAST(?8 AS TEXT), CAST(?9 AS BIGINT), CAST(?10 AS BIGINT), CAST(?11 AS TEXT),
                            CAST(?12 AS TEXT) FROM sellers WHERE id = ?4
                     ON CONFLICT (order_id) DO UPDATE SET tracking_id = ?2, carrier = ?3, channel = ?5, customer_name = ?6,
                         address = ?7, phone = ?8, tracking_confirmed_at_ms = ?10, customer_email = ?11, customer_language = ?12",
                    args![
                        order_id.as_str(),
                        tracking.as_ref().map(|t| t.as_str().to_string()),
                        o.carrier,
                        o.seller_id,
                        o.channel.code(),
                        o.customer.name,
                        o.customer.address,
                        o.customer.phone,
                        shipped.timestamp_millis(),
                        confirmed.map(|c| c.timestamp_millis()),
                        email,
                        language
                    ],
                )
                .map_err(|e| if e.is_constraint() { at("its tracking ID belongs to another order".into()) } else { e.into() })?;
                if n == 0 {
                    return Err(at(format!("there is no seller {:?}", o.seller_id)));
                }
                if let (Some(tracking), Some(_), Channel::SelfDelivery) = (&tracking, &o.contact, o.channel) {
                    let market = self.market_of(tx, &o.seller_id)?;
                    crate::notify::schedule_shipped(tx, &market, tracking, now)?;
                }
            }
            Ok(Stored { stored: batch.orders.len() })
        })
    }

    /// Every recorded event (accepted or rejected), optionally of one order.
    pub fn events(&self, tracking_id: Option<&str>) -> Result<EventList, Failure> {
        let tracking = tracking_id.map(crate::view::tracking_id_from_path).transpose()?;
        let tracking_id = tracking.as_ref().map(TrackingId::as_str);
        let rows = self.read(|tx| {
            Ok(tx.query(
                "SELECT event_id, device_id, seq, tracking_id, kind, outcome, code, received_at_ms FROM events
                 WHERE CAST(?1 AS TEXT) IS NULL OR tracking_id = ?1 ORDER BY received_at_ms, seq",
                args![tracking_id],
                |r| {
                    Ok((
                        r.get::<String>(0)?,
                        r.get::<String>(1)?,
                        r.get::<i64>(2)?,
                        r.get::<String>(3)?,
                        r.get::<String>(4)?,
                        r.get::<String>(5)?,
                        r.get::<Option<String>>(6)?,
                        r.get::<i64>(7)?,
                    ))
                },
            )?)
        })?;
        let mut events = Vec::new();
        for (event_id, device_id, seq, tracking_id, kind, outcome, code, received) in rows {
            let kind = ScanKind::parse(&kind).map_err(|e| Failure::internal(e.to_string()))?;
            events.push(EventRecord { event_id, device_id, seq, tracking_id, kind, outcome, code, received_at: DateTime::from_timestamp_millis(received) });
        }
        Ok(EventList { events })
    }
}
