//! Lists what the stream decoder reads on every frame of the realistic corpus
//! (tests/scan_util/corpus.rs), one line per frame: whether the label's main barcode is read,
//! every barcode read (format and a hash of its text: no full barcodes in logs), misreads, and
//! the decode's work and passes; then a line per class. Two runs' outputs (before and after a
//! change to the decoder) compare with `diff`: a frame read before and not after is a lost read.
//! Usage: `corpus_reads [FRAMES] [CLASS,CLASS,…]` (24 frames of every class by default);
//! `TRACK_CORPUS_CACHE` keeps the frames between runs.

#[path = "../tests/scan_util/mod.rs"]
mod scan_util;

use std::hash::{Hash, Hasher};

use scan_util::corpus::{self, Class};
use track_core::scan::{DecodeOptions, Decoder, Frame};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(24);
    let only: Option<Vec<String>> = args.get(2).map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    let decoder = Decoder::new(DecodeOptions::stream());
    for class in Class::all() {
        if only.as_ref().is_some_and(|o| !o.contains(&class.name())) {
            continue;
        }
        let (mut read, mut misread, mut work) = (0usize, 0usize, 0u64);
        for f in corpus::frames_cached(class, n) {
            let Ok(frame) = Frame::luma(&f.data, f.width as u32, f.height as u32) else { continue };
            let (found, stats) = decoder.decode_with_stats(&frame);
            let texts: Vec<_> = found.iter().map(|b| (b.format, b.text.clone())).collect();
            let mut all: Vec<String> = texts
                .iter()
                .map(|(format, text)| {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    text.hash(&mut h);
                    format!("{}:{:08x}", format.name(), h.finish() as u32)
                })
                .collect();
            all.sort();
            let is_read = f.is_read(&texts);
            let bad = f.misreads(&texts).len();
            read += usize::from(is_read);
            misread += bad;
            work += stats.work;
            println!(
                "{}-{}: {} misreads {} [{}] work {:.1} M passes {} regions {}",
                class.name(),
                f.index,
                if is_read { "read  " } else { "unread" },
                bad,
                all.join(" "),
                stats.work as f64 / 1e6,
                stats.passes,
                stats.regions
            );
        }
        println!("class {}: read {read}/{n}, misreads {misread}, work {:.1} M units", class.name(), work as f64 / 1e6);
    }
}
