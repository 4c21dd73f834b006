//! One call from a camera frame (or a typed tracking ID) to the day's rule: the scanner decodes
//! and confirms over frames and picks the tracking ID; then the rule of the scan's mode applies
//! (Out for Delivery: added, already scanned, already out, or refused with its reason; delivery:
//! the label matches the opened order or not) and the result is recorded. Owns [`ScanMode`] and
//! [`ScanOutcome`].

use super::ofd::OfdScan;
use super::session::Day;
use crate::error::{BadScan, Error};
use crate::order::TrackingId;
use crate::scan::{Frame, ScanEvent};

/// What the camera is scanning for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanMode {
    /// Labels for the pending Out for Delivery batch.
    OutForDelivery,
    /// The label of the order the DA opened, before handing the parcel over.
    Delivery { opened: TrackingId },
}

/// What a scan did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanOutcome {
    /// Added to the pending batch, which now holds `count` labels.
    Added { tracking_id: TrackingId, count: usize },
    /// Already in the pending batch (not added twice).
    AlreadyScanned { tracking_id: TrackingId, count: usize },
    /// Already on today's itinerary: no second event.
    AlreadyOutForDelivery { tracking_id: TrackingId, count: usize },
    /// Refused: not a label to scan (no tracking ID, not Self-Delivery, unknown, finished…).
    Refused { tracking_id: Option<TrackingId>, reason: BadScan },
    /// Delivery: the label is the opened order's.
    Matches { tracking_id: TrackingId },
    /// Delivery: the label is another order's.
    Mismatch { expected: TrackingId, scanned: TrackingId },
}

impl ScanOutcome {
    /// A stable code for the outcome (JSON, logs).
    pub fn code(&self) -> &'static str {
        match self {
            ScanOutcome::Added { .. } => "added",
            ScanOutcome::AlreadyScanned { .. } => "already-scanned",
            ScanOutcome::AlreadyOutForDelivery { .. } => "already-out-for-delivery",
            ScanOutcome::Refused { .. } => "refused",
            ScanOutcome::Matches { .. } => "matches",
            ScanOutcome::Mismatch { .. } => "mismatch",
        }
    }

    /// The tracking ID the scan read, if any.
    pub fn tracking_id(&self) -> Option<&TrackingId> {
        match self {
            ScanOutcome::Added { tracking_id, .. }
            | ScanOutcome::AlreadyScanned { tracking_id, .. }
            | ScanOutcome::AlreadyOutForDelivery { tracking_id, .. }
            | ScanOutcome::Matches { tracking_id } => Some(tracking_id),
            ScanOutcome::Refused { tracking_id, .. } => tracking_id.as_ref(),
            ScanOutcome::Mismatch { scanned, .. } => Some(scanned),
        }
    }
}

impl Day {
    /// Decodes one camera frame, confirms its reads over frames, picks the tracking ID and applies
    /// the rule of `mode`: `None` while the frames have not brought a confirmed label yet.
    pub fn scan_frame(&self, mode: &ScanMode, frame: &Frame<'_>) -> Result<Option<ScanOutcome>, Error> {
        // The scanner's lock is released before the rule runs (the rule tells the scanner about
        // the batch).
        let event = self.scanner().push_frame(frame);
        match event {
            None => Ok(None),
            Some(ScanEvent::Label(label)) => self.apply(mode, &label.tracking_id).map(Some),
            // The scanner's memory of the batch is a hint: the rule has the last word.
            Some(ScanEvent::AlreadyScanned { tracking_id }) => self.apply(mode, &tracking_id).map(Some),
            Some(ScanEvent::BadScan(reason)) => Ok(Some(ScanOutcome::Refused { tracking_id: None, reason })),
        }
    }

    /// The scanner's own report of one frame (decoded and confirmed, no rule applied), for hosts
    /// that show labels before applying a rule.
    pub fn push_frame(&self, frame: &Frame<'_>) -> Option<ScanEvent> {
        self.scanner().push_frame(frame)
    }

    /// Forgets the scanner's reads (the camera view was reopened); the batch is kept.
    pub fn reset_scanner(&self) {
        self.scanner().reset();
    }

    /// A tracking ID typed by hand: the same rule as a scanned label.
    pub fn enter_id(&self, mode: &ScanMode, text: &str) -> Result<ScanOutcome, Error> {
        self.apply(mode, &TrackingId::parse(text)?)
    }

    fn apply(&self, mode: &ScanMode, tracking_id: &TrackingId) -> Result<ScanOutcome, Error> {
        match mode {
            ScanMode::Delivery { opened } if opened == tracking_id => Ok(ScanOutcome::Matches { tracking_id: tracking_id.clone() }),
            ScanMode::Delivery { opened } => {
                log::info!("label {} does not match the opened order {}", tracking_id.redacted(), opened.redacted());
                Ok(ScanOutcome::Mismatch { expected: opened.clone(), scanned: tracking_id.clone() })
            }
            ScanMode::OutForDelivery => {
                let tracking_id = tracking_id.clone();
                match self.ofd_rule(&tracking_id) {
                    Ok(OfdScan::Added { count }) => Ok(ScanOutcome::Added { tracking_id, count }),
                    Ok(OfdScan::AlreadyScanned { count }) => Ok(ScanOutcome::AlreadyScanned { tracking_id, count }),
                    Ok(OfdScan::AlreadyOutForDelivery) => {
                        let count = self.ofd_batch()?.len();
                        Ok(ScanOutcome::AlreadyOutForDelivery { tracking_id, count })
                    }
                    Err(Error::BadScan(reason)) => {
                        self.record_error(&Error::BadScan(reason.clone()));
                        Ok(ScanOutcome::Refused { tracking_id: Some(tracking_id), reason })
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }
}
