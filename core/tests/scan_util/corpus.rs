//! A realistic corpus of 1280×720 camera frames, generated from deterministic seeds (no files).
//!
//! Each frame is a scene as a phone camera sees it in a van or at a doorstep:
//! - a textured background (cardboard-like value noise, sometimes corrugation stripes) under
//!   uneven light (a gradient and vignetting);
//! - a shipping label (a sheet of paper) seen in perspective and tilted in the image plane,
//!   carrying a header, address-like text, rules, the main barcode (the tracking ID) with its
//!   human-readable line, a second Code 128 (an order number) and a QR code;
//! - clutter around the label: part of another parcel's label with its own barcode and text;
//! - several barcode sizes (module 1.8–3.5 px), tilts, perspective (keystone);
//! - optionally graded Gaussian defocus or linear motion blur;
//! - sensor noise (Gaussian, σ = 8 grey levels), quantised to 8 bits.
//!
//! Classes ([`Class`]): `level`, `tilted` (any angle), `noisy` (low light and low contrast, any
//! angle, stronger perspective), `empty` (the same scenes with no barcode at all),
//! `defocus-N` and `motion-N` (graded blur on Code 128, Code 39 and ITF labels, nearly level).
//! Frame `i` of a class is always the same pixels: the seed is derived from the class and `i`.
//!
//! Every barcode drawn is listed in [`CorpusFrame::drawn`]: a decoder reporting any other text
//! misread.
#![allow(dead_code)]

use track_core::scan::Format;
use zxingcpp::BarcodeFormat;

use super::{linear_modules, matrix_modules};

/// Frame width and height.
pub const W: usize = 1280;
pub const H: usize = 720;

/// Sensor noise (standard deviation, grey levels) added to every frame.
pub const NOISE_SIGMA: f32 = 8.0;

/// Defocus levels: Gaussian σ in modules of the main barcode.
pub const DEFOCUS: [f32; 4] = [0.3, 0.4, 0.5, 0.65];
/// Motion blur levels: length of the linear blur in modules of the main barcode.
pub const MOTION: [f32; 3] = [0.75, 1.25, 2.0];

/// A class of frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// A label within ±3° of level, good light.
    Level,
    /// A label at any angle 8°–82° off level (in any quadrant), good light.
    Tilted,
    /// Low light and low contrast, any angle, stronger perspective.
    Noisy,
    /// The same kind of scenes with no barcode at all.
    Empty,
    /// Gaussian defocus, level 1 to 4 ([`DEFOCUS`]).
    Defocus(u8),
    /// Linear motion blur, level 1 to 3 ([`MOTION`]).
    Motion(u8),
}

impl Class {
    /// Every class, in the bench's order.
    pub fn all() -> Vec<Class> {
        let mut v = vec![Class::Level, Class::Tilted, Class::Noisy, Class::Empty];
        v.extend((1..=DEFOCUS.len() as u8).map(Class::Defocus));
        v.extend((1..=MOTION.len() as u8).map(Class::Motion));
        v
    }

    pub fn name(self) -> String {
        match self {
            Class::Level => "level".into(),
            Class::Tilted => "tilted".into(),
            Class::Noisy => "noisy".into(),
            Class::Empty => "empty".into(),
            Class::Defocus(l) => format!("defocus-{l}"),
            Class::Motion(l) => format!("motion-{l}"),
        }
    }

    fn seed(self) -> u64 {
        match self {
            Class::Level => 0x1000,
            Class::Tilted => 0x2000,
            Class::Noisy => 0x3000,
            Class::Empty => 0x4000,
            Class::Defocus(l) => 0x5000 + l as u64 * 0x100,
            Class::Motion(l) => 0x6000 + l as u64 * 0x100,
        }
    }
}

/// One frame of the corpus.
pub struct CorpusFrame {
    pub class: Class,
    pub index: usize,
    pub width: usize,
    pub height: usize,
    /// Packed luminance, `width × height`.
    pub data: Vec<u8>,
    /// The label's main barcode (None for empty frames).
    pub expected: Option<(Format, String)>,
    /// The text of every barcode drawn in the frame, the main one included.
    pub drawn: Vec<String>,
    /// The main barcode's tilt in degrees and module size in pixels (for reports).
    pub angle: f32,
    pub module_px: f32,
}

impl CorpusFrame {
    /// Whether the decoded texts include the expected main barcode.
    pub fn is_read(&self, found: &[(Format, String)]) -> bool {
        self.expected.as_ref().is_some_and(|(f, t)| found.iter().any(|(g, u)| g == f && u == t))
    }

    /// The decoded texts that are not any barcode of the frame.
    pub fn misreads<'a>(&self, found: &'a [(Format, String)]) -> Vec<&'a str> {
        found.iter().filter(|(_, t)| !self.drawn.contains(t)).map(|(_, t)| t.as_str()).collect()
    }
}

/// The first `n` frames of a class.
pub fn frames(class: Class, n: usize) -> Vec<CorpusFrame> {
    (0..n).map(|i| frame(class, i)).collect()
}

/// The first `n` frames of a class, kept in the folder `TRACK_CORPUS_CACHE` when it is set: a
/// frame found there is read back (`CLASS-I.y`: its pixels; `CLASS-I.json`: what it shows),
/// one missing is generated and written. The bench makes the frames on the host and its run
/// under qemu reads them: generating them under an emulator's floating point takes longer than
/// decoding them, and both runs then decode the very same pixels.
pub fn frames_cached(class: Class, n: usize) -> Vec<CorpusFrame> {
    let Some(dir) = std::env::var_os("TRACK_CORPUS_CACHE").map(std::path::PathBuf::from) else { return frames(class, n) };
    (0..n)
        .map(|i| {
            let (pixels, meta) = (dir.join(format!("{}-{i}.y", class.name())), dir.join(format!("{}-{i}.json", class.name())));
            if let Some(f) = read_cached(class, i, &pixels, &meta) {
                return f;
            }
            let f = frame(class, i);
            let json = serde_json::json!({
                "width": f.width, "height": f.height,
                "expected": f.expected.as_ref().map(|(format, text)| (format.name(), text)),
                "drawn": f.drawn, "angle": f.angle, "module_px": f.module_px,
            });
            let written = std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&pixels, &f.data))
                .and_then(|()| std::fs::write(&meta, json.to_string()));
            if let Err(e) = written {
                eprintln!("corpus cache {}: {e}", dir.display());
            }
            f
        })
        .collect()
}

fn read_cached(class: Class, index: usize, pixels: &std::path::Path, meta: &std::path::Path) -> Option<CorpusFrame> {
    #[derive(serde::Deserialize)]
    struct Meta {
        width: usize,
        height: usize,
        expected: Option<(String, String)>,
        drawn: Vec<String>,
        angle: f32,
        module_px: f32,
    }
    let m: Meta = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
    let data = std::fs::read(pixels).ok()?;
    if data.len() != m.width.checked_mul(m.height)? {
        return None;
    }
    let expected = match m.expected {
        None => None,
        Some((name, text)) => Some((Format::DEFAULT.into_iter().chain(Format::RETAIL).find(|f| f.name() == name)?, text)),
    };
    Some(CorpusFrame { class, index, width: m.width, height: m.height, data, expected, drawn: m.drawn, angle: m.angle, module_px: m.module_px })
}

/// An India Post S10 number with a valid check digit.
pub fn s10(rng: &mut fastrand::Rng) -> String {
    let prefix = ["EK", "EE", "RR", "CP", "EM", "RN"][rng.usize(0..6)];
    let digits: Vec<u32> = (0..8).map(|_| rng.u32(0..10)).collect();
    let sum: u32 = digits.iter().zip([8, 6, 4, 2, 3, 5, 9, 7]).map(|(d, w)| d * w).sum();
    let check = match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c,
    };
    let body: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
    format!("{prefix}{body}{check}IN")
}

/// A 14-digit GS1 number (ITF-14) with a valid mod-10 check digit.
pub fn itf14(rng: &mut fastrand::Rng) -> String {
    let digits: Vec<u32> = (0..13).map(|_| rng.u32(0..10)).collect();
    let sum: u32 = digits.iter().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    let check = (10 - sum % 10) % 10;
    digits.iter().chain(std::iter::once(&check)).map(|d| char::from(b'0' + *d as u8)).collect()
}

/// An EAN-13 with a valid check digit.
fn ean13(rng: &mut fastrand::Rng) -> String {
    let digits: Vec<u32> = std::iter::once(8).chain(std::iter::once(9)).chain((0..10).map(|_| rng.u32(0..10))).collect();
    let sum: u32 = digits.iter().enumerate().map(|(i, d)| if i % 2 == 1 { d * 3 } else { *d }).sum();
    let check = (10 - sum % 10) % 10;
    digits.iter().chain(std::iter::once(&check)).map(|d| char::from(b'0' + *d as u8)).collect()
}

/// A sheet of paper in its own coordinates (1 unit = 1 frame pixel before perspective), drawn
/// at `SS` raster pixels per unit. Values are reflectance: 1 paper, 0 ink.
struct Sheet {
    w: usize,
    h: usize,
    data: Vec<f32>,
}

/// Raster pixels per sheet unit.
const SS: f32 = 2.0;

impl Sheet {
    fn new(width_units: f32, height_units: f32) -> Self {
        let w = (width_units * SS).max(1.0) as usize;
        let h = (height_units * SS).max(1.0) as usize;
        Sheet { w, h, data: vec![1.0; w * h] }
    }

    fn units(&self) -> (f32, f32) {
        (self.w as f32 / SS, self.h as f32 / SS)
    }

    /// Fills a rectangle given in sheet units with ink of darkness `ink` (1 = full ink).
    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, ink: f32) {
        let (a, b) = ((x0 * SS).round().max(0.0) as usize, ((x1 * SS).round().max(0.0) as usize).min(self.w));
        let (c, d) = ((y0 * SS).round().max(0.0) as usize, ((y1 * SS).round().max(0.0) as usize).min(self.h));
        for y in c..d {
            for v in &mut self.data[y * self.w + a.min(b)..y * self.w + b] {
                *v = (*v - ink).max(0.0);
            }
        }
    }

    /// A line segment of width `t` (sheet units), stamped as squares.
    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, t: f32) {
        let len = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
        let n = (len * SS).ceil().max(1.0) as usize;
        for i in 0..=n {
            let f = i as f32 / n as f32;
            let (x, y) = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
            self.stamp(x - t / 2.0, y - t / 2.0, t);
        }
    }

    fn stamp(&mut self, x: f32, y: f32, t: f32) {
        let (a, b) = ((x * SS).round().max(0.0) as usize, (((x + t) * SS).round().max(0.0) as usize).min(self.w));
        let (c, d) = ((y * SS).round().max(0.0) as usize, (((y + t) * SS).round().max(0.0) as usize).min(self.h));
        for yy in c..d {
            for v in &mut self.data[yy * self.w + a.min(b)..yy * self.w + b] {
                *v = 0.0;
            }
        }
    }

    /// A linear barcode, bars vertical, top-left at `(x, y)`.
    fn linear(&mut self, modules: &[bool], x: f32, y: f32, module: f32, height: f32) {
        let mut i = 0;
        while i < modules.len() {
            if modules[i] {
                let mut j = i;
                while j < modules.len() && modules[j] {
                    j += 1;
                }
                self.rect(x + i as f32 * module, y, x + j as f32 * module, y + height, 1.0);
                i = j;
            } else {
                i += 1;
            }
        }
    }

    /// A 2D symbol, top-left at `(x, y)`.
    fn matrix(&mut self, mw: usize, mh: usize, modules: &[bool], x: f32, y: f32, module: f32) {
        for r in 0..mh {
            for c in 0..mw {
                if modules[r * mw + c] {
                    self.rect(x + c as f32 * module, y + r as f32 * module, x + (c + 1) as f32 * module, y + (r + 1) as f32 * module, 1.0);
                }
            }
        }
    }

    /// Text-like glyphs: each character is a few strokes of a 14-segment cell, chosen from the
    /// character (the same letter always looks the same), `size` units tall.
    fn text(&mut self, s: &str, x: f32, y: f32, size: f32) {
        let (cw, t) = (size * 0.62, (size * 0.13).max(0.7));
        let (gw, gh) = (size * 0.48, size);
        for (k, ch) in s.chars().enumerate() {
            if ch == ' ' {
                continue;
            }
            let x0 = x + k as f32 * cw;
            let mut h = (ch as u32).wrapping_mul(2_654_435_761) ^ 0x5bd1_e995;
            let mut strokes = 0;
            // Segment endpoints in the cell: (x0, y0, x1, y1) as fractions of (gw, gh).
            const SEG: [(f32, f32, f32, f32); 14] = [
                (0.0, 0.0, 1.0, 0.0),
                (0.0, 0.5, 1.0, 0.5),
                (0.0, 1.0, 1.0, 1.0),
                (0.0, 0.0, 0.0, 0.5),
                (0.0, 0.5, 0.0, 1.0),
                (1.0, 0.0, 1.0, 0.5),
                (1.0, 0.5, 1.0, 1.0),
                (0.5, 0.0, 0.5, 0.5),
                (0.5, 0.5, 0.5, 1.0),
                (0.0, 0.0, 0.5, 0.5),
                (1.0, 0.0, 0.5, 0.5),
                (0.0, 1.0, 0.5, 0.5),
                (1.0, 1.0, 0.5, 0.5),
                (0.0, 0.3, 1.0, 0.3),
            ];
            for (i, seg) in SEG.iter().enumerate() {
                let on = (h >> i) & 1 == 1 && (i < 7 || (h >> (i + 14)) & 1 == 1);
                if on || (i == 6 && strokes < 2) {
                    strokes += 1;
                    self.line(x0 + seg.0 * gw, y + seg.1 * gh, x0 + seg.2 * gw, y + seg.3 * gh, t);
                }
            }
            h = h.rotate_left(7);
            let _ = h;
        }
    }

    /// Bilinear reflectance at sheet point `(u, v)` (units), or None outside the sheet.
    #[inline]
    fn sample(&self, u: f32, v: f32) -> Option<f32> {
        let (x, y) = (u * SS - 0.5, v * SS - 0.5);
        if !(x > -1.0 && y > -1.0 && x < self.w as f32 && y < self.h as f32) {
            return None;
        }
        let (xf, yf) = (x.floor(), y.floor());
        let (ax, ay) = (x - xf, y - yf);
        let cx = |v: f32| (v.max(0.0) as usize).min(self.w - 1);
        let cy = |v: f32| (v.max(0.0) as usize).min(self.h - 1);
        let (x0, x1, y0, y1) = (cx(xf), cx(xf + 1.0), cy(yf), cy(yf + 1.0));
        let d = &self.data;
        let top = d[y0 * self.w + x0] * (1.0 - ax) + d[y0 * self.w + x1] * ax;
        let bottom = d[y1 * self.w + x0] * (1.0 - ax) + d[y1 * self.w + x1] * ax;
        Some(top * (1.0 - ay) + bottom * ay)
    }
}

/// A homography as a 3×3 matrix (row-major), mapping `(x, y, 1)`.
#[derive(Clone, Copy)]
struct Homography([f64; 9]);

impl Homography {
    /// The homography taking `from[i]` to `to[i]` (4 points in general position).
    fn from_points(from: [(f64, f64); 4], to: [(f64, f64); 4]) -> Option<Self> {
        let mut a = [[0f64; 9]; 8];
        for i in 0..4 {
            let ((x, y), (u, v)) = (from[i], to[i]);
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        // Gaussian elimination with partial pivoting.
        for c in 0..8 {
            let p = (c..8).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
            if a[p][c].abs() < 1e-12 {
                return None;
            }
            a.swap(c, p);
            for r in 0..8 {
                if r != c {
                    let f = a[r][c] / a[c][c];
                    for k in c..9 {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        let h: Vec<f64> = (0..8).map(|i| a[i][8] / a[i][i]).collect();
        Some(Homography([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0]))
    }

    #[inline]
    fn map(&self, x: f32, y: f32) -> (f32, f32) {
        let m = &self.0;
        let (x, y) = (x as f64, y as f64);
        let w = m[6] * x + m[7] * y + m[8];
        let w = if w.abs() < 1e-9 { 1e-9 } else { w };
        (((m[0] * x + m[1] * y + m[2]) / w) as f32, ((m[3] * x + m[4] * y + m[5]) / w) as f32)
    }
}

/// How a sheet lies in the frame and how it is lit.
struct Placement {
    /// Frame point of the sheet anchor.
    cx: f32,
    cy: f32,
    /// The sheet point placed at `(cx, cy)`.
    ax: f32,
    ay: f32,
    angle_deg: f32,
    /// Keystone: the sheet's top edge is this much narrower (fraction) than its bottom edge.
    keystone: f32,
    /// Grey level of paper and ink (before the scene's illumination).
    paper: f32,
    ink: f32,
}

/// Composites a sheet into the frame (values in grey levels, before illumination), with 2×2
/// supersampling.
fn composite(frame: &mut [f32], sheet: &Sheet, p: &Placement) {
    let (sw, sh) = sheet.units();
    let (s, c) = p.angle_deg.to_radians().sin_cos();
    let to_frame = |u: f32, v: f32| -> (f64, f64) {
        let (du, dv) = (u - p.ax, v - p.ay);
        // Keystone: the top of the sheet is farther from the camera.
        let f = 1.0 - p.keystone * (1.0 - v / sh.max(1.0)) ;
        let (x, y) = (du * f, dv * (1.0 - p.keystone * 0.3));
        ((p.cx + c * x - s * y) as f64, (p.cy + s * x + c * y) as f64)
    };
    let corners_sheet = [(0.0f32, 0.0f32), (sw, 0.0), (sw, sh), (0.0, sh)];
    let corners_frame = corners_sheet.map(|(u, v)| to_frame(u, v));
    let Some(inv) = Homography::from_points(corners_frame, corners_sheet.map(|(u, v)| (u as f64, v as f64))) else { return };
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in corners_frame {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let xa = x0.floor().clamp(0.0, W as f64) as usize;
    let xb = (x1.ceil() + 1.0).clamp(0.0, W as f64) as usize;
    let ya = y0.floor().clamp(0.0, H as f64) as usize;
    let yb = (y1.ceil() + 1.0).clamp(0.0, H as f64) as usize;
    const SUB: [(f32, f32); 4] = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)];
    for y in ya..yb {
        for x in xa..xb {
            let (mut acc, mut n) = (0f32, 0u32);
            for (ox, oy) in SUB {
                let (u, v) = inv.map(x as f32 + ox, y as f32 + oy);
                if let Some(r) = sheet.sample(u, v) {
                    acc += p.ink + (p.paper - p.ink) * r;
                    n += 1;
                }
            }
            if n > 0 {
                let t = n as f32 / 4.0;
                let i = y * W + x;
                frame[i] = frame[i] * (1.0 - t) + acc / n as f32 * t;
            }
        }
    }
}

/// Value noise on a lattice of `cell` pixels (smoothstep-interpolated), in [0, 1).
fn value_noise(w: usize, h: usize, cell: usize, rng: &mut fastrand::Rng) -> Vec<f32> {
    let (gw, gh) = (w / cell + 2, h / cell + 2);
    let grid: Vec<f32> = (0..gw * gh).map(|_| rng.f32()).collect();
    let mut out = vec![0f32; w * h];
    for y in 0..h {
        let (gy, fy) = (y / cell, (y % cell) as f32 / cell as f32);
        let sy = fy * fy * (3.0 - 2.0 * fy);
        for x in 0..w {
            let (gx, fx) = (x / cell, (x % cell) as f32 / cell as f32);
            let sx = fx * fx * (3.0 - 2.0 * fx);
            let g = |i: usize, j: usize| grid[j * gw + i];
            let top = g(gx, gy) * (1.0 - sx) + g(gx + 1, gy) * sx;
            let bottom = g(gx, gy + 1) * (1.0 - sx) + g(gx + 1, gy + 1) * sx;
            out[y * w + x] = top * (1.0 - sy) + bottom * sy;
        }
    }
    out
}

/// A textured background (cardboard, a van's floor), in grey levels before illumination.
fn background(rng: &mut fastrand::Rng, stripes: bool) -> Vec<f32> {
    let base = 120.0 + rng.f32() * 50.0;
    let coarse = value_noise(W, H, 64, rng);
    let fine = value_noise(W, H, 8, rng);
    let (period, phase, amp) = (6.0 + rng.f32() * 6.0, rng.f32() * 6.3, if stripes { 5.0 + rng.f32() * 6.0 } else { 0.0 });
    let stripe_angle = (rng.f32() * 180.0).to_radians();
    let (ss, sc) = stripe_angle.sin_cos();
    let mut out = vec![0f32; W * H];
    for y in 0..H {
        for x in 0..W {
            let i = y * W + x;
            let mut v = base + 40.0 * (coarse[i] - 0.5) + 18.0 * (fine[i] - 0.5);
            if amp > 0.0 {
                let t = (sc * x as f32 + ss * y as f32) / period * std::f32::consts::TAU + phase;
                v += amp * t.sin();
            }
            out[i] = v;
        }
    }
    out
}

/// Multiplies by the scene's light: a gradient across the frame and vignetting, times `gain`.
fn illuminate(frame: &mut [f32], rng: &mut fastrand::Rng, gain: f32) {
    let (gx, gy) = (rng.f32() * 0.4 - 0.2, rng.f32() * 0.4 - 0.2);
    let (cx, cy) = (W as f32 / 2.0, H as f32 / 2.0);
    let r2 = cx * cx + cy * cy;
    for y in 0..H {
        for x in 0..W {
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            let light = (1.0 + gx * dx / cx + gy * dy / cy) * (1.0 - 0.35 * (dx * dx + dy * dy) / r2);
            frame[y * W + x] *= gain * light;
        }
    }
}

/// Separable Gaussian blur of standard deviation `sigma` pixels (edges clamped).
pub fn gaussian_blur(img: &mut [f32], w: usize, h: usize, sigma: f32) {
    if sigma <= 0.0 {
        return;
    }
    let r = (3.0 * sigma).ceil() as isize;
    let mut k: Vec<f32> = (-r..=r).map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp()).collect();
    let sum: f32 = k.iter().sum();
    k.iter_mut().for_each(|v| *v /= sum);
    let mut tmp = vec![0f32; w * h];
    for y in 0..h {
        let row = &img[y * w..(y + 1) * w];
        for x in 0..w {
            let mut acc = 0.0;
            for (j, kv) in k.iter().enumerate() {
                let xx = (x as isize + j as isize - r).clamp(0, w as isize - 1) as usize;
                acc += row[xx] * kv;
            }
            tmp[y * w + x] = acc;
        }
    }
    for y in 0..h {
        for x in 0..w {
            let mut acc = 0.0;
            for (j, kv) in k.iter().enumerate() {
                let yy = (y as isize + j as isize - r).clamp(0, h as isize - 1) as usize;
                acc += tmp[yy * w + x] * kv;
            }
            img[y * w + x] = acc;
        }
    }
}

/// Linear motion blur: the mean along a segment of `length` pixels at `angle_deg`.
pub fn motion_blur(img: &mut [f32], w: usize, h: usize, length: f32, angle_deg: f32) {
    if length <= 1.0 {
        return;
    }
    let n = (length.ceil() as usize).max(2) * 2 + 1;
    let (s, c) = angle_deg.to_radians().sin_cos();
    let src = img.to_vec();
    let at = |x: f32, y: f32| -> f32 {
        let xi = (x.round() as isize).clamp(0, w as isize - 1) as usize;
        let yi = (y.round() as isize).clamp(0, h as isize - 1) as usize;
        src[yi * w + xi]
    };
    for y in 0..h {
        for x in 0..w {
            let mut acc = 0.0;
            for i in 0..n {
                let t = (i as f32 / (n - 1) as f32 - 0.5) * length;
                acc += at(x as f32 + c * t, y as f32 + s * t);
            }
            img[y * w + x] = acc / n as f32;
        }
    }
}

/// Adds Gaussian noise of standard deviation `sigma` and quantises to 8 bits.
fn quantise_with_noise(img: &[f32], sigma: f32, rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut out = vec![0u8; img.len()];
    let mut i = 0;
    while i < img.len() {
        // Box–Muller: two normal deviates per pair of uniforms.
        let u1 = rng.f32().max(1e-7);
        let u2 = rng.f32();
        let r = (-2.0 * u1.ln()).sqrt() * sigma;
        let (s, c) = (u2 * std::f32::consts::TAU).sin_cos();
        out[i] = (img[i] + r * c).round().clamp(0.0, 255.0) as u8;
        if i + 1 < img.len() {
            out[i + 1] = (img[i + 1] + r * s).round().clamp(0.0, 255.0) as u8;
        }
        i += 2;
    }
    out
}

const STREETS: [&str; 8] = ["3RD CROSS", "MG ROAD", "17TH MAIN", "NEHRU NAGAR", "GANDHI ST", "OLD AIRPORT RD", "SECTOR 21", "LAKE VIEW"];
const CITIES: [&str; 6] = ["BENGALURU 560038", "MUMBAI 400050", "PUNE 411001", "CHENNAI 600017", "DELHI 110092", "HYDERABAD 500034"];
const NAMES: [&str; 6] = ["ASHA KUMARI", "RAVI SHANKAR", "MEENA IYER", "ARJUN DAS", "PRIYA NAIR", "KIRAN RAO"];

/// A shipping label: returns the sheet, the main barcode's centre on it, and the texts drawn.
struct LabelSheet {
    sheet: Sheet,
    centre: (f32, f32),
    drawn: Vec<String>,
}

fn shipping_label(rng: &mut fastrand::Rng, main: Option<(BarcodeFormat, &str)>, module: f32, barcodes: bool) -> LabelSheet {
    // Sized around the main barcode, like a 100 × 150 mm label around a 50–60 mm barcode.
    let bars_modules = main.map(|(f, t)| linear_modules(f, t).len()).unwrap_or(140);
    let bw = bars_modules as f32 * module;
    let lw = (bw * 1.7 + 40.0).max(320.0);
    let lh = lw * 1.35;
    let mut sheet = Sheet::new(lw, lh);
    let mut drawn = Vec::new();
    let margin = lw * 0.05;
    let text = (lw / 48.0).clamp(6.0, 14.0);
    // Border and header.
    let t = (lw / 300.0).max(1.0);
    for (a, b, c, d) in [(margin, margin, lw - margin, margin), (margin, lh - margin, lw - margin, lh - margin), (margin, margin, margin, lh - margin), (lw - margin, margin, lw - margin, lh - margin)] {
        sheet.line(a, b, c, d, t);
    }
    sheet.text("SPEED POST", margin * 2.0, margin * 1.6, text * 2.0);
    sheet.line(margin, margin * 2.0 + text * 2.6, lw - margin, margin * 2.0 + text * 2.6, t);
    // Address block.
    let mut y = margin * 2.5 + text * 3.0;
    let lines = [
        "TO".to_string(),
        NAMES[rng.usize(0..NAMES.len())].to_string(),
        format!("{} {}", rng.u32(1..400), STREETS[rng.usize(0..STREETS.len())]),
        CITIES[rng.usize(0..CITIES.len())].to_string(),
        format!("PH {} {}", rng.u32(70000..99999), rng.u32(10000..99999)),
    ];
    for l in &lines {
        sheet.text(l, margin * 2.0, y, text);
        y += text * 1.6;
    }
    y += text;
    sheet.line(margin, y, lw - margin, y, t);
    y += text * 1.5;
    // The main barcode, centred, with its human-readable line.
    let bar_h = (bw * 0.22).max(36.0);
    let bx = (lw - bw) / 2.0;
    let by = y;
    if let Some((f, txt)) = main {
        if barcodes {
            sheet.linear(&linear_modules(f, txt), bx, by, module, bar_h);
            drawn.push(txt.to_string());
        }
        sheet.text(txt, bx + bw * 0.15, by + bar_h + text * 0.6, text);
    }
    let centre = (bx + bw / 2.0, by + bar_h / 2.0);
    y = by + bar_h + text * 3.0;
    sheet.line(margin, y, lw - margin, y, t);
    y += text * 1.2;
    // The order number (a smaller Code 128) and a QR code.
    let order = format!("402-{:07}-{:07}", rng.u32(0..10_000_000), rng.u32(0..10_000_000));
    let om = (module * 0.8).max(1.5);
    sheet.text("ORDER", margin * 2.0, y, text);
    if barcodes {
        let m = linear_modules(BarcodeFormat::Code128, &order);
        sheet.linear(&m, margin * 2.0, y + text * 1.5, om, (bar_h * 0.5).max(24.0));
        drawn.push(order.clone());
        let qr_text = format!("TRK {}", order);
        let (mw, mh, q) = matrix_modules(BarcodeFormat::QRCode, &qr_text);
        let qm = (module * 1.2).max(2.0);
        let qx = lw - margin * 2.0 - mw as f32 * qm;
        if qx > margin * 2.0 + m.len() as f32 * om + 8.0 * om {
            sheet.matrix(mw, mh, &q, qx, y, qm);
            drawn.push(qr_text);
        }
    }
    sheet.text(&order, margin * 2.0, y + text * 2.0 + (bar_h * 0.5).max(24.0), text);
    LabelSheet { sheet, centre, drawn }
}

/// Part of another parcel's label: a product barcode and some text.
fn other_label(rng: &mut fastrand::Rng, barcodes: bool) -> (Sheet, Vec<String>) {
    let mut sheet = Sheet::new(260.0, 180.0);
    let mut drawn = Vec::new();
    sheet.text("FRAGILE HANDLE WITH CARE", 12.0, 12.0, 9.0);
    sheet.text("BOX 12 OF 40", 12.0, 30.0, 9.0);
    if barcodes {
        let (f, text) = if rng.bool() { (BarcodeFormat::EAN13, ean13(rng)) } else { (BarcodeFormat::Code128, format!("PKG-BOX-{}", rng.u32(1..99))) };
        let m = linear_modules(f, &text);
        sheet.linear(&m, 20.0, 60.0, 2.0, 60.0);
        drawn.push(text);
    }
    sheet.text("MADE IN INDIA", 12.0, 140.0, 9.0);
    (sheet, drawn)
}

/// Frame `index` of `class`: always the same pixels.
pub fn frame(class: Class, index: usize) -> CorpusFrame {
    let mut frames = sequence(class, index, 1);
    frames.swap_remove(0)
}

/// What a camera held still on frame `index`'s scene delivers: `len` frames of the same scene,
/// each with its own sensor noise. The first is [`frame`]`(class, index)`.
pub fn sequence(class: Class, index: usize, len: usize) -> Vec<CorpusFrame> {
    let mut rng = fastrand::Rng::with_seed(class.seed() ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let empty = class == Class::Empty;
    let blurred = matches!(class, Class::Defocus(_) | Class::Motion(_));
    let module = if blurred { [2.2f32, 2.6, 3.0, 3.5][index % 4] } else { [1.8f32, 2.2, 2.8, 3.5][index % 4] };
    let (format, zx) = if blurred {
        [(Format::Code128, BarcodeFormat::Code128), (Format::Code39, BarcodeFormat::Code39), (Format::Itf, BarcodeFormat::ITF)][index % 3]
    } else {
        (Format::Code128, BarcodeFormat::Code128)
    };
    let text = if format == Format::Itf { itf14(&mut rng) } else { s10(&mut rng) };
    let angle = match class {
        Class::Level | Class::Empty => rng.f32() * 6.0 - 3.0,
        Class::Tilted => (8.0 + rng.f32() * 74.0) * if rng.bool() { 1.0 } else { -1.0 } + if rng.bool() { 180.0 } else { 0.0 },
        Class::Noisy => rng.f32() * 360.0,
        Class::Defocus(_) | Class::Motion(_) => rng.f32() * 8.0 - 4.0,
    };
    let keystone = match class {
        Class::Noisy => 0.05 + rng.f32() * 0.2,
        _ => rng.f32() * 0.1,
    };
    // Light and contrast: paper and ink grey levels and the scene's gain.
    let (paper, ink, gain) = match class {
        Class::Noisy => (150.0 + rng.f32() * 40.0, 85.0 + rng.f32() * 25.0, 0.45 + rng.f32() * 0.2),
        _ => (215.0 + rng.f32() * 25.0, 30.0 + rng.f32() * 25.0, 0.85 + rng.f32() * 0.2),
    };
    let mut img = background(&mut rng, index % 2 == 1 || empty);
    // Clutter: part of another parcel's label near an edge.
    let (other, mut drawn) = other_label(&mut rng, !empty);
    let corner = rng.usize(0..4);
    let (ox, oy) = [(90.0, 60.0), (W as f32 - 90.0, 60.0), (W as f32 - 90.0, H as f32 - 60.0), (90.0, H as f32 - 60.0)][corner];
    let other_place = Placement { cx: ox, cy: oy, ax: 130.0, ay: 90.0, angle_deg: rng.f32() * 40.0 - 20.0, keystone: 0.05, paper: paper - 10.0, ink };
    composite(&mut img, &other, &other_place);
    // The label, its main barcode near the frame's centre.
    let label = shipping_label(&mut rng, Some((zx, &text)), module, !empty);
    drawn.extend(label.drawn);
    let place = Placement {
        cx: W as f32 / 2.0 + rng.f32() * 240.0 - 120.0,
        cy: H as f32 / 2.0 + rng.f32() * 140.0 - 70.0,
        ax: label.centre.0,
        ay: label.centre.1,
        angle_deg: angle,
        keystone,
        paper,
        ink,
    };
    composite(&mut img, &label.sheet, &place);
    illuminate(&mut img, &mut rng, gain);
    match class {
        Class::Defocus(l) => {
            let sigma = DEFOCUS[(l as usize).clamp(1, DEFOCUS.len()) - 1] * module;
            gaussian_blur(&mut img, W, H, sigma);
        }
        Class::Motion(l) => {
            let length = MOTION[(l as usize).clamp(1, MOTION.len()) - 1] * module;
            // Hand shake: mostly sideways, i.e. across the bars.
            let dir = angle + rng.f32() * 60.0 - 30.0;
            motion_blur(&mut img, W, H, length, dir);
        }
        _ => {}
    }
    (0..len.max(1))
        .map(|_| CorpusFrame {
            class,
            index,
            width: W,
            height: H,
            data: quantise_with_noise(&img, NOISE_SIGMA, &mut rng),
            expected: (!empty).then(|| (format, text.clone())),
            drawn: drawn.clone(),
            angle,
            module_px: module,
        })
        .collect()
}
