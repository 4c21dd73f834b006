//! Send to Amazon shipments: a small-parcel shipment needs a unique tracking ID per box; a
//! pallet (LTL) shipment takes a PRO / freight bill number instead. Tracking and the carrier
//! (a table carrier or Other, by name) may be changed until the shipment is delivered; a delivery
//! window may be edited until it starts, then it is locked. A shipment the seller marked Ready to
//! ship becomes Shipped once every box has valid tracking (or the pallet its PRO number). Also
//! owns the shape of a shipment ID, the box tracking file's application (all lines or none) and
//! when a shipment's tracking became complete (the missing-tracking defect's input).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::TrackingError;
use super::bulk::{BulkError, box_rows};
use super::choice::{CarrierChoice, EntryError};
use crate::coded::coded_enum;

/// The most boxes of one small-parcel shipment.
pub const MAX_BOXES: usize = 200;

coded_enum! {
    /// How a shipment travels.
    pub enum Mode ("shipment mode") {
        /// Small parcel delivery: boxes, each with its own tracking ID.
        SmallParcel = "small-parcel", "Small parcel" | "spd";
        /// Less than truckload: pallets under one PRO / freight bill number.
        Pallet = "pallet", "Pallet" | "ltl";
    }
}

coded_enum! {
    /// Where a shipment stands.
    pub enum Status ("shipment status") {
        /// Being prepared: boxes and tracking may be incomplete.
        Working = "working", "Working";
        /// The seller is done preparing; it ships once its tracking is complete and valid.
        ReadyToShip = "ready-to-ship", "Ready to ship";
        Shipped = "shipped", "Shipped";
        InTransit = "in-transit", "In transit";
        /// Received at the fulfilment centre.
        Delivered = "delivered", "Delivered";
    }
}

/// A delivery window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Why a change to a shipment was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShipmentError {
    #[error("shipment {shipment} has no box {box_no}: it has boxes 1 to {boxes}")]
    NoSuchBox {
        shipment: String,
        box_no: usize,
        boxes: usize,
    },
    #[error(
        "tracking ID {id} is already on box {other} of shipment {shipment}: box {box_no} needs its own tracking ID"
    )]
    DuplicateTracking {
        shipment: String,
        id: String,
        box_no: usize,
        other: usize,
    },
    #[error(
        "shipment {0} is a pallet shipment: give its PRO / freight bill number, not box tracking IDs"
    )]
    PalletNeedsPro(String),
    #[error(
        "shipment {0} is a small-parcel shipment: give a tracking ID per box, not a PRO number"
    )]
    ParcelNeedsTracking(String),
    #[error("PRO number {0:?} is not valid: expected 6 to 20 letters and digits")]
    BadPro(String),
    #[error("shipment {0} was delivered: its tracking can no longer be changed")]
    Delivered(String),
    #[error("the delivery window of shipment {shipment} started at {start}: it is locked")]
    WindowLocked {
        shipment: String,
        start: DateTime<Utc>,
    },
    #[error("a delivery window must end after it starts and start in the future")]
    BadWindow,
    #[error("shipment {shipment} is not ready to ship: {missing}")]
    Incomplete { shipment: String, missing: String },
    #[error(
        "shipment {shipment} cannot change to carrier {carrier}: the tracking IDs of boxes {boxes} are not {carrier} numbers; enter the new carrier's IDs for them with the change"
    )]
    CarrierChangeMismatch {
        shipment: String,
        carrier: String,
        boxes: String,
    },
    #[error("shipment {shipment} is {status}: only a shipment being prepared can be marked ready to ship")]
    NotWorking { shipment: String, status: Status },
    #[error("shipment ID {0:?} is not valid: use 3 to 40 letters, digits or '-'")]
    BadShipmentId(String),
    #[error("a small-parcel shipment has 1 to {MAX_BOXES} boxes: {0} would be too many or too few")]
    BadBoxCount(usize),
    #[error("shipment {shipment} is {status}: boxes can be added only while it is being prepared or ready to ship")]
    BoxesClosed { shipment: String, status: Status },
    #[error("shipment {0} was already received at the fulfilment centre")]
    AlreadyDelivered(String),
    #[error("the box tracking file was not applied: {}", lines_text(.0))]
    BoxFileLines(Vec<LineError>),
    #[error("the box tracking file was not applied: {0}")]
    BoxFile(BulkError),
    #[error(transparent)]
    Tracking(#[from] TrackingError),
    #[error(transparent)]
    Entry(EntryError),
}

/// One line of a box tracking file that was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    pub line: u64,
    /// The stable code of the refusal ([`ShipmentError::code`]).
    pub code: &'static str,
    pub message: String,
}

/// The most refused lines a box file's error lists (the count of the others follows).
const SHOWN_LINES: usize = 20;

fn lines_text(lines: &[LineError]) -> String {
    let shown: Vec<String> = lines.iter().take(SHOWN_LINES).map(|l| format!("line {}: {}", l.line, l.message)).collect();
    let more = lines.len().saturating_sub(shown.len());
    let more = if more > 0 { format!("; and {more} more lines") } else { String::new() };
    format!("{}{more}", shown.join("; "))
}

impl ShipmentError {
    /// A stable code for the wire and the seller tools.
    pub fn code(&self) -> &'static str {
        match self {
            ShipmentError::NoSuchBox { .. } => "no_such_box",
            ShipmentError::DuplicateTracking { .. } => "duplicate_box_tracking_id",
            ShipmentError::PalletNeedsPro(_) => "pallet_needs_pro_number",
            ShipmentError::ParcelNeedsTracking(_) => "small_parcel_needs_tracking_ids",
            ShipmentError::BadPro(_) => "invalid_pro_number",
            ShipmentError::Delivered(_) => "shipment_delivered",
            ShipmentError::WindowLocked { .. } => "delivery_window_locked",
            ShipmentError::BadWindow => "invalid_delivery_window",
            ShipmentError::Incomplete { .. } => "shipment_incomplete",
            ShipmentError::CarrierChangeMismatch { .. } => "carrier_change_mismatch",
            ShipmentError::NotWorking { .. } => "shipment_not_being_prepared",
            ShipmentError::BadShipmentId(_) => "invalid_shipment_id",
            ShipmentError::BadBoxCount(_) => "invalid_box_count",
            ShipmentError::BoxesClosed { .. } => "boxes_closed",
            ShipmentError::AlreadyDelivered(_) => "shipment_delivered",
            ShipmentError::BoxFileLines(_) => "box_file_refused",
            ShipmentError::BoxFile(e) => e.code(),
            ShipmentError::Tracking(t) => EntryError::Tracking(t.clone()).code(),
            ShipmentError::Entry(e) => e.code(),
        }
    }

    /// Whether the refusal is about the shipment's state (an HTTP 409) rather than the input (422).
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            ShipmentError::DuplicateTracking { .. }
                | ShipmentError::Delivered(_)
                | ShipmentError::WindowLocked { .. }
                | ShipmentError::Incomplete { .. }
                | ShipmentError::CarrierChangeMismatch { .. }
                | ShipmentError::NotWorking { .. }
                | ShipmentError::BoxesClosed { .. }
                | ShipmentError::AlreadyDelivered(_)
        )
    }
}

/// A shipment ID as a seller gives it, upper-cased: 3 to 40 letters, digits or '-'
/// (`FBA15XYZ`).
pub fn shipment_id(input: &str) -> Result<String, ShipmentError> {
    let id = input.trim().to_ascii_uppercase();
    if (3..=40).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(id)
    } else {
        Err(ShipmentError::BadShipmentId(input.chars().take(41).collect()))
    }
}

impl From<EntryError> for ShipmentError {
    fn from(e: EntryError) -> Self {
        match e {
            EntryError::Tracking(t) => ShipmentError::Tracking(t),
            other => ShipmentError::Entry(other),
        }
    }
}

/// A Send to Amazon shipment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shipment {
    pub id: String,
    pub mode: Mode,
    pub carrier: CarrierChoice,
    /// Small parcel: the tracking ID of each box (box 1 first).
    pub boxes: Vec<Option<String>>,
    /// Pallet: the PRO / freight bill number.
    pub pro_number: Option<String>,
    pub status: Status,
    pub window: Option<Window>,
}

impl Shipment {
    pub fn small_parcel(id: &str, carrier: impl Into<CarrierChoice>, boxes: usize) -> Self {
        Self {
            id: id.into(),
            mode: Mode::SmallParcel,
            carrier: carrier.into(),
            boxes: vec![None; boxes],
            pro_number: None,
            status: Status::Working,
            window: None,
        }
    }

    pub fn pallet(id: &str, carrier: impl Into<CarrierChoice>) -> Self {
        Self {
            id: id.into(),
            mode: Mode::Pallet,
            carrier: carrier.into(),
            boxes: Vec::new(),
            pro_number: None,
            status: Status::Working,
            window: None,
        }
    }

    fn editable(&self) -> Result<(), ShipmentError> {
        if self.status == Status::Delivered {
            Err(ShipmentError::Delivered(self.id.clone()))
        } else {
            Ok(())
        }
    }

    /// Sets the tracking ID of box `box_no` (1-based): valid for the shipment's carrier and
    /// unique within the shipment.
    pub fn set_box_tracking(&mut self, box_no: usize, tracking: &str) -> Result<(), ShipmentError> {
        if self.mode == Mode::Pallet {
            return Err(ShipmentError::PalletNeedsPro(self.id.clone()));
        }
        self.editable()?;
        if box_no == 0 || box_no > self.boxes.len() {
            return Err(ShipmentError::NoSuchBox {
                shipment: self.id.clone(),
                box_no,
                boxes: self.boxes.len(),
            });
        }
        let id = self.carrier.check_entry(tracking)?;
        if let Some(other) = self
            .boxes
            .iter()
            .enumerate()
            .find(|(i, t)| *i + 1 != box_no && t.as_deref() == Some(id.as_str()))
            .map(|(i, _)| i + 1)
        {
            return Err(ShipmentError::DuplicateTracking {
                shipment: self.id.clone(),
                id,
                box_no,
                other,
            });
        }
        self.boxes[box_no - 1] = Some(id);
        self.ship_when_complete();
        Ok(())
    }

    /// Changes the carrier before delivery. The boxes' tracking IDs must be the new carrier's
    /// numbers: a change that would leave a box with another carrier's ID is refused, naming the
    /// boxes (give the new IDs with the change: clear the boxes, change, then enter them).
    pub fn change_carrier(&mut self, carrier: CarrierChoice) -> Result<(), ShipmentError> {
        self.editable()?;
        let wrong: Vec<String> = self
            .boxes
            .iter()
            .enumerate()
            .filter(|(_, t)| t.as_deref().is_some_and(|id| !carrier.accepts(id)))
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        if !wrong.is_empty() {
            return Err(ShipmentError::CarrierChangeMismatch {
                shipment: self.id.clone(),
                carrier: carrier.label().to_string(),
                boxes: wrong.join(", "),
            });
        }
        self.carrier = carrier;
        Ok(())
    }

    /// Removes box `box_no`'s tracking ID (1-based), before delivery.
    pub fn clear_box_tracking(&mut self, box_no: usize) -> Result<(), ShipmentError> {
        self.editable()?;
        let boxes = self.boxes.len();
        let slot = box_no
            .checked_sub(1)
            .and_then(|i| self.boxes.get_mut(i))
            .ok_or_else(|| ShipmentError::NoSuchBox { shipment: self.id.clone(), box_no, boxes })?;
        *slot = None;
        Ok(())
    }

    /// The seller is done preparing: the shipment ships as soon as its tracking is complete
    /// (at once if it already is).
    pub fn mark_ready_to_ship(&mut self) -> Result<(), ShipmentError> {
        if self.status != Status::Working {
            return Err(ShipmentError::NotWorking { shipment: self.id.clone(), status: self.status });
        }
        self.status = Status::ReadyToShip;
        self.ship_when_complete();
        Ok(())
    }

    fn ship_when_complete(&mut self) {
        if self.status == Status::ReadyToShip && self.check_ready().is_ok() {
            self.status = Status::Shipped;
        }
    }

    /// Sets the PRO / freight bill number of a pallet shipment.
    pub fn set_pro_number(&mut self, pro: &str) -> Result<(), ShipmentError> {
        if self.mode == Mode::SmallParcel {
            return Err(ShipmentError::ParcelNeedsTracking(self.id.clone()));
        }
        self.editable()?;
        let p: String = pro
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .collect();
        if !(6..=20).contains(&p.len()) || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ShipmentError::BadPro(pro.to_string()));
        }
        self.pro_number = Some(p);
        self.ship_when_complete();
        Ok(())
    }

    /// Sets the delivery window, unless the current one has started.
    pub fn set_window(&mut self, window: Window, now: DateTime<Utc>) -> Result<(), ShipmentError> {
        if let Some(current) = self.window.filter(|w| now >= w.start) {
            return Err(ShipmentError::WindowLocked {
                shipment: self.id.clone(),
                start: current.start,
            });
        }
        if window.end <= window.start || window.start <= now {
            return Err(ShipmentError::BadWindow);
        }
        self.window = Some(window);
        Ok(())
    }

    /// Adds `count` boxes without tracking, while the shipment is being prepared or ready to ship
    /// (at most [`MAX_BOXES`] in all). A shipment that was Ready to ship stays so until the new
    /// boxes have tracking.
    pub fn add_boxes(&mut self, count: usize) -> Result<(), ShipmentError> {
        if self.mode == Mode::Pallet {
            return Err(ShipmentError::PalletNeedsPro(self.id.clone()));
        }
        if !matches!(self.status, Status::Working | Status::ReadyToShip) {
            return Err(ShipmentError::BoxesClosed { shipment: self.id.clone(), status: self.status });
        }
        let total = self.boxes.len().saturating_add(count);
        if count == 0 || total > MAX_BOXES {
            return Err(ShipmentError::BadBoxCount(total));
        }
        self.boxes.resize(total, None);
        Ok(())
    }

    /// Changes the carrier before delivery together with new tracking IDs for some boxes (box
    /// number, ID as entered): those boxes are cleared, the carrier changed, then the IDs entered,
    /// all or nothing. The other boxes must already hold the new carrier's numbers.
    pub fn change_carrier_with(&mut self, carrier: CarrierChoice, ids: &[(usize, String)]) -> Result<(), ShipmentError> {
        let mut next = self.clone();
        for (box_no, _) in ids {
            next.clear_box_tracking(*box_no)?;
        }
        next.change_carrier(carrier)?;
        for (box_no, id) in ids {
            next.set_box_tracking(*box_no, id)?;
        }
        *self = next;
        Ok(())
    }

    /// Applies a box tracking file (`box,tracking_id`, see [`super::bulk::box_rows`]): every line
    /// is checked as [`Self::set_box_tracking`] checks one entry, in file order; a box given on two
    /// lines is refused. Nothing is applied when any line is refused: the error lists every
    /// refused line. Returns the number of boxes set.
    pub fn apply_box_csv(&mut self, bytes: &[u8]) -> Result<usize, ShipmentError> {
        let rows = box_rows(bytes).map_err(ShipmentError::BoxFile)?;
        let mut next = self.clone();
        let mut errors = Vec::new();
        let mut seen: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
        for row in &rows {
            let refused = |code: &'static str, message: String| LineError { line: row.line, code, message };
            match &row.entry {
                Err(message) => errors.push(refused("invalid_csv_row", message.clone())),
                Ok((box_no, id)) => {
                    if let Some(first) = seen.insert(*box_no, row.line) {
                        errors.push(refused("box_given_twice", format!("box {box_no} is also on line {first}: give each box once")));
                        continue;
                    }
                    if let Err(e) = next.set_box_tracking(*box_no, id) {
                        errors.push(refused(e.code(), e.to_string()));
                    }
                }
            }
        }
        if rows.is_empty() {
            return Err(ShipmentError::BoxFile(BulkError::Csv { line: 2, message: "the file has no box lines".into() }));
        }
        if !errors.is_empty() {
            return Err(ShipmentError::BoxFileLines(errors));
        }
        *self = next;
        Ok(rows.len())
    }

    /// The fulfilment centre received the shipment: Delivered, whatever its tracking (a shipment
    /// received without complete tracking is a missing-tracking defect).
    pub fn mark_delivered(&mut self) -> Result<(), ShipmentError> {
        if self.status == Status::Delivered {
            return Err(ShipmentError::AlreadyDelivered(self.id.clone()));
        }
        self.status = Status::Delivered;
        Ok(())
    }

    /// When the shipment's tracking became complete, after a change at `now`: kept from `before`
    /// while it stays complete, `now` when it just became complete, none while incomplete (a box
    /// cleared before delivery starts the count again).
    pub fn complete_since(&self, before: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.check_ready().ok().map(|()| before.unwrap_or(now))
    }

    /// Whether every box has its tracking ID (or the pallet its PRO number).
    pub fn check_ready(&self) -> Result<(), ShipmentError> {
        let missing = match self.mode {
            Mode::SmallParcel => {
                let boxes: Vec<String> = self
                    .boxes
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.is_none())
                    .map(|(i, _)| (i + 1).to_string())
                    .collect();
                (!boxes.is_empty())
                    .then(|| format!("boxes {} have no tracking ID", boxes.join(", ")))
            }
            Mode::Pallet => self
                .pro_number
                .is_none()
                .then(|| "no PRO / freight bill number".to_string()),
        };
        match missing {
            Some(missing) => Err(ShipmentError::Incomplete {
                shipment: self.id.clone(),
                missing,
            }),
            None => Ok(()),
        }
    }

    pub fn set_status(&mut self, status: Status) {
        self.status = status;
    }
}
