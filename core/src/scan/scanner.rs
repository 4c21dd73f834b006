//! Stream mode: a scanner session takes camera frame after frame and reports a label once its
//! read is confirmed, so that a single misread never becomes a scan.
//!
//! # What counts as confirmed
//! A barcode read is confirmed when either
//! - the same format and content were read in two frames no more than
//!   [`ScannerConfig::confirm_window`] frames apart; or
//! - (when [`ScannerConfig::trust_checked_reads`] is on, the default) the read itself is
//!   self-checked ([`Barcode::is_self_checked`]): a QR, DataMatrix or PDF417 symbol, whose
//!   Reed–Solomon error correction rejects damaged reads, or a Code 128 symbol whose mandatory
//!   mod-103 checksum verified *and* that the engine read identically on at least two scan lines.
//!   Code 39 and ITF (optional check character), and EAN/UPC (a mod-10 digit that partial reads
//!   are known to satisfy) always need the second frame.
//!
//! # What is reported
//! - [`ScanEvent::Label`] the first time a confirmed tracking ID is seen;
//! - [`ScanEvent::AlreadyScanned`] instead when that tracking ID was marked as already in the
//!   batch ([`Scanner::mark_scanned`]);
//! - [`ScanEvent::BadScan`] when confirmed barcodes stay in view for
//!   [`ScannerConfig::bad_scan_frames`] frames without any tracking ID among them.
//!
//! Each is reported once while the label stays in view; the same label is reported again only
//! after it has been out of view for [`ScannerConfig::rearm_frames`] frames.

use std::collections::HashSet;

use crate::error::BadScan;
use crate::order::TrackingId;

use super::decode::{Barcode, DecodeOptions, Decoder, Format};
use super::frame::Frame;
use super::label::{self, Label, Role};

/// Settings of a scanner session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannerConfig {
    pub decode: DecodeOptions,
    /// Two reads of the same content confirm it when at most this many frames apart.
    pub confirm_window: u64,
    /// Trust one self-checked read (see the module documentation).
    pub trust_checked_reads: bool,
    /// Frames with confirmed barcodes but no tracking ID before a bad scan is reported.
    pub bad_scan_frames: u32,
    /// Frames a label must be out of view before it is reported again.
    pub rearm_frames: u64,
}

impl Default for ScannerConfig {
    fn default() -> Self {
        Self { decode: DecodeOptions::stream(), confirm_window: 10, trust_checked_reads: true, bad_scan_frames: 8, rearm_frames: 15 }
    }
}

/// What a frame brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanEvent {
    /// A confirmed label with a tracking ID, not yet in the batch.
    Label(Label),
    /// A confirmed label whose tracking ID is already in the batch.
    AlreadyScanned { tracking_id: TrackingId },
    /// Confirmed barcodes without a usable tracking ID.
    BadScan(BadScan),
}

#[derive(Debug, Clone)]
struct Sighting {
    format: Format,
    text: String,
    last_seen: u64,
}

/// What was last reported, to report it once per presence.
#[derive(Debug, Clone)]
struct Reported {
    key: String,
    last_seen: u64,
}

/// A scanner session over a camera stream.
#[derive(Debug)]
pub struct Scanner {
    decoder: Decoder,
    config: ScannerConfig,
    frame_no: u64,
    sightings: Vec<Sighting>,
    scanned: HashSet<TrackingId>,
    reported: Option<Reported>,
    bad_frames: u32,
}

impl Default for Scanner {
    fn default() -> Self {
        Self::new(ScannerConfig::default())
    }
}

impl Scanner {
    pub fn new(config: ScannerConfig) -> Self {
        Self {
            decoder: Decoder::new(config.decode.clone()),
            config,
            frame_no: 0,
            sightings: Vec::new(),
            scanned: HashSet::new(),
            reported: None,
            bad_frames: 0,
        }
    }

    /// Tells the session that this tracking ID is already in the batch: its label is reported as
    /// [`ScanEvent::AlreadyScanned`] from now on.
    pub fn mark_scanned(&mut self, id: &TrackingId) {
        self.scanned.insert(id.clone());
    }

    /// Replaces the set of tracking IDs already in the batch.
    pub fn set_scanned(&mut self, ids: impl IntoIterator<Item = TrackingId>) {
        self.scanned = ids.into_iter().collect();
    }

    pub fn is_scanned(&self, id: &TrackingId) -> bool {
        self.scanned.contains(id)
    }

    /// Forgets every read and report (e.g. when the camera view is reopened); keeps the batch.
    pub fn reset(&mut self) {
        self.sightings.clear();
        self.reported = None;
        self.bad_frames = 0;
    }

    /// Decodes one camera frame and returns what it brought, if anything.
    pub fn push_frame(&mut self, frame: &Frame<'_>) -> Option<ScanEvent> {
        let barcodes = self.decoder.decode(frame);
        self.push_barcodes(&barcodes)
    }

    /// The session's logic on the barcodes of one frame (as [`Decoder::decode`] returns them).
    pub fn push_barcodes(&mut self, barcodes: &[Barcode]) -> Option<ScanEvent> {
        self.frame_no += 1;
        let now = self.frame_no;
        let window = self.config.confirm_window.max(1);
        self.sightings.retain(|s| now - s.last_seen <= window);

        let mut confirmed: Vec<Barcode> = Vec::new();
        for b in barcodes {
            let seen = self.sightings.iter_mut().find(|s| s.format == b.format && s.text == b.text);
            let again = match seen {
                Some(s) => {
                    s.last_seen = now;
                    true
                }
                None => {
                    self.sightings.push(Sighting { format: b.format, text: b.text.clone(), last_seen: now });
                    false
                }
            };
            if again || (self.config.trust_checked_reads && b.is_self_checked()) {
                confirmed.push(b.clone());
            }
        }

        // Forget the last report once its label has been out of view long enough.
        if self.reported.as_ref().is_some_and(|r| now - r.last_seen > self.config.rearm_frames) {
            self.reported = None;
        }

        if confirmed.is_empty() {
            if barcodes.is_empty() {
                self.bad_frames = 0;
            }
            return None;
        }
        match label::read_label(&confirmed) {
            Ok(label) => {
                self.bad_frames = 0;
                let key = label.tracking_id.as_str().to_string();
                if self.already_reported(&key, now) {
                    return None;
                }
                if self.scanned.contains(&label.tracking_id) {
                    log::info!("label {} is already in the batch", label.tracking_id.redacted());
                    Some(ScanEvent::AlreadyScanned { tracking_id: label.tracking_id })
                } else {
                    log::info!(
                        "label {} confirmed ({})",
                        label.tracking_id.redacted(),
                        label.barcodes.get(label.chosen).map(|c| c.barcode.format.name()).unwrap_or("?")
                    );
                    Some(ScanEvent::Label(label))
                }
            }
            Err(bad) => {
                // A tracking ID read but not yet confirmed is on its way: no bad scan yet.
                if barcodes.iter().any(|b| label::classify(&b.text) == Role::TrackingId) {
                    return None;
                }
                self.bad_frames += 1;
                if self.bad_frames < self.config.bad_scan_frames.max(1) {
                    return None;
                }
                let mut keys: Vec<String> = confirmed.iter().map(|b| format!("{}:{}", b.format, b.text)).collect();
                keys.sort();
                let key = format!("bad:{}", keys.join("|"));
                if self.already_reported(&key, now) {
                    return None;
                }
                // Not the message: it may quote a barcode's content.
                log::info!("bad scan reported ({} barcodes in view, none a tracking ID)", confirmed.len());
                Some(ScanEvent::BadScan(bad))
            }
        }
    }

    /// Whether `key` was the last report and is still in view; records it as reported otherwise.
    fn already_reported(&mut self, key: &str, now: u64) -> bool {
        if let Some(r) = self.reported.as_mut().filter(|r| r.key == key) {
            r.last_seen = now;
            return true;
        }
        self.reported = Some(Reported { key: key.to_string(), last_seen: now });
        false
    }
}
