//! Finding tilted linear barcodes: the engine reads a linear barcode only when a scan line crosses
//! all of its bars, so a wide, short Code 128 tilted by 15° is lost. Here the frame is cut in
//! tiles; in each tile the gradient structure tensor tells how strong the edges are and whether
//! they all point the same way (bars do, text and noise do not). Neighbouring tiles whose bars
//! lie at the same angle are grouped into regions; each region is resampled into an upright crop
//! (bars vertical) which the engine then reads like a level barcode. Before that, in stream mode,
//! the bar screen (`scan/screen.rs`) checks a region cheaply, so that text, rules and background
//! texture do not cost an engine pass.

use std::collections::VecDeque;
use std::f32::consts::PI;

use super::frame::Frame;

/// Tile side in pixels.
pub(crate) const TILE: u32 = 16;
/// Gradients are sampled every `STEP` pixels in both directions.
const STEP: u32 = 2;
/// Minimum mean squared gradient of a barcode tile (rms gradient ≈ 14 grey levels).
const MIN_ENERGY: f32 = 200.0;
/// Minimum coherence (0 = no dominant direction, 1 = all edges parallel).
const MIN_COHERENCE: f32 = 0.6;
/// Neighbouring tiles join a region when their bar angles differ by less than this (radians).
const JOIN_ANGLE: f32 = 12.0 * PI / 180.0;
/// A region needs at least this many tiles.
const MIN_TILES: usize = 4;
/// The largest crop resampled, in pixels.
const MAX_CROP_PIXELS: usize = 1 << 20;

#[derive(Clone, Copy, Default)]
pub(crate) struct Tile {
    /// Doubled-angle vector of the dominant gradient direction, weighted by its strength.
    c2: f32,
    s2: f32,
    /// Parallel edges strong enough for bars.
    pub(crate) candidate: bool,
    angle: f32,
    /// Mean squared gradient (both directions) of the tile's samples.
    pub(crate) energy: f32,
}

/// The tile map of a frame: for each `TILE × TILE` tile, its edge energy and whether its edges
/// run parallel (and at which angle). One map serves the tilted-region search here and the
/// fast path's areas ([`super::locate`]).
pub(crate) struct TileMap {
    /// Tiles across and down.
    pub(crate) tw: usize,
    pub(crate) th: usize,
    /// Row by row, `tw × th`.
    pub(crate) tiles: Vec<Tile>,
}

/// Finds regions of parallel bars, strongest first.
pub(crate) fn find_regions(frame: &Frame<'_>) -> Vec<Region> {
    tile_map(frame).map(|m| m.regions()).unwrap_or_default()
}

impl TileMap {
    /// Regions of parallel bars, strongest first.
    pub(crate) fn regions(&self) -> Vec<Region> {
        self.regions_and_bars().0
    }

    /// Regions of parallel bars, strongest first, and for each tile the angle of the region it
    /// belongs to, if any (a parallel-edge tile outside every region is part of a line: a
    /// sheet's border, a rule).
    pub(crate) fn regions_and_bars(&self) -> (Vec<Region>, Vec<Option<f32>>) {
        regions_of(&self.tiles, self.tw, self.th)
    }
}

/// A region of parallel bars.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Region {
    /// Direction across the bars (the gradient), radians in [-π/2, π/2).
    pub angle: f32,
    /// Centre in frame coordinates.
    pub cx: f32,
    pub cy: f32,
    /// Extent across the bars (along `angle`) and along the bars, in pixels, margins included.
    pub across: f32,
    pub along: f32,
    /// Sum of the tile strengths: larger is more barcode-like.
    pub weight: f32,
}

impl Region {
    /// Whether the point lies in the region's rectangle.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        let (s, c) = self.angle.sin_cos();
        let (dx, dy) = (x - self.cx, y - self.cy);
        let u = c * dx + s * dy;
        let v = -s * dx + c * dy;
        u.abs() <= self.across / 2.0 && v.abs() <= self.along / 2.0
    }
}

/// The tile map of a frame (`None` when the frame is too small for tiles).
pub(crate) fn tile_map(frame: &Frame<'_>) -> Option<TileMap> {
    let (w, h) = (frame.width(), frame.height());
    if w < 3 * TILE || h < TILE {
        return None;
    }
    let (tw, th) = ((w / TILE) as usize, (h / TILE) as usize);
    let mut jxx = vec![0f32; tw * th];
    let mut jyy = vec![0f32; tw * th];
    let mut jxy = vec![0f32; tw * th];
    // Row sums per tile in i32, added to the tile's f32 sums row by row (the same order on
    // both paths below, so the same map).
    let mut row_sums = vec![(0i32, 0i32, 0i32); tw];
    let mut y = 1;
    while y + 1 < h {
        let ty = (y / TILE) as usize;
        if ty >= th {
            break;
        }
        row_sums.iter_mut().for_each(|s| *s = (0, 0, 0));
        match (frame.row_slice(y - 1), frame.row_slice(y), frame.row_slice(y + 1)) {
            // A packed plane: slices, sample x = 1, 3, 5, … with x + 1 < w.
            (Some(up), Some(row), Some(down)) => {
                for (tx, sums) in row_sums.iter_mut().enumerate() {
                    let x0 = tx * TILE as usize;
                    // A whole tile (its 8 samples and their right neighbours inside the row):
                    // fixed-size arrays, so the loop unrolls without bounds checks; the same
                    // samples and sums as the loop below.
                    let whole = (
                        row.get(x0..x0 + 17).and_then(|a| <&[u8; 17]>::try_from(a).ok()),
                        up.get(x0..x0 + 16).and_then(|a| <&[u8; 16]>::try_from(a).ok()),
                        down.get(x0..x0 + 16).and_then(|a| <&[u8; 16]>::try_from(a).ok()),
                    );
                    if let (Some(r), Some(u), Some(d)) = whole {
                        let (mut sxx, mut syy, mut sxy) = (0i32, 0i32, 0i32);
                        for k in 0..(TILE / STEP) as usize {
                            let x = 1 + STEP as usize * k;
                            let gx = i32::from(r[x + 1]) - i32::from(r[x - 1]);
                            let gy = i32::from(d[x]) - i32::from(u[x]);
                            sxx += gx * gx;
                            syy += gy * gy;
                            sxy += gx * gy;
                        }
                        *sums = (sxx, syy, sxy);
                        continue;
                    }
                    let end = (x0 + TILE as usize).min(w as usize - 1);
                    let (mut sxx, mut syy, mut sxy) = (0i32, 0i32, 0i32);
                    let mut x = x0 + 1;
                    while x < end {
                        let gx = row[x + 1] as i32 - row[x - 1] as i32;
                        let gy = down[x] as i32 - up[x] as i32;
                        sxx += gx * gx;
                        syy += gy * gy;
                        sxy += gx * gy;
                        x += STEP as usize;
                    }
                    *sums = (sxx, syy, sxy);
                }
            }
            _ => {
                let (up, row, down) = (frame.row(y - 1), frame.row(y), frame.row(y + 1));
                let mut x = 1;
                while x + 1 < w {
                    let tx = (x / TILE) as usize;
                    let Some(sums) = row_sums.get_mut(tx) else { break };
                    let gx = row.at(x + 1) as i32 - row.at(x - 1) as i32;
                    let gy = down.at(x) as i32 - up.at(x) as i32;
                    sums.0 += gx * gx;
                    sums.1 += gy * gy;
                    sums.2 += gx * gy;
                    x += STEP;
                }
            }
        }
        for (tx, &(sxx, syy, sxy)) in row_sums.iter().enumerate() {
            let i = ty * tw + tx;
            jxx[i] += sxx as f32;
            jyy[i] += syy as f32;
            jxy[i] += sxy as f32;
        }
        y += STEP;
    }
    let samples = ((TILE / STEP) * (TILE / STEP)) as f32;
    let mut tiles = vec![Tile::default(); tw * th];
    for (i, t) in tiles.iter_mut().enumerate() {
        let (a, b, c) = (jxx[i] / samples, jyy[i] / samples, jxy[i] / samples);
        let energy = a + b;
        t.energy = energy;
        if energy < MIN_ENERGY {
            continue;
        }
        let diff = a - b;
        let mag = (diff * diff + 4.0 * c * c).sqrt();
        let coherence = mag / energy;
        if coherence < MIN_COHERENCE {
            continue;
        }
        let strength = energy.sqrt() * coherence;
        t.c2 = diff / mag * strength;
        t.s2 = 2.0 * c / mag * strength;
        t.angle = 0.5 * (2.0 * c).atan2(diff);
        t.candidate = true;
    }
    Some(TileMap { tw, th, tiles })
}

fn angle_diff(a: f32, b: f32) -> f32 {
    // Angles of lines (period π).
    let d = (a - b).rem_euclid(PI);
    d.min(PI - d)
}

fn regions_of(tiles: &[Tile], tw: usize, th: usize) -> (Vec<Region>, Vec<Option<f32>>) {
    let mut label = vec![usize::MAX; tiles.len()];
    let mut in_region = vec![None; tiles.len()];
    let mut regions = Vec::new();
    let mut queue = VecDeque::new();
    for start in 0..tiles.len() {
        if !tiles[start].candidate || label[start] != usize::MAX {
            continue;
        }
        let id = regions.len();
        label[start] = id;
        queue.push_back(start);
        let mut members = Vec::new();
        while let Some(i) = queue.pop_front() {
            members.push(i);
            let (ix, iy) = ((i % tw) as isize, (i / tw) as isize);
            // A 5×5 neighbourhood bridges a tile lost inside a wide bar.
            for ny in iy - 2..=iy + 2 {
                for nx in ix - 2..=ix + 2 {
                    if nx < 0 || ny < 0 || nx >= tw as isize || ny >= th as isize {
                        continue;
                    }
                    let j = ny as usize * tw + nx as usize;
                    if label[j] == usize::MAX && tiles[j].candidate && angle_diff(tiles[i].angle, tiles[j].angle) < JOIN_ANGLE {
                        label[j] = id;
                        queue.push_back(j);
                    }
                }
            }
        }
        if let Some(r) = region_of(tiles, tw, &members) {
            regions.push(r);
            for &i in &members {
                in_region[i] = Some(r.angle);
            }
        } else {
            regions.push(Region { angle: 0.0, cx: 0.0, cy: 0.0, across: 0.0, along: 0.0, weight: -1.0 });
        }
    }
    regions.retain(|r| r.weight > 0.0);
    regions.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    (regions, in_region)
}

fn region_of(tiles: &[Tile], tw: usize, members: &[usize]) -> Option<Region> {
    if members.len() < MIN_TILES {
        return None;
    }
    let (mut c2, mut s2) = (0f32, 0f32);
    for &i in members {
        c2 += tiles[i].c2;
        s2 += tiles[i].s2;
    }
    let weight = (c2 * c2 + s2 * s2).sqrt();
    if weight <= 0.0 {
        return None;
    }
    let angle = 0.5 * s2.atan2(c2);
    let (s, c) = angle.sin_cos();
    let (mut umin, mut umax, mut vmin, mut vmax) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for &i in members {
        let x = ((i % tw) as u32 * TILE) as f32 + TILE as f32 / 2.0;
        let y = ((i / tw) as u32 * TILE) as f32 + TILE as f32 / 2.0;
        let u = c * x + s * y;
        let v = -s * x + c * y;
        umin = umin.min(u);
        umax = umax.max(u);
        vmin = vmin.min(v);
        vmax = vmax.max(v);
    }
    // Tile half-size plus room for the quiet zones across the bars.
    let t = TILE as f32;
    let across = umax - umin + 5.0 * t;
    let along = vmax - vmin + 1.5 * t;
    // A barcode is wider across its bars than a couple of tiles.
    if umax - umin < 2.0 * t {
        return None;
    }
    let (uc, vc) = ((umin + umax) / 2.0, (vmin + vmax) / 2.0);
    let cx = c * uc - s * vc;
    let cy = s * uc + c * vc;
    Some(Region { angle, cx, cy, across, along, weight })
}

/// An upright crop of a region: bars vertical, rows across the bars.
pub(crate) struct Crop {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
    /// Frame coordinates of crop pixel (0, 0) and the frame steps for +1 in x and in y.
    pub origin: (f32, f32),
    pub ex: (f32, f32),
    pub ey: (f32, f32),
}

impl Crop {
    /// Maps a crop point back to frame coordinates.
    pub fn to_frame(&self, x: f32, y: f32) -> (f32, f32) {
        (self.origin.0 + x * self.ex.0 + y * self.ey.0, self.origin.1 + x * self.ex.1 + y * self.ey.1)
    }
}

/// Resamples the region into an upright crop (bilinear), enlarged `scale` times across the bars
/// (1 or more: thin bars resampled at 1:1 can blur below what the engine reads) and
/// `along_scale` times along them (1 up to `scale`: rows closer than a pixel of the frame add
/// little to a linear barcode's read), at most `max_rows` rows through the middle of the region
/// when given.
pub(crate) fn crop(frame: &Frame<'_>, r: &Region, scale: f32, along_scale: f32, max_rows: Option<u32>) -> Option<Crop> {
    let scale = scale.clamp(1.0, 4.0);
    let along_scale = along_scale.clamp(1.0, scale);
    let width = (r.across * scale).clamp(1.0, 8192.0) as u32;
    let mut height = (r.along * along_scale).clamp(1.0, 8192.0) as u32;
    if let Some(rows) = max_rows {
        height = height.min(rows.max(4));
    }
    // Keep the crop bounded: a long strip through the middle of the bars is enough to read it.
    while (width as usize) * (height as usize) > MAX_CROP_PIXELS && height > 64 {
        height /= 2;
    }
    if (width as usize) * (height as usize) > MAX_CROP_PIXELS || width < 16 || height < 4 {
        return None;
    }
    let (s, c) = r.angle.sin_cos();
    let ex = (c / scale, s / scale);
    let ey = (-s / along_scale, c / along_scale);
    let origin = (
        r.cx - ex.0 * width as f32 / 2.0 - ey.0 * height as f32 / 2.0,
        r.cy - ex.1 * width as f32 / 2.0 - ey.1 * height as f32 / 2.0,
    );
    let mut data = vec![0u8; width as usize * height as usize];
    for (j, out) in data.chunks_exact_mut(width as usize).enumerate() {
        let row = (origin.0 + j as f32 * ey.0, origin.1 + j as f32 * ey.1);
        sample_line(frame, row, ex, out);
    }
    Some(Crop { width, height, data, origin, ex, ey })
}

/// Fractional bits of the resampling's fixed-point coordinates: a line of samples steps in
/// integers (no float arithmetic or float-to-integer conversion per sample), and 32 bits keep
/// the drift over the longest line (8192 samples) below a millionth of a pixel.
const FIX: u32 = 32;
/// Bits of the bilinear weights (1/256 of a pixel).
const WEIGHT_BITS: u32 = 8;

/// `v` in fixed point; clamped far outside any frame ([`super::frame::MAX_SIDE`] is 2^15), so
/// that a line's coordinates stay within `i64` and its integer parts within `i32`.
#[inline]
fn to_fix(v: f32) -> i64 {
    (f64::from(v.clamp(-1.0e6, 1.0e6)) * (1u64 << FIX) as f64) as i64
}

/// `out.len()` bilinear samples of the frame along a line: sample `i` at `start + i × step`
/// (frame coordinates; outside the frame the border pixels repeat). The crops and the bar
/// screen's bands are such lines.
pub(crate) fn sample_line(frame: &Frame<'_>, start: (f32, f32), step: (f32, f32), out: &mut [u8]) {
    let (x0, y0) = (to_fix(start.0), to_fix(start.1));
    let (sx, sy) = (to_fix(step.0), to_fix(step.1));
    let at = |i: usize| (x0 + i as i64 * sx, y0 + i as i64 * sy);
    // A sample whose four neighbours lie in the frame: `0 <= x >> FIX < width - 1`, and so in y.
    let (xmax, ymax) = ((i64::from(frame.width()) - 1) << FIX, (i64::from(frame.height()) - 1) << FIX);
    let inside = |(x, y): (i64, i64)| x >= 0 && x < xmax && y >= 0 && y < ymax;
    // The samples inside form one run `lo..hi` (a line crosses the frame once): the samples
    // before and after it repeat the border pixels.
    let n = out.len();
    let mut lo = 0;
    while lo < n && !inside(at(lo)) {
        lo += 1;
    }
    let mut hi = n;
    while hi > lo && !inside(at(hi - 1)) {
        hi -= 1;
    }
    for i in (0..lo).chain(hi..n) {
        let (x, y) = at(i);
        if let Some(px) = out.get_mut(i) {
            *px = sample_border(frame, x, y);
        }
    }
    let Some(run) = out.get_mut(lo..hi) else { return };
    let (mut x, mut y) = at(lo);
    let (buf, base, dx, dy) = frame.raw();
    // A checked frame holds every pixel of the view; a pixel outside the buffer (none) reads 0.
    if dx == 1 && dy > 0 {
        // A packed plane: the four neighbours are the ends of `dy + 2` bytes from the sample's
        // pixel (inside the run the coordinates are not negative). In blocks
        // of `LANES` samples: first the neighbours and weights of each (scalar loads), then
        // their blends, which the compiler turns into vector arithmetic (the blend was most of
        // a sample's instructions).
        let stride = dy as usize;
        // Pixel `o` and its right neighbour as one little-endian u16 (`o` low), and the pair
        // below them: two loads a sample. Past `limit`, the pair below would leave the buffer.
        let limit = buf.len().checked_sub(stride + 2);
        let pair = |o: usize| u16::from_le_bytes([buf[o], buf[o + 1]]);
        let (mut top, mut bottom) = ([0u16; LANES], [0u16; LANES]);
        let (mut wx, mut wy) = ([0u16; LANES], [0u16; LANES]);
        let mut blended = [0u8; LANES];
        // The weights lie in the low 32 bits of the fixed-point coordinates: a block's weights
        // from 32-bit sums, in a loop the compiler vectorises (the sums wrap as the low bits of
        // the 64-bit ones do).
        let (lsx, lsy) = (sx as u32, sy as u32);
        for block in run.chunks_mut(LANES) {
            let (lx, ly) = (x as u32, y as u32);
            for k in 0..LANES {
                let (xk, yk) = (lx.wrapping_add(lsx.wrapping_mul(k as u32)), ly.wrapping_add(lsy.wrapping_mul(k as u32)));
                (wx[k], wy[k]) = ((xk >> (FIX - WEIGHT_BITS)) as u16, (yk >> (FIX - WEIGHT_BITS)) as u16);
            }
            for k in 0..block.len().min(LANES) {
                let o = base + (x >> FIX) as usize + (y >> FIX) as usize * stride;
                (top[k], bottom[k]) = match limit {
                    Some(limit) if o <= limit => (pair(o), pair(o + stride)),
                    _ => (0, 0),
                };
                x += sx;
                y += sy;
            }
            blend_lanes(&top, &bottom, &wx, &wy, &mut blended);
            match <&mut [u8; LANES]>::try_from(&mut *block) {
                Ok(whole) => *whole = blended,
                Err(_) => {
                    let n = block.len();
                    block.copy_from_slice(&blended[..n]);
                }
            }
        }
    } else {
        let pixel = |k: isize| buf.get(k as usize).copied().unwrap_or(0);
        for px in run {
            let o = base as isize + (x >> FIX) as isize * dx + (y >> FIX) as isize * dy;
            *px = blend([pixel(o), pixel(o + dx), pixel(o + dy), pixel(o + dx + dy)], weight(x), weight(y));
            x += sx;
            y += sy;
        }
    }
}

/// The bilinear weight of a fixed-point coordinate (its fraction in [`WEIGHT_BITS`] bits).
#[inline]
fn weight(v: i64) -> u32 {
    ((v >> (FIX - WEIGHT_BITS)) & ((1 << WEIGHT_BITS) - 1)) as u32
}

/// Samples blended at once by [`sample_line`] on a packed plane.
const LANES: usize = 16;

/// [`blend`] of `LANES` samples at once: the neighbours of each as pairs (`top`: pixel and
/// right neighbour, little-endian; `bottom`: the two below) and its weights `wx`, `wy` (the same
/// values: a row's blend `a × (256 − wx) + b × wx` is at most 255 × 256 and fits 16 bits, so the
/// rows blend in 16-bit lanes and only the last step needs 32).
#[inline]
fn blend_lanes(top: &[u16; LANES], bottom: &[u16; LANES], wx: &[u16; LANES], wy: &[u16; LANES], out: &mut [u8; LANES]) {
    let one = 1u16 << WEIGHT_BITS;
    for k in 0..LANES {
        let (a, b) = (top[k] & 0xff, top[k] >> 8);
        let (c, d) = (bottom[k] & 0xff, bottom[k] >> 8);
        let t = a * (one - wx[k]) + b * wx[k];
        let u = c * (one - wx[k]) + d * wx[k];
        let v = u32::from(t) * u32::from(one - wy[k]) + u32::from(u) * u32::from(wy[k]) + (1 << (2 * WEIGHT_BITS - 1));
        out[k] = (v >> (2 * WEIGHT_BITS)) as u8;
    }
}

/// The bilinear blend of `(x, y)`, `(x + 1, y)`, `(x, y + 1)`, `(x + 1, y + 1)`.
#[inline]
fn blend([a, b, c, d]: [u8; 4], ax: u32, ay: u32) -> u8 {
    let one = 1u32 << WEIGHT_BITS;
    let top = u32::from(a) * (one - ax) + u32::from(b) * ax;
    let bottom = u32::from(c) * (one - ax) + u32::from(d) * ax;
    ((top * (one - ay) + bottom * ay + (1 << (2 * WEIGHT_BITS - 1))) >> (2 * WEIGHT_BITS)) as u8
}

/// The bilinear sample at the fixed-point point `(x, y)` at or outside the frame's border: the
/// border pixels repeat outside.
#[cold]
fn sample_border(frame: &Frame<'_>, x: i64, y: i64) -> u8 {
    let (xi, yi) = (x >> FIX, y >> FIX);
    let (fw, fh) = (i64::from(frame.width()), i64::from(frame.height()));
    let (buf, base, dx, dy) = frame.raw();
    // Offsets of the clamped columns and rows (inside the frame: no overflow).
    let col = |v: i64| v.clamp(0, fw - 1) as isize * dx;
    let row = |v: i64| v.clamp(0, fh - 1) as isize * dy;
    let (xa, xb) = (col(xi), col(xi.saturating_add(1)));
    let (ya, yb) = (row(yi), row(yi.saturating_add(1)));
    let pixel = |o: isize| buf.get((base as isize + o) as usize).copied().unwrap_or(0);
    blend([pixel(xa + ya), pixel(xb + ya), pixel(xa + yb), pixel(xb + yb)], weight(x), weight(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain float bilinear sample, clamped at the border: what the fixed-point lines stand for.
    fn reference(pixels: &[u8], w: i32, h: i32, x: f32, y: f32) -> f32 {
        let (x0, y0) = (x.floor(), y.floor());
        let (ax, ay) = (x - x0, y - y0);
        let at = |xx: f32, yy: f32| pixels[(yy.clamp(0.0, (h - 1) as f32) as i32 * w + xx.clamp(0.0, (w - 1) as f32) as i32) as usize] as f32;
        let top = at(x0, y0) * (1.0 - ax) + at(x0 + 1.0, y0) * ax;
        let bottom = at(x0, y0 + 1.0) * (1.0 - ax) + at(x0 + 1.0, y0 + 1.0) * ax;
        top * (1.0 - ay) + bottom * ay
    }

    /// A crop's samples are the bilinear samples of the frame at the crop's coordinates (to the
    /// 1/256 pixel weights of the fixed-point lines: within 2 grey levels of the float ones), for
    /// regions inside, across the border and outside, in every direction.
    #[test]
    fn a_crop_is_its_bilinear_samples() {
        let (w, h) = (160u32, 120u32);
        let mut rng = fastrand::Rng::with_seed(5);
        let pixels: Vec<u8> = (0..w * h).map(|_| rng.u8(..)).collect();
        let frame = Frame::luma(&pixels, w, h).expect("frame");
        for (k, (cx, cy)) in [(80.0f32, 60.0f32), (20.0, 15.0), (150.0, 110.0), (-30.0, 60.0)].into_iter().enumerate() {
            for step in 0..12 {
                let angle = step as f32 * 0.55 - 3.0;
                let r = Region { angle, cx, cy, across: 70.0 + k as f32 * 9.0, along: 31.0, weight: 1.0 };
                for (scale, along, rows) in [(1.0, 1.0, None), (2.0, 2.0, Some(40)), (2.0, 1.0, Some(20))] {
                    let c = crop(&frame, &r, scale, along, rows).expect("crop");
                    for j in 0..c.height {
                        for i in 0..c.width {
                            let x = c.origin.0 + j as f32 * c.ey.0 + i as f32 * c.ex.0;
                            let y = c.origin.1 + j as f32 * c.ey.1 + i as f32 * c.ex.1;
                            let expected = reference(&pixels, w as i32, h as i32, x, y);
                            let got = c.data[(j * c.width + i) as usize];
                            assert!((got as f32 - expected).abs() <= 2.0, "angle {angle}, centre ({cx}, {cy}), pixel ({i}, {j}): {got} vs {expected}");
                        }
                    }
                }
            }
        }
    }

    /// The blocked blends of a packed plane's line are exactly the per-sample blend (the one
    /// the border samples use), sample by sample, for lines of every length (whole blocks and
    /// a remainder), direction and position, inside the frame and across its border.
    #[test]
    fn a_line_blends_exactly_as_each_sample() {
        let (w, h) = (97u32, 61u32);
        let mut rng = fastrand::Rng::with_seed(11);
        let pixels: Vec<u8> = (0..w * h).map(|_| rng.u8(..)).collect();
        let frame = Frame::luma(&pixels, w, h).expect("frame");
        for _ in 0..400 {
            let start = (rng.f32() * 140.0 - 20.0, rng.f32() * 100.0 - 20.0);
            let angle = rng.f32() * 2.0 * PI;
            let scale = 0.3 + rng.f32() * 1.5;
            let step = (angle.cos() * scale, angle.sin() * scale);
            let mut out = vec![0u8; rng.usize(1..90)];
            sample_line(&frame, start, step, &mut out);
            let (x0, y0, sx, sy) = (to_fix(start.0), to_fix(start.1), to_fix(step.0), to_fix(step.1));
            for (i, &got) in out.iter().enumerate() {
                let expected = sample_border(&frame, x0 + i as i64 * sx, y0 + i as i64 * sy);
                assert_eq!(got, expected, "start {start:?}, step {step:?}, sample {i}");
            }
        }
    }

    /// A line of samples on a strided view (a subsampled frame) reads the view's pixels.
    #[test]
    fn a_line_on_a_strided_view() {
        let (w, h) = (64u32, 48u32);
        let pixels: Vec<u8> = (0..w * h).map(|i| (i % 251) as u8).collect();
        let frame = Frame::luma(&pixels, w, h).expect("frame");
        let view = frame.subsampled(2);
        let mut out = [0u8; 20];
        sample_line(&view, (3.0, 5.0), (1.0, 0.0), &mut out);
        for (i, v) in out.iter().enumerate() {
            assert_eq!(*v, view.pixel(3 + i as u32, 5).expect("inside"), "sample {i}");
        }
    }
}
