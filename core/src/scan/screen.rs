//! The bar screen: a cheap check, before a tilted region's crop goes to the engine, that the
//! region holds bars (long strokes whose edge profile is the same a few pixels up and down them)
//! and not text, rules or background texture. Owns the screen's thresholds; the regions come from
//! [`super::orient`].

use super::frame::Frame;
use super::orient::{Region, sample_line};

/// Half the gap, in pixels along the bars, between the two bands [`looks_like_bars`] compares.
const BAND_GAP: f32 = 8.0;
/// Rows averaged per band.
const BAND_ROWS: i32 = 5;
/// Least correlation of the two bands' edge profiles for bars.
const MIN_BAND_CORRELATION: f32 = 0.35;
/// Least number of edges both bands share: the shortest symbol read (a Code 128 or Code 39 of
/// one character) has about 30 bars and spaces, and blur hides a few; the stripes of corrugated
/// cardboard cross a region with 8 or so (on the corpus's empty frames, each such region cost
/// two crops and engine passes), a rule or a label's border with two.
const MIN_SHARED_EDGES: usize = 16;

/// A cheap check before a region's crop goes to the engine: bars are long, so the edge profile
/// across the region is the same a few pixels up and down the bars; text, whose strokes are
/// short, and noise give unrelated profiles. Compares two bands `2 × BAND_GAP` pixels apart, at
/// the region's centre and a quarter of its extent to either side; returns whether any pair
/// correlates, and the number of pixels sampled.
pub(crate) fn looks_like_bars(frame: &Frame<'_>, r: &Region) -> (bool, u64) {
    let n = r.across.clamp(0.0, 4096.0) as usize;
    if n < 16 {
        return (true, 0);
    }
    let (s, c) = r.angle.sin_cos();
    if frame.width() < 2 || frame.height() < 2 {
        return (true, 0);
    }
    let mut sampled = 0u64;
    let mut line = vec![0u8; n];
    // A band's mean profile across the bars at offset `v` along them: sample `i` of a row at
    // `u = i - n/2` across the bars.
    let mut band = |v: f32| -> Vec<f32> {
        let mut p = vec![0f32; n];
        let u0 = -(n as f32) / 2.0;
        for k in -(BAND_ROWS / 2)..=(BAND_ROWS / 2) {
            let vv = v + k as f32;
            sample_line(frame, (r.cx + c * u0 - s * vv, r.cy + s * u0 + c * vv), (c, s), &mut line);
            for (out, &q) in p.iter_mut().zip(&line) {
                *out += f32::from(q);
            }
            sampled += n as u64;
        }
        p
    };
    // Forward differences: a central one spans 2 pixels and flattens 2-pixel modules.
    let edges = |p: &[f32]| -> Vec<f32> { p.windows(2).map(|w| w[1] - w[0]).collect() };
    for centre in [0.0, -r.along / 4.0, r.along / 4.0] {
        let top = edges(&band(centre - BAND_GAP));
        let bottom = edges(&band(centre + BAND_GAP));
        let (corr, shift) = correlation(&top, &bottom);
        if corr >= MIN_BAND_CORRELATION && shared_edges(&top, &bottom, shift) >= MIN_SHARED_EDGES {
            return (true, sampled);
        }
    }
    (false, sampled)
}

/// The largest shift tried between the bands: the region's angle may be a few degrees off.
const MAX_SHIFT: i32 = 4;

/// The largest normalised correlation of `a` and `b` shifted by up to [`MAX_SHIFT`] samples either way, and
/// that shift (`b[i + shift]` matches `a[i]`).
fn correlation(a: &[f32], b: &[f32]) -> (f32, i32) {
    let len = a.len().min(b.len());
    if len < 4 * MAX_SHIFT as usize {
        return (0.0, 0);
    }
    let (a, b) = (&a[..len], &b[..len]);
    let energy = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>();
    let norm = (energy(a) * energy(b)).sqrt();
    if norm <= f32::EPSILON {
        return (0.0, 0);
    }
    let mut best = (f32::MIN, 0);
    for shift in -MAX_SHIFT..=MAX_SHIFT {
        let mut acc = 0f32;
        for i in MAX_SHIFT as usize..len - MAX_SHIFT as usize {
            let j = (i as i32 + shift) as usize;
            acc += a[i] * b[j];
        }
        if acc / norm > best.0 {
            best = (acc / norm, shift);
        }
    }
    best
}

/// The number of edges (runs of strong gradient of one sign) found at the same place in both
/// profiles. Strong means above 3 noise deviations, the noise estimated from the difference of
/// the profiles (the bars cancel in it, the noise does not).
fn shared_edges(a: &[f32], b: &[f32], shift: i32) -> usize {
    // Align `b` on `a`: b[i + shift] matches a[i].
    let (a, b) = if shift >= 0 {
        (a, b.get(shift.unsigned_abs() as usize..).unwrap_or(&[]))
    } else {
        (a.get(shift.unsigned_abs() as usize..).unwrap_or(&[]), b)
    };
    let len = a.len().min(b.len());
    if len == 0 {
        return 0;
    }
    let mut diff: Vec<f32> = (0..len).map(|i| (a[i] - b[i]).abs()).collect();
    let mid = len / 2;
    diff.select_nth_unstable_by(mid, |x, y| x.total_cmp(y));
    // σ of one profile: 1.4826 × MAD of the difference, over √2.
    let sigma = diff[mid] * 1.4826 / std::f32::consts::SQRT_2;
    let t = (2.5 * sigma).max(2.0);
    let mut edges = 0;
    let mut run_sign = 0i8;
    for i in 0..len {
        let sign = if a[i] > t && b[i] > t {
            1
        } else if a[i] < -t && b[i] < -t {
            -1
        } else {
            0
        };
        if sign != 0 && sign != run_sign {
            edges += 1;
        }
        run_sign = sign;
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 400×200 frame in sensor noise whose columns follow `column(x)`, and a region of upright
    /// bars `across` pixels wide in its middle.
    fn frame_of(column: impl Fn(u32) -> f32, across: f32, seed: u64) -> (Vec<u8>, Region) {
        let (w, h) = (400u32, 200u32);
        let mut rng = fastrand::Rng::with_seed(seed);
        let pixels = (0..w * h)
            .map(|i| {
                let noise = (0..4).map(|_| rng.f32() - 0.5).sum::<f32>() * 8.0 * 1.73;
                (column(i % w) + noise).clamp(0.0, 255.0) as u8
            })
            .collect();
        (pixels, Region { angle: 0.0, cx: 200.0, cy: 100.0, across, along: 120.0, weight: 1.0 })
    }

    /// Bars of 1 to 4 modules of 2 pixels pass the screen; the stripes of corrugated cardboard
    /// (a period of 26 pixels, as on the corpus's empty frames: 9 or 10 edges across a region of
    /// 120 pixels) and plain paper do not.
    #[test]
    fn bars_pass_the_screen_and_stripes_do_not() {
        let mut rng = fastrand::Rng::with_seed(3);
        let mut widths = Vec::new();
        let mut x = 60u32;
        while x < 340 {
            let w = 2 * rng.u32(1..=4);
            widths.push((x, x + w));
            x += w + 2 * rng.u32(1..=4);
        }
        let bars = |x: u32| if widths.iter().any(|&(a, b)| x >= a && x < b) { 40.0 } else { 200.0 };
        let (pixels, r) = frame_of(bars, 300.0, 1);
        let frame = Frame::luma(&pixels, 400, 200).expect("frame");
        assert!(looks_like_bars(&frame, &r).0, "bars");

        let stripes = |x: u32| if (x % 26) < 13 { 90.0 } else { 170.0 };
        let (pixels, r) = frame_of(stripes, 120.0, 2);
        let frame = Frame::luma(&pixels, 400, 200).expect("frame");
        assert!(!looks_like_bars(&frame, &r).0, "stripes");

        let (pixels, r) = frame_of(|_| 128.0, 300.0, 4);
        let frame = Frame::luma(&pixels, 400, 200).expect("frame");
        assert!(!looks_like_bars(&frame, &r).0, "paper");
    }
}
