//! The decoder on the real barcode photos of ../shared/data/barcodes: every image whose expected
//! text zxing-cpp itself (all its effort, no help) reads must come out of our decoder as exactly
//! that text; the core reports nothing zxing-cpp would not (a photo may hold a second symbol);
//! and nothing is reported for the images without a barcode.

use std::path::{Path, PathBuf};

use track_core::scan::{DecodeOptions, Decoder, Format, LumaImage};
use zxingcpp::{BarcodeFormat, ImageFormat, ImageView};

/// The shared data folder: `../shared` beside the project root.
fn shared() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    [root.join("../shared/data/barcodes"), PathBuf::from("/work/shared/data/barcodes")].into_iter().find(|p| p.is_dir())
}

fn images(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("png" | "jpg" | "jpeg" | "webp")));
    v.sort();
    v
}

/// What zxing-cpp reads on its own, with every option on.
fn reference(img: &LumaImage, format: BarcodeFormat) -> Vec<String> {
    let Ok(view) = ImageView::from_slice(img.as_bytes(), img.width(), img.height(), ImageFormat::Lum) else { return Vec::new() };
    zxingcpp::read()
        .formats(format)
        .try_harder(true)
        .try_rotate(true)
        .try_invert(true)
        .try_downscale(true)
        .from(view)
        .map(|found| found.iter().filter(|b| b.is_valid()).map(|b| b.text()).collect())
        .unwrap_or_default()
}

fn check_set(folder: &str, format: Format, zx: BarcodeFormat) {
    let Some(base) = shared() else {
        panic!("../shared/data/barcodes is missing: the photo tests need the shared data");
    };
    let dir = base.join(folder);
    let decoder = Decoder::new(DecodeOptions { budget: std::time::Duration::from_secs(60), ..DecodeOptions::still().with_formats(&[format]) });
    let (mut reference_reads, mut ours) = (0, 0);
    for path in images(&dir) {
        let Ok(expected) = std::fs::read_to_string(path.with_extension("txt")) else { continue };
        let img = LumaImage::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let found = decoder.decode(&img.frame());
        let zx_reads = reference(&img, zx);
        // Never a misread: whatever is reported is the expected content, or a second symbol in
        // the photo that zxing-cpp reads too.
        for b in &found {
            assert!(
                b.text == expected || zx_reads.contains(&b.text),
                "{}: read {:?}, which is neither the expected text nor anything zxing-cpp reads there",
                path.display(),
                b.text
            );
        }
        let got = found.iter().any(|b| b.text == expected);
        ours += usize::from(got);
        if zx_reads.iter().any(|t| *t == expected) {
            reference_reads += 1;
            assert!(got, "{}: zxing-cpp reads it, the core does not", path.display());
        }
    }
    eprintln!("{folder}: the core read {ours}, zxing-cpp alone {reference_reads}");
    assert!(reference_reads > 0, "{folder}: no image was read at all: is the data there?");
}

#[test]
fn code128_photos() {
    check_set("code128-1", Format::Code128, BarcodeFormat::Code128);
}

#[test]
fn code128_photos_set_3() {
    check_set("code128-3", Format::Code128, BarcodeFormat::Code128);
}

#[test]
fn qr_photos_set_3() {
    check_set("qrcode-3", Format::QrCode, BarcodeFormat::QRCode);
}

#[test]
fn code39_photos() {
    check_set("code39-1", Format::Code39, BarcodeFormat::Code39);
}

#[test]
fn itf_photos() {
    check_set("itf-2", Format::Itf, BarcodeFormat::ITF);
}

#[test]
fn ean13_photos() {
    check_set("ean13-1", Format::Ean13, BarcodeFormat::EAN13);
}

#[test]
fn qr_photos() {
    check_set("qrcode-1", Format::QrCode, BarcodeFormat::QRCode);
}

#[test]
fn datamatrix_photos() {
    check_set("datamatrix-1", Format::DataMatrix, BarcodeFormat::DataMatrix);
}

#[test]
fn pdf417_photos() {
    check_set("pdf417-1", Format::Pdf417, BarcodeFormat::PDF417);
}

#[test]
fn nothing_is_reported_for_images_without_a_barcode() {
    let Some(base) = shared() else { panic!("../shared/data/barcodes is missing") };
    let decoder = Decoder::new(DecodeOptions::still().with_retail());
    let all = images(&base.join("falsepositives-1"));
    assert!(!all.is_empty());
    for path in all {
        let found = decoder.decode_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(found.is_empty(), "{}: reported {found:?}", path.display());
    }
}
