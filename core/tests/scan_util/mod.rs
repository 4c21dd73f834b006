//! Synthetic camera frames for the scan tests: barcodes rendered by the engine's own writer,
//! placed at any angle, blurred and noised.
#![allow(dead_code)]

pub mod corpus;

use zxingcpp::{BarcodeFormat, create, write};

/// The modules of a linear barcode (true = dark bar), one per module, quiet zones excluded.
pub fn linear_modules(format: BarcodeFormat, text: &str) -> Vec<bool> {
    let bc = create(format).from_str(text).expect("the writer encodes the test text");
    let img = bc.to_image_with(&write().scale(1).add_quiet_zones(false)).expect("the writer renders");
    let (w, h) = (img.width() as usize, img.height() as usize);
    let data = img.data();
    let row = h / 2;
    (0..w).map(|x| data[row * w + x] < 128).collect()
}

/// A 2D symbol as a square grid of modules (true = dark), quiet zone excluded.
pub fn matrix_modules(format: BarcodeFormat, text: &str) -> (usize, usize, Vec<bool>) {
    let bc = create(format).from_str(text).expect("the writer encodes the test text");
    let img = bc.to_image_with(&write().scale(1).add_quiet_zones(false)).expect("the writer renders");
    let (w, h) = (img.width() as usize, img.height() as usize);
    (w, h, img.data().iter().map(|p| *p < 128).collect())
}

/// A frame of `w × h` with a textured background (paper under uneven light).
pub fn background(w: usize, h: usize, seed: u64) -> Vec<u8> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let (a, b) = (rng.f32() * 6.0 + 2.0, rng.f32() * 6.0 + 2.0);
    (0..w * h)
        .map(|i| {
            let (x, y) = ((i % w) as f32, (i / w) as f32);
            let v = 150.0 + 30.0 * ((x / w as f32) * a).sin() * ((y / h as f32) * b).cos();
            v.clamp(0.0, 255.0) as u8
        })
        .collect()
}

/// Draws a linear barcode centred at `(cx, cy)`, bars perpendicular to `angle_deg`, on a white
/// label patch with quiet zones, anti-aliased with 4×4 supersampling.
#[allow(clippy::too_many_arguments)]
pub fn draw_linear(img: &mut [u8], w: usize, h: usize, modules: &[bool], module_px: f32, bar_height: f32, angle_deg: f32, cx: f32, cy: f32) {
    let n = modules.len() as f32;
    let bw = n * module_px;
    let quiet = 12.0 * module_px;
    let (s, c) = angle_deg.to_radians().sin_cos();
    let half_diag = ((bw / 2.0 + quiet).powi(2) + (bar_height / 2.0 + quiet).powi(2)).sqrt() + 2.0;
    let (x0, x1) = ((cx - half_diag).max(0.0) as usize, ((cx + half_diag) as usize).min(w));
    let (y0, y1) = ((cy - half_diag).max(0.0) as usize, ((cy + half_diag) as usize).min(h));
    for y in y0..y1 {
        for x in x0..x1 {
            let mut dark = 0u32;
            let mut inside = 0u32;
            for sy in 0..4 {
                for sx in 0..4 {
                    let px = x as f32 + (sx as f32 + 0.5) / 4.0 - cx;
                    let py = y as f32 + (sy as f32 + 0.5) / 4.0 - cy;
                    let u = c * px + s * py + bw / 2.0;
                    let v = -s * px + c * py + bar_height / 2.0;
                    if u >= -quiet && u < bw + quiet && v >= -quiet / 2.0 && v < bar_height + quiet / 2.0 {
                        inside += 1;
                        if u >= 0.0 && u < bw && v >= 0.0 && v < bar_height && modules[(u / module_px) as usize % modules.len()] {
                            dark += 1;
                        }
                    }
                }
            }
            if inside > 0 {
                let i = y * w + x;
                let paper = 235.0;
                let ink = 25.0;
                let label = (paper * (16 - dark) as f32 + ink * dark as f32) / 16.0;
                let t = inside as f32 / 16.0;
                img[i] = (img[i] as f32 * (1.0 - t) + label * t) as u8;
            }
        }
    }
}

/// Draws a 2D symbol (grid of modules) centred at `(cx, cy)`, rotated by `angle_deg`.
#[allow(clippy::too_many_arguments)]
pub fn draw_matrix(img: &mut [u8], w: usize, h: usize, mw: usize, mh: usize, modules: &[bool], module_px: f32, angle_deg: f32, cx: f32, cy: f32) {
    let (bw, bh) = (mw as f32 * module_px, mh as f32 * module_px);
    let quiet = 4.0 * module_px;
    let (s, c) = angle_deg.to_radians().sin_cos();
    let r = ((bw / 2.0 + quiet).powi(2) + (bh / 2.0 + quiet).powi(2)).sqrt() + 2.0;
    for y in (cy - r).max(0.0) as usize..((cy + r) as usize).min(h) {
        for x in (cx - r).max(0.0) as usize..((cx + r) as usize).min(w) {
            let px = x as f32 + 0.5 - cx;
            let py = y as f32 + 0.5 - cy;
            let u = c * px + s * py + bw / 2.0;
            let v = -s * px + c * py + bh / 2.0;
            if u >= -quiet && u < bw + quiet && v >= -quiet && v < bh + quiet {
                let dark = u >= 0.0 && v >= 0.0 && u < bw && v < bh && modules[(v / module_px) as usize * mw + (u / module_px) as usize];
                img[y * w + x] = if dark { 25 } else { 235 };
            }
        }
    }
}

/// A 3×3 box blur, `passes` times.
pub fn blur(img: &mut [u8], w: usize, h: usize, passes: usize) {
    let mut tmp = img.to_vec();
    for _ in 0..passes {
        for y in 0..h {
            for x in 0..w {
                let mut s = 0u32;
                let mut n = 0u32;
                for yy in y.saturating_sub(1)..(y + 2).min(h) {
                    for xx in x.saturating_sub(1)..(x + 2).min(w) {
                        s += img[yy * w + xx] as u32;
                        n += 1;
                    }
                }
                tmp[y * w + x] = (s / n) as u8;
            }
        }
        img.copy_from_slice(&tmp);
    }
}

/// Adds roughly Gaussian noise of standard deviation `sigma`.
pub fn noise(img: &mut [u8], sigma: f32, seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    for p in img.iter_mut() {
        // Sum of four uniforms: close enough to a Gaussian.
        let g = (rng.f32() + rng.f32() + rng.f32() + rng.f32() - 2.0) * 1.732 * sigma;
        *p = (*p as f32 + g).clamp(0.0, 255.0) as u8;
    }
}

/// A `w × h` frame with one Code 128 label at the given angle.
pub fn label_frame(w: usize, h: usize, text: &str, module_px: f32, bar_height: f32, angle_deg: f32, seed: u64) -> Vec<u8> {
    let mut img = background(w, h, seed);
    let modules = linear_modules(BarcodeFormat::Code128, text);
    draw_linear(&mut img, w, h, &modules, module_px, bar_height, angle_deg, w as f32 / 2.0, h as f32 / 2.0);
    img
}

/// Runs `f` on its own thread and returns its result, failing the test if it has not returned
/// within `limit`: a liveness watchdog for calls into the barcode engine that once looped forever
/// (third_party/zxing-cpp/PATCHES.md), so such a regression fails instead of hanging the suite.
/// Not a timing assertion: the limits are minutes (the calls take seconds in debug builds under
/// qemu).
pub fn must_return<T: Send + 'static>(what: &str, limit: std::time::Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // The receiver may be gone (the watchdog fired): nothing to tell then.
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(v) => v,
        Err(e) => panic!("{what} did not return within {limit:?} ({e}): the barcode engine loops (see third_party/zxing-cpp/PATCHES.md)"),
    }
}
