//! What the barcodes of a label are: which one is the tracking ID to act on.

use std::fmt;

use crate::error::BadScan;
use crate::order::{TrackingId, is_order_id};

use super::decode::{Barcode, Format};

/// The role of one barcode on a shipping label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    TrackingId,
    OrderId,
    Other,
}

impl Role {
    /// `tracking_id`, `order_id` or `other`.
    pub fn code(self) -> &'static str {
        match self {
            Role::TrackingId => "tracking_id",
            Role::OrderId => "order_id",
            Role::Other => "other",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Whether a barcode's text is a carrier tracking ID: it fits a kind of the carrier rules
/// ([`crate::tracking`]), and it is not an Amazon order ID.
pub fn is_tracking_id_candidate(text: &str) -> bool {
    tracking_match(text).is_some()
}

/// The carrier rules' best candidate for a barcode's text (check-digit-verified first), if any.
pub fn tracking_match(text: &str) -> Option<crate::tracking::Candidate> {
    let t = text.trim();
    if is_order_id(t) || TrackingId::parse(t).is_err() {
        return None;
    }
    crate::tracking::detect(t).ok().and_then(|(_, candidates)| candidates.into_iter().next())
}

/// The role of a barcode's text.
pub fn classify(text: &str) -> Role {
    if is_order_id(text.trim()) {
        Role::OrderId
    } else if is_tracking_id_candidate(text) {
        Role::TrackingId
    } else {
        Role::Other
    }
}

/// A barcode with its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub barcode: Barcode,
    pub role: Role,
}

/// A label: the tracking ID to act on, and what else it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub tracking_id: TrackingId,
    /// The Amazon order ID, when the label carries one.
    pub order_id: Option<String>,
    /// Every barcode read, with its role; `chosen` indexes the one acted on.
    pub barcodes: Vec<Classified>,
    pub chosen: usize,
}

/// Rank of a tracking-ID barcode: carrier labels print the tracking ID as their main Code 128.
fn format_rank(f: Format) -> u8 {
    match f {
        Format::Code128 => 0,
        Format::DataMatrix | Format::QrCode | Format::Pdf417 => 1,
        Format::Code39 | Format::Itf => 2,
        _ => 3,
    }
}

/// Classifies every barcode and chooses the one to act on: a tracking-ID candidate, those whose
/// check digit verified first, then Code 128, then 2D symbols, then others; among equals the
/// largest symbol (the label's main barcode). A label with none is a bad scan whose reason the DA can act on.
pub fn read_label(barcodes: &[Barcode]) -> Result<Label, BadScan> {
    let classified: Vec<Classified> = barcodes.iter().map(|b| Classified { barcode: b.clone(), role: classify(&b.text) }).collect();
    let order_id = classified.iter().find(|c| c.role == Role::OrderId).map(|c| c.barcode.text.trim().to_string());
    let chosen = classified
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role == Role::TrackingId)
        .min_by(|(_, a), (_, b)| {
            let unverified = |c: &Classified| !tracking_match(&c.barcode.text).is_some_and(|m| m.check_digit);
            unverified(a)
                .cmp(&unverified(b))
                .then(format_rank(a.barcode.format).cmp(&format_rank(b.barcode.format)))
                .then(b.barcode.area().total_cmp(&a.barcode.area()))
        })
        .map(|(i, _)| i);
    let Some(chosen) = chosen else {
        return Err(no_tracking_id(&classified));
    };
    let tracking_id = TrackingId::parse(&classified[chosen].barcode.text)
        .map_err(|e| BadScan::NoTrackingId { reason: format!("the label's barcode is not a tracking ID ({e})") })?;
    Ok(Label { tracking_id, order_id, barcodes: classified, chosen })
}

fn no_tracking_id(classified: &[Classified]) -> BadScan {
    let reason = if classified.is_empty() {
        "no barcode was found: hold the phone 15–30 cm above the label, in good light, and keep it still".to_string()
    } else if let Some(o) = classified.iter().find(|c| c.role == Role::OrderId) {
        format!(
            "the barcode read is an order ID ({}), not a tracking ID: scan the carrier's main barcode on the shipping label",
            crate::redact(o.barcode.text.trim())
        )
    } else {
        let n = classified.len();
        format!(
            "{} barcode{} read but none is a tracking ID: scan the carrier's shipping label, not a product or packing barcode",
            n,
            if n == 1 { " was" } else { "s were" }
        )
    };
    BadScan::NoTrackingId { reason }
}
