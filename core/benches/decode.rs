//! Decode time per camera frame (1280×720, stream mode): a level label, a label tilted 15° and
//! 40°, a frame with no label; still-mode time per photo of the shared samples; and the realistic
//! frame corpus (tests/scan_util/corpus.rs) class by class, the core's stream decoder side by side
//! with zxing-cpp alone (default options, and fast options: no rotation, no harder passes) in the
//! same run: median and p99 ms per frame, read rate, misreads, and the core's work units.
//! Run with `./build.sh bench` or `cargo bench -p track-core --bench decode`.
//! Then the time to a confirmed scan in stream mode ([`Scanner`]): sequences of frames of one
//! scene (a label held in view, fresh sensor noise per frame) per class, frames and decode
//! milliseconds from the first frame to the confirmed label (`TRACK_BENCH_SEQUENCES` per class,
//! 8; at most 10 frames each; ITF labels carry no tracking ID and are left out).
//! `TRACK_BENCH_FRAMES` sets the frames per corpus class (24), `TRACK_BENCH_REPS` the timed
//! decodes per frame (3), `TRACK_BENCH_CLASSES` a comma-separated subset of classes,
//! `TRACK_BENCH_BUDGET_MS` the stream decoder's budget (25); `TRACK_CORPUS_CACHE` a folder where
//! the corpus frames are kept between runs (the run under qemu reads the host's); `TRACK_BENCH_SAMPLES=0` skips the
//! clean frames and the photos; `TRACK_BENCH_VERBOSE=1` prints each frame's passes and work;
//! `TRACK_BENCH_ZXING` which zxing-cpp runs go beside the core (`default,fast`; `fast` under
//! qemu, where the default options take tens of minutes on the tilted class; `none`).

#[path = "../tests/scan_util/mod.rs"]
mod scan_util;

use std::time::{Duration, Instant};

use scan_util::corpus::{self, Class, CorpusFrame};
use track_core::scan::{DecodeOptions, Decoder, Format, Frame, LumaImage, ScanEvent, Scanner, ScannerConfig};
use zxingcpp::{BarcodeFormat, ImageFormat, ImageView};

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(v[v.len() / 2]), ms(v[(v.len() * 99 / 100).min(v.len() - 1)]))
}

fn main() {
    if std::env::var("TRACK_BENCH_SAMPLES").as_deref() != Ok("0") {
        samples();
    }
    corpus_bench();
    confirm_bench();
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// zxing-cpp alone on a frame, with its default options or fast ones.
fn zxing(f: &CorpusFrame, fast: bool) -> Vec<(Format, String)> {
    let Ok(view) = ImageView::from_slice(&f.data, f.width as u32, f.height as u32, ImageFormat::Lum) else { return Vec::new() };
    let formats = [BarcodeFormat::Code128, BarcodeFormat::Code39, BarcodeFormat::ITF, BarcodeFormat::QRCode, BarcodeFormat::DataMatrix, BarcodeFormat::PDF417];
    let mut reader = zxingcpp::read().formats(formats);
    if fast {
        reader = reader.try_harder(false).try_rotate(false).try_invert(false);
    }
    let ours = |b: &zxingcpp::Barcode| match b.symbology() {
        BarcodeFormat::Code128 => Some(Format::Code128),
        BarcodeFormat::Code39 => Some(Format::Code39),
        BarcodeFormat::ITF => Some(Format::Itf),
        BarcodeFormat::QRCode => Some(Format::QrCode),
        BarcodeFormat::DataMatrix => Some(Format::DataMatrix),
        BarcodeFormat::PDF417 => Some(Format::Pdf417),
        _ => None,
    };
    reader
        .from(view)
        .map(|found| found.iter().filter(|b| b.is_valid()).filter_map(|b| Some((ours(b)?, b.text()))).collect())
        .unwrap_or_default()
}

/// Times, reads and misreads of one decoder over a class's frames.
#[derive(Default)]
struct Tally {
    times: Vec<Duration>,
    read: usize,
    misread: usize,
    work: Vec<u64>,
}

impl Tally {
    fn line(&self, frames: usize) -> String {
        let (median, p99) = stats(self.times.clone());
        format!("median {median:6.2} ms, p99 {p99:6.2} ms, read {:2}/{frames}, misreads {}", self.read, self.misread)
    }
}

fn corpus_bench() {
    let n = env_usize("TRACK_BENCH_FRAMES", 24).max(1);
    let reps = env_usize("TRACK_BENCH_REPS", 3).max(1);
    let only: Option<Vec<String>> = std::env::var("TRACK_BENCH_CLASSES").ok().map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    let mut options = DecodeOptions::stream();
    if let Some(ms) = std::env::var("TRACK_BENCH_BUDGET_MS").ok().and_then(|v| v.parse::<u64>().ok()) {
        options.budget = Duration::from_millis(ms);
    }
    if std::env::var("TRACK_BENCH_FAST_PATH").as_deref() == Ok("0") {
        options.fast_path = false;
    }
    let stream = Decoder::new(options);
    let verbose = std::env::var_os("TRACK_BENCH_VERBOSE").is_some();
    let zx_runs = std::env::var("TRACK_BENCH_ZXING").unwrap_or_else(|_| "default,fast".into());
    let (run_default, run_fast) = (zx_runs.split(',').any(|r| r.trim() == "default"), zx_runs.split(',').any(|r| r.trim() == "fast"));
    println!("corpus: {n} frames per class, 1280x720, noise sigma {}, {reps} timed decodes per frame", corpus::NOISE_SIGMA);
    for class in Class::all() {
        if only.as_ref().is_some_and(|o| !o.contains(&class.name())) {
            continue;
        }
        let frames = corpus::frames_cached(class, n);
        let (mut core, mut zx_default, mut zx_fast) = (Tally::default(), Tally::default(), Tally::default());
        for f in &frames {
            let frame = Frame::luma(&f.data, f.width as u32, f.height as u32).expect("corpus frame");
            let mut found = Vec::new();
            for _ in 0..reps {
                let t = Instant::now();
                let (barcodes, s) = stream.decode_with_stats(&frame);
                core.times.push(t.elapsed());
                core.work.push(s.work);
                found = barcodes.into_iter().map(|b| (b.format, b.text)).collect();
            }
            core.read += usize::from(f.is_read(&found));
            core.misread += f.misreads(&found).len();
            if verbose {
                let (_, s) = stream.decode_with_stats(&frame);
                println!(
                    "  {}-{}: module {:.1} px, angle {:5.1}, read {}, {} areas, {} passes, {} regions, {:.1} M units, {:.1} ms",
                    class.name(), f.index, f.module_px, f.angle, f.is_read(&found), s.areas, s.passes, s.regions, s.work as f64 / 1e6, s.elapsed.as_secs_f64() * 1e3
                );
            }
            for (tally, fast) in [(&mut zx_default, false), (&mut zx_fast, true)] {
                if !(if fast { run_fast } else { run_default }) {
                    continue;
                }
                let mut found = Vec::new();
                for _ in 0..reps {
                    let t = Instant::now();
                    found = zxing(f, fast);
                    tally.times.push(t.elapsed());
                }
                tally.read += usize::from(f.is_read(&found));
                tally.misread += f.misreads(&found).len();
            }
        }
        let name = class.name();
        let mut work = core.work.clone();
        work.sort();
        let work_median = work.get(work.len() / 2).copied().unwrap_or(0);
        println!("corpus {name:<10} core         : {}, work median {:.1} M units", core.line(n), work_median as f64 / 1e6);
        if !run_default || !run_fast {
            for (tally, label, ran) in [(&zx_default, "default", run_default), (&zx_fast, "fast   ", run_fast)] {
                if ran {
                    println!("corpus {name:<10} zxing {label}: {}", tally.line(n));
                }
            }
            continue;
        }
        println!("corpus {name:<10} zxing default: {}", zx_default.line(n));
        println!("corpus {name:<10} zxing fast   : {}", zx_fast.line(n));
        let (cm, _) = stats(core.times.clone());
        let (dm, _) = stats(zx_default.times.clone());
        let (fm, _) = stats(zx_fast.times.clone());
        println!(
            "corpus {name:<10} side by side : core/zxing-default median time {:.2}x, core/zxing-fast {:.2}x; reads core {} vs default {} vs fast {}",
            cm / dm.max(1e-9),
            cm / fm.max(1e-9),
            core.read,
            zx_default.read,
            zx_fast.read
        );
    }
}

/// The original cases: clean synthetic frames and the shared sample photos.
fn samples() {
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
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = [manifest.join("../../shared/data/barcodes"), std::path::PathBuf::from("/work/shared/data/barcodes")]
        .into_iter()
        .find(|p| p.is_dir())
        .unwrap_or_else(|| manifest.join("../../shared/data/barcodes"));
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

/// Frames and decode time from the first frame showing a label to its confirmed scan.
fn confirm_bench() {
    const MAX_FRAMES: usize = 10;
    let n = env_usize("TRACK_BENCH_SEQUENCES", 8).max(1);
    let only: Option<Vec<String>> = std::env::var("TRACK_BENCH_CLASSES").ok().map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    let mut config = ScannerConfig::default();
    if let Some(ms) = std::env::var("TRACK_BENCH_BUDGET_MS").ok().and_then(|v| v.parse::<u64>().ok()) {
        config.decode.budget = Duration::from_millis(ms);
    }
    println!("time to a confirmed scan (stream mode): {n} sequences per class, at most {MAX_FRAMES} frames each");
    for class in Class::all().into_iter().filter(|c| *c != Class::Empty) {
        if only.as_ref().is_some_and(|o| !o.contains(&class.name())) {
            continue;
        }
        let (mut frames_to, mut ms_to, mut wrong) = (Vec::new(), Vec::new(), 0usize);
        let mut tried = 0;
        for index in (0..).take(4 * n) {
            if tried == n {
                break;
            }
            let seq = corpus::sequence(class, index, MAX_FRAMES);
            let Some((format, expected)) = seq[0].expected.clone() else { continue };
            if format == Format::Itf {
                continue;
            }
            tried += 1;
            let mut scanner = Scanner::new(config.clone());
            let mut spent = Duration::ZERO;
            for (k, f) in seq.iter().enumerate() {
                let frame = Frame::luma(&f.data, f.width as u32, f.height as u32).expect("corpus frame");
                let t = Instant::now();
                let event = scanner.push_frame(&frame);
                spent += t.elapsed();
                match event {
                    Some(ScanEvent::Label(label)) if label.tracking_id.as_str() == expected => {
                        frames_to.push(k + 1);
                        ms_to.push(spent);
                        break;
                    }
                    Some(_) => wrong += 1,
                    None => {}
                }
            }
        }
        let name = class.name();
        if frames_to.is_empty() {
            println!("confirm {name:<10}: 0/{tried} confirmed within {MAX_FRAMES} frames, other events {wrong}");
            continue;
        }
        frames_to.sort();
        let (ms_median, ms_max) = (stats(ms_to.clone()).0, stats(ms_to).1);
        println!(
            "confirm {name:<10}: {}/{tried} confirmed within {MAX_FRAMES} frames; frames to confirm median {}, max {}; decode ms to confirm median {ms_median:.1}, max {ms_max:.1}; other events {wrong}",
            frames_to.len(),
            frames_to[frames_to.len() / 2],
            frames_to[frames_to.len() - 1],
        );
    }
}
