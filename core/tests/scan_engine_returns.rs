//! The barcode engine (zxing-cpp, the patched copy in third_party/zxing-cpp) always returns.
//!
//! The fixture `fixtures/zxing-traceline-hang.pgm` (264×64 grey, 17 KB) is the part of a crop of
//! corpus frame tilted-6 that the stream decoder handed to the engine when it never returned on
//! AArch64 (the bench under qemu-aarch64): zxing-cpp's QR detector found two finder pattern
//! centres on the same point, `QRCode::TraceLine` got a 0/0 direction, and converting the NaN
//! position to int gives 0 on AArch64 (INT_MIN on x86-64), a cursor that never moves
//! (upstream issue zxing-cpp/zxing-cpp#1087). On x86-64 the unpatched engine returns on it too;
//! `./build.sh test` runs this suite under qemu-aarch64 and qemu-arm, where it did not.

mod scan_util;

use std::time::Duration;

use zxingcpp::{BarcodeFormat, ImageFormat, ImageView, TextMode};

/// A binary PGM (P5, 8-bit): width, height and pixels.
fn read_pgm(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut fields = Vec::new();
    let mut rest = bytes;
    while fields.len() < 4 {
        let start = rest.iter().position(|b| !b.is_ascii_whitespace()).expect("PGM header");
        let len = rest[start..].iter().position(|b| b.is_ascii_whitespace()).expect("PGM header");
        fields.push(String::from_utf8_lossy(&rest[start..start + len]).into_owned());
        // One whitespace byte ends the header's last field; the pixels follow.
        rest = &rest[start + len + 1..];
    }
    assert_eq!(fields[0], "P5", "a binary PGM");
    let (w, h): (u32, u32) = (fields[1].parse().expect("width"), fields[2].parse().expect("height"));
    assert_eq!(fields[3], "255", "8-bit grey");
    assert_eq!(rest.len(), (w * h) as usize, "pixel count");
    (w, h, rest.to_vec())
}

/// The engine with the options of the stream decoder's pass that looped (scan/engine.rs: every
/// default format, no harder passes, downscaling on, up to 16 symbols).
fn read(w: u32, h: u32, px: Vec<u8>) -> Vec<String> {
    let view = ImageView::from_slice(&px, w, h, ImageFormat::Lum).expect("image view");
    let formats = [BarcodeFormat::Code128, BarcodeFormat::Code39, BarcodeFormat::ITF, BarcodeFormat::QRCode, BarcodeFormat::DataMatrix, BarcodeFormat::PDF417];
    zxingcpp::read()
        .formats(formats)
        .try_harder(false)
        .try_rotate(false)
        .try_invert(false)
        .try_downscale(true)
        .text_mode(TextMode::Plain)
        .max_number_of_symbols(16)
        .from(view)
        .expect("the engine reads the view")
        .iter()
        .filter(|b| b.is_valid())
        .map(|b| b.text())
        .collect()
}

#[test]
fn the_qr_detector_returns_on_the_crop_that_looped() {
    let (w, h, px) = read_pgm(include_bytes!("fixtures/zxing-traceline-hang.pgm"));
    assert_eq!((w, h), (264, 64));
    let found = scan_util::must_return("zxing-cpp on fixtures/zxing-traceline-hang.pgm", Duration::from_secs(120), move || read(w, h, px));
    // A 264×64 strip of the crop: no whole barcode in it to read.
    assert!(found.is_empty(), "{found:?}");
}
