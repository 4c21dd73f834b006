//! Decoding a frame: every barcode of the enabled formats, at any angle, within a work budget.
//!
//! A decode runs up to three kinds of engine passes, cheapest first, and stops starting new ones
//! once the frame's budget is spent. The budget counts work, not wall time: each pass costs
//! work units in proportion to the pixels it covers (see [`super::budget::WORK_PER_MS`]), so the same frame
//! gives the same barcodes on a fast desktop, a slow phone or under an emulator; a slower CPU
//! only takes longer.
//! 1. the whole frame as it is (level barcodes and every 2D symbol: QR and DataMatrix are read at
//!    any angle by the engine);
//! 2. for each region of parallel bars that pass 1 did not explain (see [`super::orient`]), an
//!    upright crop with the bars vertical: a Code 128 tilted at any angle reads like a level one
//!    (with [`Effort::Fast`], a region is first screened on two short bands across it, and left
//!    out when its edges do not run along it like bars: text, rules and noise cost no pass);
//! 3. ([`Effort::Thorough`] only) the whole frame again with the engine's rotations and
//!    inverted-colour search.
//!
//! In stream mode the fast path comes first ([`DecodeOptions::fast_path`]): the tile map of the
//! frame's edges ([`super::orient`]) gives the areas where a barcode can be ([`super::locate`]);
//! a frame without any is done, and passes 1 and 2b read only the areas (pass 2's regions lie
//! in them), so a decode costs in proportion to what the frame holds, not to its size.
//!
//! No input can make a call run away: each pass works on a bounded number of pixels (a larger
//! frame is read subsampled), the number of crops is bounded, and the budget is checked before
//! each pass starts.

use std::time::{Duration, Instant};

pub use super::barcode::{Barcode, Format, Point};
use super::engine::{self, Pass};
use super::frame::Frame;
#[cfg(feature = "image-files")]
use super::frame::FrameError;
#[cfg(feature = "image-files")]
use super::image::LumaImage;
use super::budget::{DecodeStats, Meter, cost, work_limit};
use super::frame::Rect;
use super::locate;
use super::orient;
use super::screen;

/// How hard a decode tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Effort {
    /// For camera streams: a fast pass per frame; the next frame is the next chance.
    #[default]
    Fast,
    /// For still images: every pass the engine has.
    Thorough,
}

/// What to read and how hard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeOptions {
    pub formats: Vec<Format>,
    pub effort: Effort,
    /// Search tilted linear barcodes (on by default).
    pub any_angle: bool,
    /// With [`Effort::Fast`], screen each region of parallel edges before the engine reads it:
    /// bars are long, so the edge profile across them repeats a few pixels along them, where
    /// text, rules and noise do not (on by default; it saves most of an empty frame's work).
    pub screen_regions: bool,
    /// With [`Effort::Fast`], the fast path: the frame's tile map first ([`super::locate`]),
    /// then every pass only over the areas where a barcode can be (a frame without any is done
    /// after the map). On by default; off, every pass covers the whole frame.
    pub fast_path: bool,
    /// No pass starts after this much work has been done on the frame, expressed as the time the
    /// work takes on the reference machine ([`super::budget::WORK_PER_MS`] work units per millisecond): the
    /// result depends on the frame, never on the speed of the CPU.
    pub budget: Duration,
    /// At most this many barcodes per frame.
    pub max_symbols: u8,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self::stream()
    }
}

impl DecodeOptions {
    /// For camera frames: default formats, fast passes, a budget of 25 ms of reference work.
    pub fn stream() -> Self {
        Self { formats: Format::DEFAULT.to_vec(), effort: Effort::Fast, any_angle: true, screen_regions: true, fast_path: true, budget: Duration::from_millis(25), max_symbols: 16 }
    }

    /// For still images: default formats, every pass, a budget of 2 s of reference work.
    pub fn still() -> Self {
        Self { effort: Effort::Thorough, budget: Duration::from_secs(2), ..Self::stream() }
    }

    /// Also read EAN-13, EAN-8, UPC-A and UPC-E.
    pub fn with_retail(mut self) -> Self {
        for f in Format::RETAIL {
            if !self.formats.contains(&f) {
                self.formats.push(f);
            }
        }
        self
    }

    pub fn with_formats(mut self, formats: &[Format]) -> Self {
        self.formats = formats.to_vec();
        self
    }
}

/// Largest number of pixels one full-frame pass reads: larger frames are subsampled.
fn max_pass_pixels(effort: Effort) -> u64 {
    match effort {
        Effort::Fast => 2_100_000,
        Effort::Thorough => 9_000_000,
    }
}

/// Largest number of tilted-region crops tried per frame.
fn max_regions(effort: Effort) -> usize {
    match effort {
        Effort::Fast => 3,
        Effort::Thorough => 8,
    }
}

/// Most rows of a tilted region's enlarged crop (fast effort), through its middle: 96 rows of
/// the frame, enough scan lines for a linear barcode, where a region along a sheet's edge or
/// background stripes is hundreds of pixels long (at 1:1 the crop keeps the region's length).
/// 64 rows of the frame lost a blurred Code 128 tilted by 10° (scan_tilt).
const ENLARGED_CROP_ROWS: u32 = 144;

/// How much the enlarged crop of fast effort (2× across the bars: thin bars need the samples)
/// is stretched along the bars: 1.5×, not 2×. Rows half a pixel apart, interpolated from the
/// same pixels, doubled the crop's resampling and the engine's scan lines (a third of a noisy
/// frame's instructions went to enlarged crops); at 1.5× every corpus frame reads what it read
/// at 2×, at 1× two noisy frames were lost (`scan_corpus::noisy_frames_read_from_enlarged_crops`).
const ENLARGED_ALONG: f32 = 1.5;

/// Most tilted regions screened per frame (fast effort).
const SCREEN_LIMIT: usize = 12;

/// A decoder: options plus the engine. Cheap to create, `Send + Sync`.
#[derive(Debug, Clone, Default)]
pub struct Decoder {
    options: DecodeOptions,
}

impl Decoder {
    pub fn new(options: DecodeOptions) -> Self {
        Self { options }
    }

    pub fn options(&self) -> &DecodeOptions {
        &self.options
    }

    /// Decodes an image file (PNG, JPEG, WebP; feature `image-files`).
    #[cfg(feature = "image-files")]
    pub fn decode_file(&self, path: impl AsRef<std::path::Path>) -> Result<Vec<Barcode>, FrameError> {
        let img = LumaImage::open(path)?;
        Ok(self.decode(&img.frame()))
    }

    /// Every barcode in the frame, each once.
    pub fn decode(&self, frame: &Frame<'_>) -> Vec<Barcode> {
        self.decode_with_stats(frame).0
    }

    /// [`Decoder::decode`], and what the decode did ([`DecodeStats`]).
    pub fn decode_with_stats(&self, frame: &Frame<'_>) -> (Vec<Barcode>, DecodeStats) {
        let start = Instant::now();
        let mut clock = move || start.elapsed();
        self.decode_with_clock(frame, &mut clock)
    }

    /// [`Decoder::decode_with_stats`] with the time since the start of the call read from `clock`
    /// (tests give it a slow clock). The clock is only reported ([`DecodeStats::elapsed`]): what
    /// is decoded depends on the work done, never on the time it took.
    #[doc(hidden)]
    pub fn decode_with_clock(&self, frame: &Frame<'_>, clock: &mut dyn FnMut() -> Duration) -> (Vec<Barcode>, DecodeStats) {
        let o = &self.options;
        let mut found: Vec<Barcode> = Vec::new();
        let mut meter = Meter { stats: DecodeStats::default(), limit: work_limit(o.budget) };
        if o.formats.is_empty() {
            return (found, meter.stats);
        }
        let max = o.max_symbols.max(1);
        let thorough = o.effort == Effort::Thorough;

        // Pass 1: the frame as it is (subsampled when huge).
        let pixels = frame.width() as u64 * frame.height() as u64;
        let mut k = 1u32;
        while pixels / (k as u64 * k as u64) > max_pass_pixels(o.effort) {
            k += 1;
        }
        let view = if k > 1 { frame.subsampled(k) } else { *frame };
        let view_pixels = view.width() as u64 * view.height() as u64;
        let whole = Rect::new(0, 0, view.width(), view.height());

        // The fast path: the tile map, and from it the tilted regions and the areas where a
        // barcode can be.
        let fast_path = !thorough && o.fast_path;
        let mut mapped_regions = None;
        let (areas, matrix_areas) = if fast_path {
            meter.work(view_pixels, cost::FIND_REGIONS);
            match orient::tile_map(&view) {
                Some(m) => {
                    let (regions, bars) = m.regions_and_bars();
                    mapped_regions = Some(regions);
                    let a = locate::areas(&m, &bars, view.width(), view.height());
                    (a.read, a.matrix)
                }
                None => (vec![whole], vec![whole]),
            }
        } else {
            (vec![whole], vec![whole])
        };
        meter.stats.areas = u32::try_from(areas.len()).unwrap_or(u32::MAX);
        if areas.is_empty() {
            return self.finish(frame, found, meter.stats, clock);
        }

        // Pass 1: the frame as it is (subsampled when huge), or its areas.
        // Fast effort without the engine's downscaled copies of large views (its image pyramid:
        // about a sixth of the first pass's instructions on the corpus frames, and no read of the corpus,
        // blurred or not, needed it; tilted and thin bars are the crops' job).
        let pass1 = Pass { try_harder: thorough, try_rotate: thorough, try_invert: false, try_downscale: thorough };
        let first_cost = if thorough { cost::THOROUGH_FIRST } else { cost::FAST_FIRST };
        for (i, area) in areas.iter().enumerate() {
            let Some(part) = view.sub(*area) else { continue };
            let pixels = u64::from(area.width) * u64::from(area.height);
            // One pass, however many areas it covers.
            if i == 0 { meter.spend(pixels, first_cost) } else { meter.work(pixels, first_cost) }
            for b in engine::read(&part, &o.formats, pass1, max) {
                push_unique(&mut found, to_frame(b, area, k));
            }
        }

        // Pass 2: tilted linear barcodes.
        // Not EAN/UPC: their one mod-10 digit lets partial reads of resampled bars through (a
        // misread seen on a real photo); retail codes are read level or not at all.
        let linear: Vec<Format> =
            o.formats.iter().copied().filter(|f| (f.is_linear() || *f == Format::Pdf417) && !Format::RETAIL.contains(f)).collect();
        if o.any_angle && !linear.is_empty() && meter.left() && found.len() < max as usize {
            let regions = match mapped_regions.take() {
                Some(r) => r,
                None if fast_path => Vec::new(),
                None => {
                    meter.work(view_pixels, cost::FIND_REGIONS);
                    orient::find_regions(&view)
                }
            };
            let mut tried = 0;
            let mut screened = 0;
            for r in regions.iter() {
                if tried >= max_regions(o.effort) || !meter.left() || found.len() >= max as usize {
                    break;
                }
                let scale = k as f32;
                // A region whose centre lies on a barcode of bars already read is explained (a
                // 2D symbol read nearby explains no bars: it may lie inside a long region).
                if found.iter().filter(|b| linear.contains(&b.format)).any(|b| {
                    let (x, y) = b.centre();
                    r.contains(x / scale, y / scale) || quad_contains(&b.corners, r.cx * scale, r.cy * scale)
                }) {
                    continue;
                }
                // Fast effort: a region whose edges do not run along its bars (text, noise) is
                // not worth an engine pass.
                if !thorough && o.screen_regions {
                    if screened >= SCREEN_LIMIT {
                        break;
                    }
                    screened += 1;
                    let (bars, sampled) = screen::looks_like_bars(&view, r);
                    meter.work(sampled, cost::SCREEN);
                    if !bars {
                        meter.stats.screened_out += 1;
                        continue;
                    }
                }
                tried += 1;
                meter.stats.regions += 1;
                // At 1:1 first; enlarged when thin bars blurred in the resampling.
                for enlarge in [1.0f32, 2.0] {
                    if enlarge > 1.0 && !meter.left() {
                        break;
                    }
                    // Fast effort: the enlarged crop is a strip of the region's middle rows.
                    let rows = (!thorough && enlarge > 1.0).then_some(ENLARGED_CROP_ROWS);
                    let along = if thorough { enlarge } else { ENLARGED_ALONG };
                    let Some(crop) = orient::crop(&view, r, enlarge, along, rows) else { continue };
                    let Ok(crop_frame) = Frame::luma(&crop.data, crop.width, crop.height) else { continue };
                    let pass2 = Pass { try_harder: true, try_rotate: false, try_invert: false, try_downscale: false };
                    meter.spend(crop.width as u64 * crop.height as u64, cost::CROP);
                    let read = engine::read(&crop_frame, &linear, pass2, max);
                    let any = !read.is_empty();
                    for mut b in read {
                        for p in &mut b.corners {
                            let (x, y) = crop.to_frame(p.x as f32, p.y as f32);
                            *p = Point { x: (x * scale).round() as i32, y: (y * scale).round() as i32 };
                        }
                        push_unique(&mut found, b);
                    }
                    if any {
                        break;
                    }
                }
            }
        }

        // Pass 2b (fast effort): a DataMatrix turned well off level needs the engine's harder
        // search, which the fast first pass leaves out; run it while the budget allows, over
        // the areas (the fast path) that hold no barcode read so far.
        if !thorough
            && o.formats.contains(&Format::DataMatrix)
            && !found.iter().any(|b| b.format == Format::DataMatrix)
        {
            let harder = Pass { try_harder: true, try_rotate: true, try_invert: false, try_downscale: true };
            let mut matrix_read = 0;
            for area in &matrix_areas {
                if !meter.left() || found.len() >= max as usize {
                    break;
                }
                let explained = found.iter().any(|b| {
                    let (x, y) = b.centre();
                    let (x, y) = (x / k as f32, y / k as f32);
                    let (l, t) = (area.left as f32, area.top as f32);
                    x >= l && y >= t && x < l + area.width as f32 && y < t + area.height as f32
                });
                if fast_path && explained {
                    continue;
                }
                // The densest few (see `locate::MATRIX_MAX_AREAS`).
                if fast_path && matrix_read >= locate::MATRIX_MAX_AREAS {
                    break;
                }
                matrix_read += 1;
                let Some(part) = view.sub(*area) else { continue };
                meter.spend(u64::from(area.width) * u64::from(area.height), cost::DATAMATRIX);
                for b in engine::read(&part, &[Format::DataMatrix], harder, max) {
                    push_unique(&mut found, to_frame(b, area, k));
                }
            }
        }

        // Pass 3: rotations and inverted colours on the whole frame.
        if thorough && meter.left() && found.len() < max as usize {
            let pass3 = Pass { try_harder: true, try_rotate: true, try_invert: true, try_downscale: true };
            meter.spend(view_pixels, cost::THOROUGH_LAST);
            for mut b in engine::read(&view, &o.formats, pass3, max) {
                for p in &mut b.corners {
                    p.x = p.x.saturating_mul(k as i32);
                    p.y = p.y.saturating_mul(k as i32);
                }
                push_unique(&mut found, b);
            }
        }
        self.finish(frame, found, meter.stats, clock)
    }

    /// The end of a decode: at most `max_symbols` barcodes, the elapsed time, the log line.
    fn finish(
        &self,
        frame: &Frame<'_>,
        mut found: Vec<Barcode>,
        mut stats: DecodeStats,
        clock: &mut dyn FnMut() -> Duration,
    ) -> (Vec<Barcode>, DecodeStats) {
        found.truncate(self.options.max_symbols.max(1) as usize);
        stats.elapsed = clock();
        log::debug!(
            "decoded {}×{} frame in {:.1} ms ({} passes, {} work units): {} barcode(s) [{}]",
            frame.width(),
            frame.height(),
            stats.elapsed.as_secs_f64() * 1e3,
            stats.passes,
            stats.work,
            found.len(),
            found.iter().map(|b| format!("{} {}", b.format, crate::redact(&b.text))).collect::<Vec<_>>().join(", ")
        );
        (found, stats)
    }
}

/// A barcode read in `area` of the view (subsampled `k` times) in frame coordinates.
fn to_frame(mut b: Barcode, area: &Rect, k: u32) -> Barcode {
    let k = k as i32;
    for p in &mut b.corners {
        p.x = p.x.saturating_add(area.left as i32).saturating_mul(k);
        p.y = p.y.saturating_add(area.top as i32).saturating_mul(k);
    }
    b
}

fn push_unique(found: &mut Vec<Barcode>, b: Barcode) {
    if let Some(existing) = found.iter_mut().find(|e| e.format == b.format && e.bytes == b.bytes && e.text == b.text) {
        existing.line_count = existing.line_count.max(b.line_count);
    } else {
        found.push(b);
    }
}

/// Whether a point lies in the quadrilateral (convex, either winding).
fn quad_contains(c: &[Point; 4], x: f32, y: f32) -> bool {
    let mut sign = 0i32;
    for i in 0..4 {
        let (p, q) = (c[i], c[(i + 1) % 4]);
        let cross = (q.x - p.x) as f32 * (y - p.y as f32) - (q.y - p.y) as f32 * (x - p.x as f32);
        let s = if cross > 0.0 { 1 } else if cross < 0.0 { -1 } else { 0 };
        if s != 0 {
            if sign != 0 && s != sign {
                return false;
            }
            sign = s;
        }
    }
    true
}
