//! The realistic frame corpus (scan_util/corpus.rs) through the stream decoder: a few frames per
//! class, so the suite stays fast in debug builds and under qemu (the bench reads the whole
//! corpus, in release). No read of any frame is a misread; empty frames read nothing; labelled
//! frames in good light read their tracking ID.

mod scan_util;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use scan_util::corpus::{self, Class, CorpusFrame};
use track_core::scan::{DecodeOptions, Decoder, Format, Frame};

/// Frame `i` of `class`, made once per test binary (making a frame is the slow part in debug
/// builds under qemu).
fn cached(class: Class, i: usize) -> Arc<CorpusFrame> {
    static CACHE: OnceLock<Mutex<HashMap<(Class, usize), Arc<CorpusFrame>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(f) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&(class, i)) {
        return f.clone();
    }
    let f = Arc::new(corpus::frame(class, i));
    cache.lock().unwrap_or_else(|e| e.into_inner()).entry((class, i)).or_insert(f).clone()
}

fn decode(decoder: &Decoder, f: &CorpusFrame) -> Vec<(Format, String)> {
    let frame = Frame::luma(&f.data, f.width as u32, f.height as u32).expect("corpus frame");
    decoder.decode(&frame).into_iter().map(|b| (b.format, b.text)).collect()
}

#[test]
#[ignore = "writes target/corpus-preview/*.png to look at; run on purpose"]
fn write_corpus_preview() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/corpus-preview");
    std::fs::create_dir_all(&dir).expect("preview folder");
    for class in Class::all() {
        for i in 0..4 {
            let t = std::time::Instant::now();
            let f = corpus::frame(class, i);
            let made = t.elapsed();
            let found = decode(&Decoder::new(DecodeOptions::stream()), &f);
            eprintln!("{}-{i}: made in {made:?}, module {:.1} px, angle {:.0}°, read {}, found {:?}", class.name(), f.module_px, f.angle, f.is_read(&found), found);
            image::GrayImage::from_raw(f.width as u32, f.height as u32, f.data.clone())
                .expect("image")
                .save(dir.join(format!("{}-{i}.png", class.name())))
                .expect("write");
        }
    }
}

#[test]
fn the_corpus_is_the_same_every_time() {
    let a = cached(Class::Tilted, 1);
    let b = corpus::frame(Class::Tilted, 1);
    assert!(a.data == b.data && a.expected == b.expected && a.drawn == b.drawn);
    assert_eq!((a.width, a.height, a.data.len()), (1280, 720, 1280 * 720));
    let c = cached(Class::Tilted, 0);
    assert!(a.data != c.data && a.expected != c.expected);
    // The empty version of a scene has no barcode at all.
    let e = cached(Class::Empty, 1);
    assert!(e.expected.is_none() && e.drawn.is_empty());
}

/// A sequence (what the time-to-confirm bench feeds the scanner) is one scene held in view: its
/// first frame is the corpus frame, the next ones the same label with fresh sensor noise.
#[test]
fn a_sequence_is_one_scene_with_fresh_noise() {
    let seq = corpus::sequence(Class::Level, 2, 3);
    let first = cached(Class::Level, 2);
    assert_eq!(seq.len(), 3);
    assert!(seq[0].data == first.data && seq[0].expected == first.expected);
    for f in &seq[1..] {
        assert!(f.expected == first.expected && f.drawn == first.drawn && f.data != first.data);
        // Only the noise differs: the mean absolute difference stays near that of two noise draws.
        let diff: u64 = f.data.iter().zip(&first.data).map(|(a, b)| u64::from(a.abs_diff(*b))).sum();
        assert!(diff / (f.data.len() as u64) < 3 * corpus::NOISE_SIGMA as u64, "frames differ by more than noise");
    }
}

/// Stream mode with its default budget: the budget counts work, so these reads are the same on
/// any CPU, in debug builds and under qemu.
#[test]
fn corpus_frames_read_without_misreads() {
    let decoder = Decoder::new(DecodeOptions::stream());
    let mut unread = Vec::new();
    for (class, n, must_read) in [(Class::Level, 2, true), (Class::Tilted, 2, true), (Class::Noisy, 2, true), (Class::Empty, 2, false), (Class::Defocus(1), 1, false), (Class::Motion(1), 1, false)] {
        for f in (0..n).map(|i| cached(class, i)) {
            let found = decode(&decoder, &f);
            let name = format!("{}-{}", class.name(), f.index);
            assert!(f.misreads(&found).is_empty(), "{name}: misread {:?}", f.misreads(&found));
            if class == Class::Empty {
                assert!(found.is_empty(), "{name}: {found:?}");
            }
            if must_read && !f.is_read(&found) {
                unread.push(name);
            }
        }
    }
    assert!(unread.is_empty(), "not read: {unread:?}");
}

/// Tilted frame 6 is the frame on which zxing-cpp's QR detector never returned on AArch64
/// (`QRCode::TraceLine`, upstream issue zxing-cpp/zxing-cpp#1087; fixed in the patched copy,
/// third_party/zxing-cpp/PATCHES.md). Through the stream decoder it returns, and reads its label
/// as it does on the host. `./build.sh test` runs this under qemu-aarch64 and qemu-arm.
#[test]
fn the_frame_that_hung_the_engine_on_aarch64_is_read() {
    let f = cached(Class::Tilted, 6);
    let frame = f.clone();
    let found = scan_util::must_return("the stream decoder on tilted-6", Duration::from_secs(120), move || {
        decode(&Decoder::new(DecodeOptions::stream()), &frame)
    });
    assert!(f.misreads(&found).is_empty(), "misread {:?}", f.misreads(&found));
    assert!(f.is_read(&found), "not read: {found:?}");
}

/// What a decode reads depends on the work it does, never on how long that took: the same frame
/// decoded with a clock that runs 1000 times slow (a slow phone) reads the same, doing the same
/// work, as with the real clock.
#[test]
fn a_slow_cpu_reads_the_same() {
    let decoder = Decoder::new(DecodeOptions::stream());
    for class in [Class::Tilted, Class::Empty] {
        let f = cached(class, 0);
        let frame = Frame::luma(&f.data, f.width as u32, f.height as u32).expect("corpus frame");
        let (fast, fast_stats) = decoder.decode_with_stats(&frame);
        let mut ticks = 0u64;
        let mut slow_clock = || {
            ticks += 1;
            Duration::from_secs(ticks * 3600)
        };
        let (slow, slow_stats) = decoder.decode_with_clock(&frame, &mut slow_clock);
        assert_eq!(slow, fast, "{}", class.name());
        assert_eq!((slow_stats.work, slow_stats.passes, slow_stats.regions), (fast_stats.work, fast_stats.passes, fast_stats.regions));
        assert!(slow_stats.elapsed >= Duration::from_secs(3600), "the slow clock was read");
        // The tilted label needs more than the first pass: the budget let the tilt search run.
        if class == Class::Tilted {
            assert!(f.is_read(&slow.iter().map(|b| (b.format, b.text.clone())).collect::<Vec<_>>()));
            assert!(slow_stats.regions >= 1 && slow_stats.passes >= 2, "{slow_stats:?}");
        }
    }
}

/// The budget is counted in work: a budget too small for anything past the first pass stops the
/// tilt search on every CPU.
#[test]
fn the_work_budget_bounds_the_passes() {
    let f = cached(Class::Tilted, 0);
    let frame = Frame::luma(&f.data, f.width as u32, f.height as u32).expect("corpus frame");
    let tiny = Decoder::new(DecodeOptions { budget: Duration::from_micros(1), ..DecodeOptions::stream() });
    let (found, stats) = tiny.decode_with_stats(&frame);
    assert_eq!(stats.passes, 1, "{stats:?}");
    assert!(!f.is_read(&found.into_iter().map(|b| (b.format, b.text)).collect::<Vec<_>>()), "a tilted label needs the tilt search");
    let (_, stats) = Decoder::new(DecodeOptions::stream()).decode_with_stats(&frame);
    assert!(stats.passes >= 2 && stats.regions >= 1, "{stats:?}");
}

/// The screening of tilted regions (stream mode) loses no read: every frame the decoder reads
/// without it, it reads with it, and an empty frame costs less work.
#[test]
fn screening_regions_loses_no_read() {
    let screened = Decoder::new(DecodeOptions::stream());
    let unscreened = Decoder::new(DecodeOptions { screen_regions: false, ..DecodeOptions::stream() });
    for (class, i) in [(Class::Tilted, 0), (Class::Noisy, 0), (Class::Level, 1), (Class::Empty, 0)] {
        let f = cached(class, i);
        let frame = Frame::luma(&f.data, f.width as u32, f.height as u32).expect("corpus frame");
        let (with, with_stats) = screened.decode_with_stats(&frame);
        let (without, without_stats) = unscreened.decode_with_stats(&frame);
        let texts = |v: &[track_core::scan::Barcode]| v.iter().map(|b| (b.format, b.text.clone())).collect::<Vec<_>>();
        let name = format!("{}-{i}", class.name());
        assert!(f.misreads(&texts(&with)).is_empty(), "{name}: misread");
        for t in texts(&without) {
            assert!(texts(&with).contains(&t), "{name}: {t:?} read without screening only");
        }
        if class == Class::Empty {
            assert!(with_stats.work < without_stats.work, "{name}: {with_stats:?} vs {without_stats:?}");
        }
    }
}

/// The fast path (stream mode: the tile map first, then only the areas where a barcode can be)
/// loses no read: every barcode the decoder reads on a corpus frame with every pass over the
/// whole frame, it reads with the fast path; blurred and empty frames read nothing wrong; an
/// empty frame costs less work.
#[test]
fn the_fast_path_loses_no_read() {
    let fast = Decoder::new(DecodeOptions::stream());
    let full = Decoder::new(DecodeOptions { fast_path: false, ..DecodeOptions::stream() });
    let mut frames = Vec::new();
    for class in [Class::Level, Class::Tilted, Class::Noisy, Class::Empty] {
        frames.extend((0..3).map(|i| (class, i)));
    }
    frames.extend([Class::Defocus(1), Class::Defocus(3), Class::Motion(1), Class::Motion(3)].map(|c| (c, 0)));
    for (class, i) in frames {
        let f = cached(class, i);
        let frame = Frame::luma(&f.data, f.width as u32, f.height as u32).expect("corpus frame");
        let (with, with_stats) = fast.decode_with_stats(&frame);
        let (without, without_stats) = full.decode_with_stats(&frame);
        let texts = |v: &[track_core::scan::Barcode]| v.iter().map(|b| (b.format, b.text.clone())).collect::<Vec<_>>();
        let name = format!("{}-{i}", class.name());
        assert!(f.misreads(&texts(&with)).is_empty(), "{name}: misread {:?}", f.misreads(&texts(&with)));
        for t in texts(&without) {
            assert!(texts(&with).contains(&t), "{name}: {t:?} read by the full decoder only ({with_stats:?})");
        }
        if class == Class::Empty {
            assert!(with.is_empty(), "{name}: {with:?}");
            assert!(with_stats.work < without_stats.work, "{name}: {with_stats:?} vs {without_stats:?}");
        }
    }
}

/// A frame of paper and sensor noise holds no area: the fast path is done after the tile map,
/// without an engine pass.
#[test]
fn a_frame_without_edges_is_done_after_the_map() {
    let (w, h) = (1280usize, 720usize);
    let mut img = vec![180u8; w * h];
    scan_util::noise(&mut img, corpus::NOISE_SIGMA, 7);
    let frame = Frame::luma(&img, w as u32, h as u32).expect("frame");
    let (found, stats) = Decoder::new(DecodeOptions::stream()).decode_with_stats(&frame);
    assert!(found.is_empty());
    assert_eq!((stats.areas, stats.passes), (0, 0), "{stats:?}");
    let (_, full) = Decoder::new(DecodeOptions { fast_path: false, ..DecodeOptions::stream() }).decode_with_stats(&frame);
    assert!(full.passes >= 1 && full.areas == 1, "{full:?}");
}

/// The harder DataMatrix pass goes only to the densest compact clusters (a label's address text
/// makes a dozen): a DataMatrix turned off level in the corner of a tilted label's frame, in
/// sensor noise, is still read in stream mode, as the full decoder reads it.
#[test]
fn a_datamatrix_among_text_is_read() {
    const TEXT: &str = "ORD-40213-7781";
    let (mw, mh, modules) = scan_util::matrix_modules(zxingcpp::BarcodeFormat::DataMatrix, TEXT);
    let fast = Decoder::new(DecodeOptions::stream());
    let full = Decoder::new(DecodeOptions { fast_path: false, ..DecodeOptions::stream() });
    for (i, angle) in [(0usize, 25.0f32), (1, 70.0), (2, 110.0), (3, 160.0), (4, 290.0), (5, 20.0)] {
        let f = cached(Class::Tilted, i);
        let mut img = f.data.clone();
        scan_util::draw_matrix(&mut img, f.width, f.height, mw, mh, &modules, 3.0, angle, 140.0, 110.0);
        scan_util::noise(&mut img, corpus::NOISE_SIGMA, i as u64);
        let frame = Frame::luma(&img, f.width as u32, f.height as u32).expect("frame");
        let read = |d: &Decoder| d.decode(&frame).iter().any(|b| b.format == Format::DataMatrix && b.text == TEXT);
        assert!(read(&full), "tilted-{i}: the full decoder does not read the DataMatrix at {angle}°");
        assert!(read(&fast), "tilted-{i}: the DataMatrix at {angle}° is not read in stream mode");
    }
}

/// The enlarged crop of fast effort is stretched 2× across the bars and 1.5× along them (a row
/// per 2/3 pixel of the frame): these noisy frames (low light, low contrast) are read only from
/// enlarged crops, and rows a whole pixel apart (1× along) lost them.
/// Not on armv7: its libm draws the corpus's noise a last bit differently (sinf, expf, logf), so
/// its noisy-8 is another, marginal frame (read at 2× along, not at 1.5×); over 360 further frames
/// (noisy, tilted, level, defocus-2/3, motion-2: indices 24–83) 1.5× read what 2× read, and one
/// noisy frame more.
#[test]
#[cfg_attr(target_arch = "arm", ignore = "the frames were chosen on x86_64/aarch64; armv7's corpus noise differs")]
fn noisy_frames_read_from_enlarged_crops() {
    let decoder = Decoder::new(DecodeOptions::stream());
    for i in [8, 21] {
        let f = cached(Class::Noisy, i);
        let found = decode(&decoder, &f);
        assert!(f.misreads(&found).is_empty(), "noisy-{i}: misread {:?}", f.misreads(&found));
        assert!(f.is_read(&found), "noisy-{i}: not read");
    }
}
