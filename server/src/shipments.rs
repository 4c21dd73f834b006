//! The seller's tracking details on the server: Send to Amazon shipments with their boxes (a
//! unique tracking ID per box, PRO numbers for pallets, a box tracking file, carrier changes
//! including Other, the delivery window, Ready to ship → Shipped, the fulfilment centre's
//! receipt), the seller's confirmation or correction of an order's tracking, and the seller's
//! tracking metrics (Valid Tracking Rate, missing-tracking defect rate). The rules are the core's
//! (`track_core::tracking::{shipment, vtr, defects}`): this module stores shipments, converts rows
//! to the core's types and back, and answers refusals with their stable codes (422 for the input,
//! 409 for the shipment's or order's state). Seller-authenticated like the seller's other
//! endpoints (the admin token).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use track_core::tracking::choice::CarrierChoice;
use track_core::tracking::defects::{MissingTrackingDefects, ShipmentTracking, missing_tracking_defects};
use track_core::tracking::shipment::{self, Mode, Shipment, ShipmentError, Status, Window};
use track_core::tracking::vtr::{ConfirmError, ValidTrackingRate, valid_tracking_rate};

use crate::app::App;
use crate::args;
use crate::error::Failure;
use crate::store::{DbError, Tx};

/// `POST /v1/sellers/{seller_id}/shipments`: a new shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewShipment {
    pub shipment_id: String,
    pub mode: Mode,
    /// A table carrier (code, name or alias) or `other` with `other_carrier_name`.
    pub carrier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_carrier_name: Option<String>,
    /// Small parcel: how many boxes (1 to 200). Pallet: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boxes: Option<usize>,
}

/// `POST …/shipments/{shipment_id}/boxes`: more boxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddBoxes {
    pub count: usize,
}

/// `PUT …/boxes/{box_no}`: a box's tracking ID, as the seller entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxTracking {
    pub tracking_id: String,
}

/// `PUT …/pro-number`: a pallet shipment's PRO / freight bill number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProNumber {
    pub pro_number: String,
}

/// One box's new tracking ID within a carrier change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxId {
    #[serde(rename = "box")]
    pub box_no: usize,
    pub tracking_id: String,
}

/// `PUT …/carrier`: a carrier change before delivery, with the new carrier's IDs for boxes that
/// hold the old carrier's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierChange {
    pub carrier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_carrier_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boxes: Vec<BoxId>,
}

/// `PUT …/window`: the delivery window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowSpec {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// `PUT /v1/sellers/{seller_id}/orders/{order_id}/tracking`: the seller confirms or corrects an
/// order's tracking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackingEntry {
    pub carrier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_carrier_name: Option<String>,
    pub tracking_id: String,
}

/// One box as the seller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoxView {
    #[serde(rename = "box")]
    pub box_no: usize,
    pub tracking_id: Option<String>,
}

/// The delivery window and whether it is locked (it has started, by the server's clock).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowView {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub locked: bool,
}

/// A shipment as the seller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentView {
    pub seller_id: String,
    pub shipment_id: String,
    pub mode: Mode,
    pub status: Status,
    /// The carrier's name.
    pub carrier: String,
    /// Its stored form: a table carrier's code or `other:NAME`.
    pub carrier_code: String,
    pub boxes: Vec<BoxView>,
    pub pro_number: Option<String>,
    pub window: Option<WindowView>,
    /// What is missing before it can ship (none: its tracking is complete).
    pub missing: Option<String>,
    pub tracking_complete_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// `GET /v1/sellers/{seller_id}/shipments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentList {
    pub seller_id: String,
    pub shipments: Vec<ShipmentView>,
}

/// The answer to a box tracking file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoxFileApplied {
    /// Boxes set from the file.
    pub applied: usize,
    pub shipment: ShipmentView,
}

/// The answer to a confirmation of an order's tracking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingConfirmation {
    pub order_id: String,
    pub carrier: String,
    pub carrier_code: String,
    pub tracking_id: String,
    pub confirmed_at: DateTime<Utc>,
    /// A correction or a first confirmation (false: the same tracking confirmed again).
    pub changed: bool,
    pub after_delivery: bool,
    /// The order now counts as valid tracking for the Valid Tracking Rate.
    pub counts_toward_vtr: bool,
    pub message: String,
}

/// `GET /v1/sellers/{seller_id}/tracking-metrics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SellerTrackingMetrics {
    pub seller_id: String,
    pub valid_tracking_rate: ValidTrackingRate,
    pub missing_tracking_defects: MissingTrackingDefects,
}

/// A shipment and what the server keeps beside it.
struct Stored {
    shipment: Shipment,
    created_at: DateTime<Utc>,
    tracking_complete_at: Option<DateTime<Utc>>,
    shipped_at: Option<DateTime<Utc>>,
    delivered_at: Option<DateTime<Utc>>,
}

/// A core refusal as the client sees it.
fn refused(e: ShipmentError) -> Failure {
    Failure::new(if e.is_conflict() { 409 } else { 422 }, e.code(), e.to_string())
}

fn carrier_of(carrier: &str, other_name: Option<&str>) -> Result<CarrierChoice, Failure> {
    CarrierChoice::parse(carrier, other_name).map_err(|e| Failure::new(422, e.code(), e.to_string()))
}

fn instant(ms: Option<i64>) -> Option<DateTime<Utc>> {
    ms.and_then(DateTime::from_timestamp_millis)
}

fn unreadable(what: &str) -> Failure {
    log::error!("a stored shipment has an unreadable {what}");
    Failure::internal("the server cannot read this shipment's record")
}

fn no_shipment(shipment_id: &str) -> Failure {
    Failure::new(404, "no_such_shipment", format!("the seller has no shipment {shipment_id}"))
}

fn seller_exists(tx: &Tx<'_>, seller_id: &str) -> Result<(), Failure> {
    let found: Option<String> = tx.query_opt("SELECT id FROM sellers WHERE id = ?1", args![seller_id], |r| r.get(0))?;
    found.map(|_| ()).ok_or_else(|| Failure::not_found(format!("there is no seller {seller_id:?}")))
}

type ShipmentRow = (String, String, String, String, Option<String>, Option<i64>, Option<i64>, i64, Option<i64>, Option<i64>, Option<i64>);

const SHIPMENT_COLUMNS: &str = "shipment_id, mode, carrier, status, pro_number, window_start_ms, window_end_ms, created_at_ms,
     tracking_complete_at_ms, shipped_at_ms, delivered_at_ms";

fn shipment_row(r: &crate::store::Row) -> Result<ShipmentRow, DbError> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?))
}

/// A stored row and its boxes as the core's shipment.
fn to_stored(row: ShipmentRow, boxes: Vec<Option<String>>) -> Result<Stored, Failure> {
    let (id, mode, carrier, status, pro_number, start, end, created, complete, shipped, delivered) = row;
    let mode = Mode::parse(&mode).map_err(|_| unreadable("mode"))?;
    let carrier = CarrierChoice::from_stored(&carrier).ok_or_else(|| unreadable("carrier"))?;
    let status = Status::parse(&status).map_err(|_| unreadable("status"))?;
    let window = match (instant(start), instant(end)) {
        (Some(start), Some(end)) => Some(Window { start, end }),
        _ => None,
    };
    let mut shipment = match mode {
        Mode::SmallParcel => Shipment::small_parcel(&id, carrier, 0),
        Mode::Pallet => Shipment::pallet(&id, carrier),
    };
    shipment.boxes = boxes;
    shipment.pro_number = pro_number;
    shipment.window = window;
    shipment.set_status(status);
    Ok(Stored {
        shipment,
        created_at: instant(Some(created)).ok_or_else(|| unreadable("creation time"))?,
        tracking_complete_at: instant(complete),
        shipped_at: instant(shipped),
        delivered_at: instant(delivered),
    })
}

fn load(tx: &Tx<'_>, seller_id: &str, shipment_id: &str, lock: bool) -> Result<Stored, Failure> {
    let sql = [
        "SELECT ",
        SHIPMENT_COLUMNS,
        " FROM shipments WHERE seller_id = ?1 AND shipment_id = ?2",
        if lock { tx.for_update() } else { "" },
    ]
    .concat();
    let row = tx.query_opt(&sql, args![seller_id, shipment_id], shipment_row)?.ok_or_else(|| no_shipment(shipment_id))?;
    let boxes = tx.query(
        "SELECT tracking_id FROM shipment_boxes WHERE seller_id = ?1 AND shipment_id = ?2 ORDER BY box_no",
        args![seller_id, shipment_id],
        |r| r.get::<Option<String>>(0),
    )?;
    to_stored(row, boxes)
}

/// Writes a shipment back: its row and every box.
fn save(tx: &Tx<'_>, seller_id: &str, s: &Stored) -> Result<(), Failure> {
    let sh = &s.shipment;
    let ms = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp_millis());
    tx.execute(
        "UPDATE shipments SET carrier = ?3, status = ?4, pro_number = ?5, window_start_ms = ?6, window_end_ms = ?7,
             tracking_complete_at_ms = ?8, shipped_at_ms = ?9, delivered_at_ms = ?10
         WHERE seller_id = ?1 AND shipment_id = ?2",
        args![
            seller_id,
            sh.id,
            sh.carrier.stored(),
            sh.status.code(),
            sh.pro_number,
            ms(sh.window.map(|w| w.start)),
            ms(sh.window.map(|w| w.end)),
            ms(s.tracking_complete_at),
            ms(s.shipped_at),
            ms(s.delivered_at)
        ],
    )?;
    tx.execute("DELETE FROM shipment_boxes WHERE seller_id = ?1 AND shipment_id = ?2", args![seller_id, sh.id])?;
    for (i, tracking) in sh.boxes.iter().enumerate() {
        let box_no = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        tx.execute(
            "INSERT INTO shipment_boxes (seller_id, shipment_id, box_no, tracking_id) VALUES (?1, ?2, ?3, ?4)",
            args![seller_id, sh.id, box_no, tracking],
        )?;
    }
    Ok(())
}

fn view(seller_id: &str, s: &Stored, now: DateTime<Utc>) -> ShipmentView {
    let sh = &s.shipment;
    ShipmentView {
        seller_id: seller_id.to_string(),
        shipment_id: sh.id.clone(),
        mode: sh.mode,
        status: sh.status,
        carrier: sh.carrier.label().to_string(),
        carrier_code: sh.carrier.stored(),
        boxes: sh.boxes.iter().enumerate().map(|(i, t)| BoxView { box_no: i + 1, tracking_id: t.clone() }).collect(),
        pro_number: sh.pro_number.clone(),
        window: sh.window.map(|w| WindowView { start: w.start, end: w.end, locked: now >= w.start }),
        missing: sh.check_ready().err().map(|e| match e {
            ShipmentError::Incomplete { missing, .. } => missing,
            other => other.to_string(),
        }),
        tracking_complete_at: s.tracking_complete_at,
        created_at: s.created_at,
        shipped_at: s.shipped_at,
        delivered_at: s.delivered_at,
    }
}

/// The shipment ID of a path, as the core shapes it.
fn shipment_id_of(raw: &str) -> Result<String, Failure> {
    shipment::shipment_id(raw).map_err(refused)
}

impl App {
    /// Creates a shipment in the Working state.
    pub fn create_shipment(&self, seller_id: &str, req: &NewShipment) -> Result<ShipmentView, Failure> {
        let id = shipment_id_of(&req.shipment_id)?;
        let carrier = carrier_of(&req.carrier, req.other_carrier_name.as_deref())?;
        let shipment = match (req.mode, req.boxes) {
            (Mode::SmallParcel, boxes) => {
                let mut s = Shipment::small_parcel(&id, carrier, 0);
                s.add_boxes(boxes.unwrap_or(0)).map_err(refused)?;
                s
            }
            (Mode::Pallet, None) => Shipment::pallet(&id, carrier),
            (Mode::Pallet, Some(_)) => return Err(refused(ShipmentError::PalletNeedsPro(id))),
        };
        let now = self.now();
        self.write(|tx| {
            seller_exists(tx, seller_id)?;
            let n = tx.execute(
                "INSERT INTO shipments (seller_id, shipment_id, mode, carrier, status, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO NOTHING",
                args![seller_id, id, shipment.mode.code(), shipment.carrier.stored(), shipment.status.code(), now.timestamp_millis()],
            )?;
            if n == 0 {
                return Err(Failure::new(409, "shipment_exists", format!("the seller already has a shipment {id}: change it, or use another shipment ID")));
            }
            let stored = Stored { shipment: shipment.clone(), created_at: now, tracking_complete_at: None, shipped_at: None, delivered_at: None };
            save(tx, seller_id, &stored)?;
            log::info!("seller {seller_id}: shipment {id} created ({} boxes)", stored.shipment.boxes.len());
            Ok(view(seller_id, &stored, now))
        })
    }

    /// The seller's shipments, newest first.
    pub fn shipments(&self, seller_id: &str) -> Result<ShipmentList, Failure> {
        let now = self.now();
        self.read(|tx| {
            seller_exists(tx, seller_id)?;
            let rows = tx.query(
                &["SELECT ", SHIPMENT_COLUMNS, " FROM shipments WHERE seller_id = ?1 ORDER BY created_at_ms DESC, shipment_id"].concat(),
                args![seller_id],
                shipment_row,
            )?;
            // Every box of the seller in one query, grouped by shipment.
            let mut boxes: std::collections::HashMap<String, Vec<Option<String>>> = std::collections::HashMap::new();
            for (shipment_id, tracking) in tx.query(
                "SELECT shipment_id, tracking_id FROM shipment_boxes WHERE seller_id = ?1 ORDER BY shipment_id, box_no",
                args![seller_id],
                |r| Ok((r.get::<String>(0)?, r.get::<Option<String>>(1)?)),
            )? {
                boxes.entry(shipment_id).or_default().push(tracking);
            }
            let shipments = rows
                .into_iter()
                .map(|row| {
                    let own = boxes.remove(&row.0).unwrap_or_default();
                    to_stored(row, own).map(|s| view(seller_id, &s, now))
                })
                .collect::<Result<_, _>>()?;
            Ok(ShipmentList { seller_id: seller_id.to_string(), shipments })
        })
    }

    /// One shipment with its boxes.
    pub fn shipment(&self, seller_id: &str, shipment_id: &str) -> Result<ShipmentView, Failure> {
        let id = shipment_id_of(shipment_id)?;
        let now = self.now();
        self.read(|tx| {
            seller_exists(tx, seller_id)?;
            Ok(view(seller_id, &load(tx, seller_id, &id, false)?, now))
        })
    }

    /// Runs one change of the core's shipment at the server's clock, in one transaction: the
    /// shipment's row locked, the change applied (or refused, leaving it as it was), the times the
    /// server keeps (tracking complete, shipped, received) updated, the shipment written back.
    fn change_shipment<T>(
        &self,
        seller_id: &str,
        shipment_id: &str,
        mut change: impl FnMut(&mut Shipment, DateTime<Utc>) -> Result<T, ShipmentError>,
    ) -> Result<(T, ShipmentView), Failure> {
        let id = shipment_id_of(shipment_id)?;
        let now = self.now();
        self.write(|tx| {
            seller_exists(tx, seller_id)?;
            let mut stored = load(tx, seller_id, &id, true)?;
            let was = stored.shipment.status;
            let out = change(&mut stored.shipment, now).map_err(refused)?;
            if stored.delivered_at.is_none() {
                stored.tracking_complete_at = stored.shipment.complete_since(stored.tracking_complete_at, now);
            }
            let status = stored.shipment.status;
            if status == Status::Shipped && was != Status::Shipped && stored.shipped_at.is_none() {
                stored.shipped_at = Some(now);
            }
            if status == Status::Delivered && was != Status::Delivered {
                stored.delivered_at = Some(now);
            }
            save(tx, seller_id, &stored)?;
            if status != was {
                log::info!("seller {seller_id}: shipment {id} {} → {}", was.code(), status.code());
            }
            Ok((out, view(seller_id, &stored, now)))
        })
    }

    /// Adds boxes to a small-parcel shipment.
    pub fn add_boxes(&self, seller_id: &str, shipment_id: &str, req: &AddBoxes) -> Result<ShipmentView, Failure> {
        self.change_shipment(seller_id, shipment_id, |s, _| s.add_boxes(req.count)).map(|(_, v)| v)
    }

    /// Sets one box's tracking ID.
    pub fn set_box_tracking(&self, seller_id: &str, shipment_id: &str, box_no: usize, req: &BoxTracking) -> Result<ShipmentView, Failure> {
        self.change_shipment(seller_id, shipment_id, |s, _| s.set_box_tracking(box_no, &req.tracking_id)).map(|(_, v)| v)
    }

    /// Removes one box's tracking ID.
    pub fn clear_box_tracking(&self, seller_id: &str, shipment_id: &str, box_no: usize) -> Result<ShipmentView, Failure> {
        self.change_shipment(seller_id, shipment_id, |s, _| s.clear_box_tracking(box_no)).map(|(_, v)| v)
    }

    /// Applies a box tracking file (`box,tracking_id`): every line or none.
    pub fn apply_box_file(&self, seller_id: &str, shipment_id: &str, csv: &[u8]) -> Result<BoxFileApplied, Failure> {
        let (applied, shipment) = self.change_shipment(seller_id, shipment_id, |s, _| s.apply_box_csv(csv))?;
        Ok(BoxFileApplied { applied, shipment })
    }

    /// Sets a pallet shipment's PRO / freight bill number.
    pub fn set_pro_number(&self, seller_id: &str, shipment_id: &str, req: &ProNumber) -> Result<ShipmentView, Failure> {
        self.change_shipment(seller_id, shipment_id, |s, _| s.set_pro_number(&req.pro_number)).map(|(_, v)| v)
    }

    /// Changes the carrier (a table carrier or Other) before delivery, with new box IDs.
    pub fn change_carrier(&self, seller_id: &str, shipment_id: &str, req: &CarrierChange) -> Result<ShipmentView, Failure> {
        let carrier = carrier_of(&req.carrier, req.other_carrier_name.as_deref())?;
        let ids: Vec<(usize, String)> = req.boxes.iter().map(|b| (b.box_no, b.tracking_id.clone())).collect();
        self.change_shipment(seller_id, shipment_id, |s, _| s.change_carrier_with(carrier.clone(), &ids)).map(|(_, v)| v)
    }

    /// Sets the delivery window, unless the current one has started (the server's clock).
    pub fn set_window(&self, seller_id: &str, shipment_id: &str, req: &WindowSpec) -> Result<ShipmentView, Failure> {
        for t in [req.start, req.end] {
            track_core::clock::check_instant(t).map_err(|e| Failure::new(422, "invalid_delivery_window", e.to_string()))?;
        }
        let window = Window { start: req.start, end: req.end };
        self.change_shipment(seller_id, shipment_id, |s, now| s.set_window(window, now)).map(|(_, v)| v)
    }

    /// The seller is done preparing: Ready to ship, Shipped once its tracking is complete.
    pub fn mark_ready_to_ship(&self, seller_id: &str, shipment_id: &str) -> Result<ShipmentView, Failure> {
        self.change_shipment(seller_id, shipment_id, |s, _| s.mark_ready_to_ship()).map(|(_, v)| v)
    }

    /// The fulfilment centre received the shipment.
    pub fn receive_shipment(&self, seller_id: &str, shipment_id: &str) -> Result<ShipmentView, Failure> {
        self.change_shipment(seller_id, shipment_id, |s, _| s.mark_delivered()).map(|(_, v)| v)
    }

    /// The seller confirms or corrects the tracking (ID and carrier) of one of its orders. A
    /// correction of the ID of an order DAs have already scanned is refused (their scans are
    /// recorded under the old ID), as is an ID another order has.
    pub fn confirm_tracking(&self, seller_id: &str, order_id: &str, req: &TrackingEntry) -> Result<TrackingConfirmation, Failure> {
        let order_id = track_core::order::OrderId::parse(order_id).map_err(|e| Failure::new(422, "invalid_order_id", e.to_string()))?;
        let carrier = carrier_of(&req.carrier, req.other_carrier_name.as_deref())?;
        let now = self.now();
        self.write(|tx| {
            seller_exists(tx, seller_id)?;
            let sql = [
                "SELECT channel, shipped_at_ms, carrier, tracking_id, tracking_confirmed_at_ms, delivered_at_ms FROM orders
                 WHERE order_id = ?1 AND seller_id = ?2",
                tx.for_update(),
            ]
            .concat();
            let row = tx
                .query_opt(&sql, args![order_id.as_str(), seller_id], |r| {
                    Ok((r.get::<String>(0)?, r.get::<i64>(1)?, r.get::<Option<String>>(2)?, r.get::<Option<String>>(3)?, r.get::<Option<i64>>(4)?, r.get::<Option<i64>>(5)?))
                })?
                .ok_or_else(|| Failure::new(404, "no_such_order", format!("the seller has no order {}", order_id.as_str())))?;
            let old_id = row.3.clone();
            let mut record = crate::view::shipment_record(&row.0, row.1, row.2, row.3, row.4, row.5)
                .ok_or_else(|| Failure::internal("the server cannot read this order's record"))?;
            let confirmed = record.confirm(carrier.clone(), &req.tracking_id, now).map_err(|e| match e {
                ConfirmError::AmazonTracks(_) => Failure::new(409, e.code(), e.to_string()),
                ConfirmError::Entry(_) => Failure::new(422, e.code(), e.to_string()),
            })?;
            let tracking_id = record.tracking_id.clone().unwrap_or_default();
            if old_id.as_deref().is_some_and(|old| old != tracking_id) {
                let scanned: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM events WHERE tracking_id = ?1)", args![old_id], |r| r.get(0))?;
                if scanned {
                    return Err(Failure::new(
                        409,
                        "order_already_scanned",
                        "delivery associates have scanned this order under its tracking ID: it can be confirmed, not changed",
                    ));
                }
            }
            tx.execute(
                "UPDATE orders SET carrier = ?2, tracking_id = ?3, tracking_confirmed_at_ms = ?4 WHERE order_id = ?1",
                args![order_id.as_str(), carrier.stored(), tracking_id, record.confirmed_at.map(|t| t.timestamp_millis())],
            )
            .map_err(|e| {
                if e.is_constraint() {
                    Failure::new(409, "tracking_id_in_use", "another order has this tracking ID: check it for a typo")
                } else {
                    e.into()
                }
            })?;
            let message = match (confirmed.counts, confirmed.after_delivery, confirmed.changed) {
                (true, _, _) => "tracking confirmed: it counts toward the Valid Tracking Rate".to_string(),
                (false, true, _) => "recorded, but the order was already delivered: a confirmation after delivery does not count toward the Valid Tracking Rate".to_string(),
                (false, false, _) => "recorded, but it is not valid tracking for this carrier: it does not count toward the Valid Tracking Rate".to_string(),
            };
            log::info!("seller {seller_id}: order tracking {} (counts: {})", if confirmed.changed { "confirmed" } else { "confirmed again" }, confirmed.counts);
            Ok(TrackingConfirmation {
                order_id: order_id.as_str().to_string(),
                carrier: carrier.label().to_string(),
                carrier_code: carrier.stored(),
                tracking_id,
                confirmed_at: record.confirmed_at.unwrap_or(now),
                changed: confirmed.changed,
                after_delivery: confirmed.after_delivery,
                counts_toward_vtr: confirmed.counts,
                message,
            })
        })
    }

    /// The seller's Valid Tracking Rate and missing-tracking defect rate, over the last 30 days.
    pub fn seller_tracking_metrics(&self, seller_id: &str) -> Result<SellerTrackingMetrics, Failure> {
        let now = self.now();
        let since = (now - Duration::days(track_core::tracking::defects::WINDOW_DAYS.max(track_core::tracking::vtr::WINDOW_DAYS))).timestamp_millis();
        let (records, shipments) = self.read(|tx| {
            seller_exists(tx, seller_id)?;
            let records = crate::view::shipment_records(tx, seller_id, since)?;
            let shipments = tx.query(
                "SELECT delivered_at_ms, tracking_complete_at_ms FROM shipments WHERE seller_id = ?1 AND delivered_at_ms >= ?2",
                args![seller_id, since],
                |r| Ok(ShipmentTracking { delivered_at: instant(r.get(0)?), tracking_complete_at: instant(r.get(1)?) }),
            )?;
            Ok((records, shipments))
        })?;
        Ok(SellerTrackingMetrics {
            seller_id: seller_id.to_string(),
            valid_tracking_rate: valid_tracking_rate(&records, now),
            missing_tracking_defects: missing_tracking_defects(&shipments, now),
        })
    }
}
