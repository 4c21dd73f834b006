//! Decodes a few frames of one corpus class (tests/scan_util/corpus.rs), for counting the
//! instructions a frame costs under `valgrind --tool=callgrind` (repeatable where wall time is
//! not): `./build.sh bench` runs it with collection switched on only inside `decode_frame`, so
//! the count excludes making the frames. Usage: `frame_cost CLASS FRAMES core|zxing`
//! (zxing: zxing-cpp alone with its default options). `TRACK_CORPUS_CACHE` keeps the frames
//! between runs (making them under valgrind is the slow part of a run).

#[path = "../tests/scan_util/mod.rs"]
mod scan_util;

use scan_util::corpus::{self, Class};
use track_core::scan::{DecodeOptions, Decoder, Frame};
use zxingcpp::{BarcodeFormat, ImageFormat, ImageView};

/// The measured call: one frame through the stream decoder, or through zxing-cpp alone.
#[inline(never)]
fn decode_frame(decoder: &Decoder, data: &[u8], width: u32, height: u32, zxing: bool) -> usize {
    if zxing {
        let Ok(view) = ImageView::from_slice(data, width, height, ImageFormat::Lum) else { return 0 };
        let formats = [BarcodeFormat::Code128, BarcodeFormat::Code39, BarcodeFormat::ITF, BarcodeFormat::QRCode, BarcodeFormat::DataMatrix, BarcodeFormat::PDF417];
        return zxingcpp::read().formats(formats).from(view).map(|found| found.iter().filter(|b| b.is_valid()).count()).unwrap_or(0);
    }
    match Frame::luma(data, width, height) {
        Ok(frame) => decoder.decode(&frame).len(),
        Err(_) => 0,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let class_name = args.get(1).map(String::as_str).unwrap_or("level");
    let n: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(4);
    let zxing = args.get(3).map(String::as_str) == Some("zxing");
    let Some(class) = Class::all().into_iter().find(|c| c.name() == class_name) else {
        eprintln!("frame_cost: unknown class {class_name}");
        std::process::exit(2);
    };
    let decoder = Decoder::new(DecodeOptions::stream());
    let mut read = 0;
    for f in corpus::frames_cached(class, n) {
        let found = decode_frame(&decoder, &f.data, f.width as u32, f.height as u32, zxing);
        read += usize::from(found > 0);
    }
    println!("frame_cost {class_name} {}: {n} frames, {read} with a barcode", if zxing { "zxing-default" } else { "core" });
}
