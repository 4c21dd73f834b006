//! The shapes the bridge makes of the core's results (the core's own types cross as they
//! serialise). Every field is always present (null when it does not apply), so the drift test
//! sees the whole shape.

use serde::Serialize;
use track_core::OfdScan;
use track_core::ScanOutcome;
use track_core::order::TrackingId;
use track_core::scan::ScanEvent;
use track_core::tracking::Candidate;

/// What an Out for Delivery scan did, and the batch's size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfdResult {
    /// `added`, `already-scanned` or `already-out-for-delivery`.
    pub outcome: &'static str,
    pub count: usize,
}

/// The stable code of an Out for Delivery scan's outcome.
pub fn ofd_code(scan: &OfdScan) -> &'static str {
    match scan {
        OfdScan::Added { .. } => "added",
        OfdScan::AlreadyScanned { .. } => "already-scanned",
        OfdScan::AlreadyOutForDelivery => "already-out-for-delivery",
    }
}

/// What a camera frame confirmed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanResult {
    /// `label`, `already-scanned` or `bad-scan`.
    pub kind: &'static str,
    pub tracking_id: Option<String>,
    pub order_id: Option<String>,
    /// The barcode format of the chosen barcode.
    pub format: Option<String>,
    /// What to do, for a bad scan.
    pub message: Option<String>,
}

impl ScanResult {
    pub fn of(event: &ScanEvent) -> Self {
        match event {
            ScanEvent::Label(label) => ScanResult {
                kind: "label",
                tracking_id: Some(label.tracking_id.as_str().to_string()),
                order_id: label.order_id.clone(),
                format: label.barcodes.get(label.chosen).map(|c| c.barcode.format.name().to_string()),
                message: None,
            },
            ScanEvent::AlreadyScanned { tracking_id } => ScanResult {
                kind: "already-scanned",
                tracking_id: Some(tracking_id.as_str().to_string()),
                order_id: None,
                format: None,
                message: None,
            },
            ScanEvent::BadScan(bad) => {
                ScanResult { kind: "bad-scan", tracking_id: None, order_id: None, format: None, message: Some(bad.to_string()) }
            }
        }
    }
}

/// A scan's outcome once its mode's rule applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanOutcomeJson {
    /// [`ScanOutcome::code`].
    pub outcome: &'static str,
    pub tracking_id: Option<String>,
    /// The OFD batch's size (added, already scanned, already out for delivery).
    pub count: Option<usize>,
    /// The opened order, of a mismatch.
    pub expected: Option<String>,
    /// The refusal's error kind (`bad-scan`).
    pub kind: Option<&'static str>,
    /// The refusal's message for the DA.
    pub message: Option<String>,
}

impl ScanOutcomeJson {
    pub fn of(o: &ScanOutcome) -> Self {
        let mut v = ScanOutcomeJson {
            outcome: o.code(),
            tracking_id: o.tracking_id().map(|t| TrackingId::as_str(t).to_string()),
            count: None,
            expected: None,
            kind: None,
            message: None,
        };
        match o {
            ScanOutcome::Added { count, .. } | ScanOutcome::AlreadyScanned { count, .. } | ScanOutcome::AlreadyOutForDelivery { count, .. } => {
                v.count = Some(*count);
            }
            ScanOutcome::Refused { reason, .. } => {
                v.kind = Some(track_core::Error::BadScan(reason.clone()).kind());
                v.message = Some(reason.to_string());
            }
            ScanOutcome::Mismatch { expected, .. } => v.expected = Some(expected.as_str().to_string()),
            ScanOutcome::Matches { .. } => {}
        }
        v
    }
}

/// A tracking ID checked: its normal form and every carrier and kind it fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detected {
    pub normalized: String,
    pub candidates: Vec<Candidate>,
}

/// The kinds of [`ScanResult`] (the match in [`ScanResult::of`]).
pub const SCAN_RESULT_KINDS: [&str; 3] = ["label", "already-scanned", "bad-scan"];
