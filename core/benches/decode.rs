//! Decode time per camera frame (1280×720, stream mode): a level label, a label tilted 15° and
//! 40°, a frame with no label; and still-mode time per photo of the shared samples.
//! Run with `./build.sh bench` or `cargo bench -p track-core --bench decode`.

#[path = "../tests/scan_util/mod.rs"]
mod scan_util;

use std::time::{Duration, Instant};

use track_core::scan::{DecodeOptions, Decoder, Frame, LumaImage};

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(v[v.len() / 2]), ms(v[(v.len() * 99 / 100).min(v.len() - 1)]))
}

fn main() {
    let (w, h) = (1280usize, 720usize);
    let stream = Decoder::new(DecodeOptions::stream());
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("level label", scan_util::label_frame(w, h, "EK712345609IN", 2.5, 70.0, 0.0, 1)),
        ("label tilted 15°", scan_util::label_frame(w, h, "EK712345609IN", 2.5, 70.0, 15.0, 2)),
        ("label tilted 40°", scan_util::label_frame(w, h, "EK712345609IN", 2.5, 70.0, 40.0, 3)),
        ("no label", scan_util::background(w, h, 4)),
    ];
    for (name, mut img) in cases {
        scan_util::noise(&mut img, 3.0, 9);
        let frame = Frame::luma(&img, w as u32, h as u32).expect("frame");
        let mut times = Vec::new();
        let mut reads = 0;
        for _ in 0..200 {
            let t = Instant::now();
            reads += usize::from(!stream.decode(&frame).is_empty());
            times.push(t.elapsed());
        }
        let (median, p99) = stats(times);
        println!("decode 1280x720 frame, {name:<17}: median {median:6.2} ms, p99 {p99:6.2} ms ({reads}/200 frames read)");
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/barcodes");
    let still = Decoder::new(DecodeOptions::still().with_retail());
    let mut photos = Vec::new();
    for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            if let Ok(img) = LumaImage::open(f.path()) {
                photos.push(img);
            }
        }
    }
    if photos.is_empty() {
        println!("decode photos: ../shared/data/barcodes not found, skipped");
        return;
    }
    let mut times = Vec::new();
    for img in &photos {
        let t = Instant::now();
        let _ = still.decode(&img.frame());
        times.push(t.elapsed());
    }
    let (median, p99) = stats(times);
    println!("decode shared sample photos (still mode, {} images): median {median:.2} ms, p99 {p99:.2} ms", photos.len());
}
