//! The barcode engine (zxing-cpp), behind the core's own types: nothing outside this module
//! names it.

use zxingcpp::{BarcodeFormat, BarcodeReader, ImageFormat, ImageView, TextMode};

use super::barcode::{Barcode, Format, Point};
use super::frame::Frame;

/// How hard one engine pass tries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    pub try_harder: bool,
    pub try_rotate: bool,
    pub try_invert: bool,
    pub try_downscale: bool,
}

fn engine_format(f: Format) -> &'static [BarcodeFormat] {
    match f {
        Format::Code128 => &[BarcodeFormat::Code128],
        Format::Code39 => &[BarcodeFormat::Code39],
        Format::Itf => &[BarcodeFormat::ITF],
        Format::QrCode => &[BarcodeFormat::QRCode],
        Format::DataMatrix => &[BarcodeFormat::DataMatrix],
        Format::Pdf417 => &[BarcodeFormat::PDF417],
        Format::Ean13 => &[BarcodeFormat::EAN13],
        Format::Ean8 => &[BarcodeFormat::EAN8],
        Format::UpcA => &[BarcodeFormat::UPCA],
        Format::UpcE => &[BarcodeFormat::UPCE],
    }
}

/// Maps what the engine reports to our formats. Only the symbology is read for the families whose
/// variants the binding does not know (Code 39 reports Code 32 or PZN variants, ITF may report
/// ITF-14): reading those variants through the binding would not be sound.
fn our_format(b: &zxingcpp::Barcode) -> Option<Format> {
    match b.symbology() {
        BarcodeFormat::Code128 => Some(Format::Code128),
        BarcodeFormat::Code39 => Some(Format::Code39),
        BarcodeFormat::ITF => Some(Format::Itf),
        BarcodeFormat::QRCode => Some(Format::QrCode),
        BarcodeFormat::DataMatrix => Some(Format::DataMatrix),
        BarcodeFormat::PDF417 => Some(Format::Pdf417),
        BarcodeFormat::EANUPC => match b.format() {
            BarcodeFormat::EAN13 | BarcodeFormat::ISBN => Some(Format::Ean13),
            BarcodeFormat::EAN8 => Some(Format::Ean8),
            BarcodeFormat::UPCA => Some(Format::UpcA),
            BarcodeFormat::UPCE => Some(Format::UpcE),
            _ => None,
        },
        _ => None,
    }
}

/// Reads every barcode of `formats` in `frame`. Errors of the engine are logged and read as "no
/// barcode": a frame the engine cannot handle is a frame without a label.
pub(crate) fn read(frame: &Frame<'_>, formats: &[Format], pass: Pass, max_symbols: u8) -> Vec<Barcode> {
    let mut zx_formats: Vec<BarcodeFormat> = Vec::new();
    for f in formats {
        zx_formats.extend_from_slice(engine_format(*f));
    }
    if zx_formats.is_empty() {
        return Vec::new();
    }
    let (data, base, dx, dy) = frame.raw();
    let (Ok(dx), Ok(dy)) = (i32::try_from(dx), i32::try_from(dy)) else {
        return Vec::new();
    };
    let Some(origin) = data.get(base..) else {
        return Vec::new();
    };
    // SAFETY: `Frame::new` checked that every pixel `base + x*dx + y*dy` for x < width, y < height
    // lies inside `data`, and the view borrows `data` for the whole call.
    let view = unsafe { ImageView::from_ptr(origin.as_ptr(), frame.width(), frame.height(), ImageFormat::Lum, dy, dx) };
    let view = match view {
        Ok(v) => v,
        Err(e) => {
            log::warn!("barcode engine refused a {}×{} view: {e}", frame.width(), frame.height());
            return Vec::new();
        }
    };
    let reader = BarcodeReader::new()
        .formats(zx_formats.as_slice())
        .try_harder(pass.try_harder)
        .try_rotate(pass.try_rotate)
        .try_invert(pass.try_invert)
        .try_downscale(pass.try_downscale)
        .text_mode(TextMode::Plain)
        .max_number_of_symbols(max_symbols as i32);
    let found = match reader.from(view) {
        Ok(found) => found,
        Err(e) => {
            log::warn!("barcode engine failed on a {}×{} view: {e}", frame.width(), frame.height());
            return Vec::new();
        }
    };
    found
        .iter()
        .filter(|b| b.is_valid())
        .filter_map(|b| {
            let format = our_format(b)?;
            let p = b.position();
            let pt = |q: zxingcpp::PointI| Point { x: q.x, y: q.y };
            Some(Barcode {
                format,
                text: b.text(),
                bytes: b.bytes(),
                corners: [pt(p.top_left), pt(p.top_right), pt(p.bottom_right), pt(p.bottom_left)],
                line_count: u32::try_from(b.line_count()).unwrap_or(0),
                symbology_identifier: b.symbology_identifier(),
            })
        })
        .collect()
}
