//! The fast path's areas: where in a frame a barcode can be, from the tile map of
//! [`super::orient`] (edge energy per 16×16 tile). A barcode, linear or 2D, is a patch of strong,
//! dense edges; paper, cardboard and sensor noise are not. Tiles whose edge energy stands well
//! above the frame's own floor (its quietest quarter: paper and background under the same light
//! and noise), and tiles of nearly level bars, are grouped into clusters, and each cluster's
//! bounding box, with room for the quiet zones, is an area (bars turned further are read from
//! their regions' crops, so their tiles need no area). The stream decoder reads only these areas: a frame without any exits
//! after the map, and the engine's passes cost in proportion to the areas, not the frame. Owns
//! the thresholds of that decision.

use std::collections::VecDeque;

use super::frame::Rect;
use super::orient::{TILE, TileMap};

/// Least edge energy (mean squared gradient) of a busy tile, whatever the floor.
const MIN_BUSY_ENERGY: f32 = 150.0;
/// A busy tile's energy is at least this many times the frame's floor (its quietest quarter).
const FLOOR_FACTOR: f32 = 2.0;
/// Least number of busy tiles in a cluster: the smallest symbol read covers more.
const MIN_CLUSTER_TILES: usize = 3;
/// A cluster that can be a matrix symbol (DataMatrix) is compact: at least this many tiles,
/// its box no longer than `MATRIX_ASPECT` times its width, at least `MATRIX_FILL_PERCENT` of
/// the box busy, at most `MATRIX_MAX_SIDE` tiles a side. Lines of text are long and thin.
const MATRIX_MIN_TILES: usize = 4;
const MATRIX_ASPECT: usize = 3;
const MATRIX_FILL_PERCENT: usize = 40;
const MATRIX_MAX_SIDE: usize = 24;
/// At most this many matrix areas are read per frame (the densest not explained by a barcode
/// already read): a label's address text makes a dozen compact clusters, each a harder
/// DataMatrix pass.
pub(crate) const MATRIX_MAX_AREAS: usize = 3;
/// Regions of bars turned at most this far from level (radians, the bars upright) are read by
/// the first pass: the engine's fast pass reads scan lines across the frame, which cross every
/// bar of a linear barcode only when it is nearly level.
const LEVEL_ANGLE: f32 = 20.0 * std::f32::consts::PI / 180.0;
/// Tiles of margin around a cluster's box: the quiet zones and the symbol's faint edges.
const MARGIN_TILES: u32 = 2;
/// When the areas cover more than this share of the frame, the whole frame is read instead (in
/// per cent; one pass over the frame costs less than many over nearly all of it). At 70, a
/// quarter of the corpus's tilted frames read the whole frame, and were among its slowest.
const WHOLE_FRAME_PERCENT: u64 = 90;

/// Where a barcode can be in a frame.
pub(crate) struct Areas {
    /// Areas to read, in frame coordinates (overlapping only where their union would read
    /// more pixels); empty when the frame holds no patch of strong edges; the whole frame when
    /// they would cover most of it.
    pub(crate) read: Vec<Rect>,
    /// Compact clusters without parallel edges, which can be a matrix symbol turned off level,
    /// the densest first (the harder DataMatrix search goes to the first few only).
    pub(crate) matrix: Vec<Rect>,
}

impl Areas {
    /// The whole `width × height` frame, for every pass.
    pub(crate) fn whole(width: u32, height: u32) -> Self {
        Self { read: vec![Rect::new(0, 0, width, height)], matrix: vec![Rect::new(0, 0, width, height)] }
    }
}

/// The areas of a `width × height` frame whose tile map is `map` where a barcode can be;
/// `bars[i]` is the angle of the region of bars tile `i` belongs to, if any
/// ([`TileMap::regions_and_bars`]): parallel edges outside any (a sheet's border, a rule) are
/// lines, not barcodes.
pub(crate) fn areas(map: &TileMap, bars: &[Option<f32>], width: u32, height: u32) -> Areas {
    let n = map.tw * map.th;
    if n == 0 || map.tiles.len() < n || bars.len() < n {
        return Areas::whole(width, height);
    }
    let tile_energy: Vec<f32> = map.tiles.iter().map(|t| t.energy).collect();
    let mut energies = tile_energy.clone();
    let q = n / 4;
    let (_, floor, _) = energies.select_nth_unstable_by(q, |a, b| a.total_cmp(b));
    let threshold = (*floor * FLOOR_FACTOR).max(MIN_BUSY_ENERGY);
    // The areas read: bars the first pass can read (within `LEVEL_ANGLE` of level: turned
    // further, a linear barcode is read from its region's crop, never by the first pass) and
    // strong edges in no direction (2D symbols, and text).
    let level = |a: &Option<f32>| a.is_some_and(|a| a.abs() <= LEVEL_ANGLE);
    let busy: Vec<bool> = map.tiles.iter().zip(bars).map(|(t, bar)| level(bar) || (!t.candidate && t.energy >= threshold)).collect();

    let to_frame = |c: &Cluster, m: u32| {
        let left = (c.x0 as u32).saturating_sub(m) * TILE;
        let top = (c.y0 as u32).saturating_sub(m) * TILE;
        let right = ((c.x1 as u32 + 1 + m) * TILE).min(width);
        let bottom = ((c.y1 as u32 + 1 + m) * TILE).min(height);
        (left, top, right, bottom)
    };
    // Two tiles of reach: a tile lost in a wide bar or a quiet module does not split a symbol.
    let mut boxes: Vec<(u32, u32, u32, u32)> =
        clusters(&busy, &tile_energy, map.tw, map.th, 2).iter().filter(|c| c.count >= MIN_CLUSTER_TILES).map(|c| to_frame(c, MARGIN_TILES)).collect();
    // Matrix symbols: compact clusters of strong edges outside the regions of bars (a matrix
    // symbol's solid finder edges are parallel, so tiles of lines count here), one tile of
    // reach (lines of text stay apart).
    let plain: Vec<bool> = map.tiles.iter().zip(bars).map(|(t, bar)| bar.is_none() && t.energy >= threshold).collect();
    let mut compact: Vec<Cluster> = clusters(&plain, &tile_energy, map.tw, map.th, 1)
        .into_iter()
        .filter(|c| {
            let (w, h) = (c.x1 - c.x0 + 1, c.y1 - c.y0 + 1);
            c.count >= MATRIX_MIN_TILES
                && w.max(h) <= MATRIX_MAX_SIDE
                && w.max(h) <= MATRIX_ASPECT * w.min(h)
                && c.count * 100 >= MATRIX_FILL_PERCENT * w * h
        })
        .collect();
    // The densest first (mean edge energy of their tiles: a matrix symbol's modules give edges
    // all over its tiles, words leave gaps between strokes).
    compact.sort_by(|a, b| (b.energy / b.count as f32).total_cmp(&(a.energy / a.count as f32)));
    let matrix: Vec<Rect> = compact
        .iter()
        .map(|c| {
            let b = to_frame(c, MARGIN_TILES);
            Rect::new(b.0, b.1, b.2 - b.0, b.3 - b.1)
        })
        .filter(|r| r.width > 0 && r.height > 0)
        .collect();
    // Overlapping boxes become one when that reads no more pixels than both apart (repeat until
    // none does): the boxes of a label turned 45° overlap, and their union is most of the frame.
    let mut merged = true;
    while merged {
        merged = false;
        'outer: for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let (a, b) = (boxes[i], boxes[j]);
                let size = |b: (u32, u32, u32, u32)| u64::from(b.2 - b.0) * u64::from(b.3 - b.1);
                let union = (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3));
                if a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3 && size(union) <= size(a) + size(b) {
                    boxes[i] = (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3));
                    boxes.swap_remove(j);
                    merged = true;
                    break 'outer;
                }
            }
        }
    }
    let covered: u64 = boxes.iter().map(|b| u64::from(b.2 - b.0) * u64::from(b.3 - b.1)).sum();
    let read = if covered * 100 > u64::from(width) * u64::from(height) * WHOLE_FRAME_PERCENT {
        vec![Rect::new(0, 0, width, height)]
    } else {
        boxes.into_iter().filter(|b| b.2 > b.0 && b.3 > b.1).map(|b| Rect::new(b.0, b.1, b.2 - b.0, b.3 - b.1)).collect()
    };
    Areas { read, matrix }
}

/// A cluster of tiles: its bounding box in tiles and its size.
struct Cluster {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
    count: usize,
    /// Sum of its tiles' edge energy.
    energy: f32,
}

/// The clusters of set tiles, a tile joining any set tile within `reach` tiles.
fn clusters(set: &[bool], energy: &[f32], tw: usize, th: usize, reach: usize) -> Vec<Cluster> {
    let mut seen = vec![false; set.len()];
    let mut out = Vec::new();
    let mut queue = VecDeque::new();
    for start in 0..set.len().min(tw * th) {
        if !set[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        queue.push_back(start);
        let mut c = Cluster { x0: usize::MAX, y0: usize::MAX, x1: 0, y1: 0, count: 0, energy: 0.0 };
        while let Some(i) = queue.pop_front() {
            c.count += 1;
            c.energy += energy.get(i).copied().unwrap_or(0.0);
            let (ix, iy) = (i % tw, i / tw);
            (c.x0, c.y0, c.x1, c.y1) = (c.x0.min(ix), c.y0.min(iy), c.x1.max(ix), c.y1.max(iy));
            for ny in iy.saturating_sub(reach)..=(iy + reach).min(th - 1) {
                for nx in ix.saturating_sub(reach)..=(ix + reach).min(tw - 1) {
                    let j = ny * tw + nx;
                    if set[j] && !seen[j] {
                        seen[j] = true;
                        queue.push_back(j);
                    }
                }
            }
        }
        out.push(c);
    }
    out
}
