//! The work budget of a decode: what each kind of pass costs, in work units per pixel, and the
//! meter that counts a decode's work against its limit. Work, not wall time, so a frame gives the
//! same barcodes on any CPU. Owns the cost table and [`DecodeStats`].

use std::time::Duration;

/// What one decode did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DecodeStats {
    /// Work done, in work units (see [`DecodeOptions::budget`]).
    pub work: u64,
    /// Engine passes run (the first pass, tilted-region crops, the harder passes).
    pub passes: u32,
    /// Areas where a barcode can be (the fast path's, see [`super::locate`]; 1, the whole
    /// frame, without it; 0 when the frame holds none).
    pub areas: u32,
    /// Tilted regions tried.
    pub regions: u32,
    /// Tilted regions left out because their edges do not run along bars (fast effort).
    pub screened_out: u32,
    /// Time the call took, as its clock read it (for reports; it decides nothing).
    pub elapsed: Duration,
}

/// Work units per millisecond of budget: one unit is about a nanosecond of the reference machine
/// (an x86-64 desktop core, release build), so a budget of 25 ms lets a decode do what that
/// machine does in about 25 ms, on any CPU.
pub const WORK_PER_MS: u64 = 1_000_000;

/// The work a budget allows.
pub(super) fn work_limit(budget: Duration) -> u64 {
    u64::try_from(budget.as_micros().saturating_mul(WORK_PER_MS as u128) / 1000).unwrap_or(u64::MAX)
}

/// The cost of each kind of pass, in work units per pixel it covers (measured on the reference
/// machine on the realistic frame corpus, release build).
pub(super) mod cost {
    /// Fast first pass (no harder search) over the whole frame.
    pub const FAST_FIRST: u64 = 4;
    /// Thorough first pass (harder search and rotations).
    pub const THOROUGH_FIRST: u64 = 20;
    /// The structure-tensor map of the frame (gradients on every other pixel and row), which
    /// gives the tilted regions and the fast path's areas.
    pub const FIND_REGIONS: u64 = 1;
    /// One upright crop: resampling and a harder engine pass over its pixels.
    pub const CROP: u64 = 13;
    /// The harder, rotated DataMatrix pass over the whole frame.
    pub const DATAMATRIX: u64 = 5;
    /// The last thorough pass (rotations and inverted colours).
    pub const THOROUGH_LAST: u64 = 25;
    /// Screening a region (bilinear samples of two bands across its bars).
    pub const SCREEN: u64 = 2;
}

/// Counts the work of one decode against its limit.
pub(super) struct Meter {
    pub(super) stats: DecodeStats,
    pub(super) limit: u64,
}

impl Meter {
    /// Whether a new pass may start.
    pub(super) fn left(&self) -> bool {
        self.stats.work < self.limit
    }

    /// Counts an engine pass over `pixels` pixels.
    pub(super) fn spend(&mut self, pixels: u64, per_pixel: u64) {
        self.work(pixels, per_pixel);
        self.stats.passes = self.stats.passes.saturating_add(1);
    }

    /// Counts work that is not an engine pass.
    pub(super) fn work(&mut self, pixels: u64, per_pixel: u64) {
        self.stats.work = self.stats.work.saturating_add(pixels.saturating_mul(per_pixel));
    }
}
