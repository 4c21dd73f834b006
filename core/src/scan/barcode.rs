//! The barcode types of the scanner: a barcode's [`Format`], its corner [`Point`]s and the
//! [`Barcode`] itself (content, corners, how it was read). Owns these types; decoding is
//! [`super::decode`]'s (the engine behind it stays private).

use std::fmt;

/// A barcode symbology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Code128,
    Code39,
    Itf,
    QrCode,
    DataMatrix,
    Pdf417,
    Ean13,
    Ean8,
    UpcA,
    UpcE,
}

impl Format {
    /// The formats read by default on shipping labels.
    pub const DEFAULT: [Format; 6] = [Format::Code128, Format::Code39, Format::Itf, Format::QrCode, Format::DataMatrix, Format::Pdf417];
    /// The retail formats (EAN/UPC), off by default.
    pub const RETAIL: [Format; 4] = [Format::Ean13, Format::Ean8, Format::UpcA, Format::UpcE];

    /// The name as zxing-cpp spells it (`Code128`, `QRCode`, `EAN13`…).
    pub fn name(self) -> &'static str {
        match self {
            Format::Code128 => "Code128",
            Format::Code39 => "Code39",
            Format::Itf => "ITF",
            Format::QrCode => "QRCode",
            Format::DataMatrix => "DataMatrix",
            Format::Pdf417 => "PDF417",
            Format::Ean13 => "EAN13",
            Format::Ean8 => "EAN8",
            Format::UpcA => "UPCA",
            Format::UpcE => "UPCE",
        }
    }

    /// Whether the symbology is linear (read along scan lines).
    pub fn is_linear(self) -> bool {
        !matches!(self, Format::QrCode | Format::DataMatrix | Format::Pdf417)
    }

    /// Whether every symbol carries a mandatory error check strong enough that one read can be
    /// trusted: Reed–Solomon error correction (QR, DataMatrix, PDF417) or Code 128's mod-103
    /// symbol checksum (any single wrong character is detected). Code 39 and ITF have only an
    /// optional check character, EAN/UPC a mod-10 digit that partial reads are known to pass.
    pub fn has_mandatory_check(self) -> bool {
        matches!(self, Format::Code128 | Format::QrCode | Format::DataMatrix | Format::Pdf417)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let key: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        Ok(match key.as_str() {
            "code128" => Format::Code128,
            "code39" => Format::Code39,
            "itf" => Format::Itf,
            "qrcode" | "qr" => Format::QrCode,
            "datamatrix" => Format::DataMatrix,
            "pdf417" => Format::Pdf417,
            "ean13" => Format::Ean13,
            "ean8" => Format::Ean8,
            "upca" => Format::UpcA,
            "upce" => Format::UpcE,
            _ => return Err(format!("unknown barcode format {s:?}: expected one of Code128, Code39, ITF, QRCode, DataMatrix, PDF417, EAN13, EAN8, UPCA, UPCE")),
        })
    }
}

/// A point in the upright frame's pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

/// One barcode read from a frame.
#[derive(Clone, PartialEq, Eq)]
pub struct Barcode {
    pub format: Format,
    /// The content as text (GS1 field separators kept as `\u{1d}`).
    pub text: String,
    /// The content's bytes as encoded in the symbol.
    pub bytes: Vec<u8>,
    /// Top-left, top-right, bottom-right, bottom-left, in the upright frame's coordinates.
    pub corners: [Point; 4],
    /// For linear symbols, how many scan lines agreed on this content (0 for 2D symbols).
    pub line_count: u32,
    /// The ISO/IEC 15424 symbology identifier (`]C1` is GS1-128).
    pub symbology_identifier: String,
}

impl fmt::Debug for Barcode {
    // Never prints the full content: barcodes carry customer identifiers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Barcode")
            .field("format", &self.format)
            .field("text", &crate::redact(&self.text))
            .field("corners", &self.corners)
            .field("line_count", &self.line_count)
            .finish_non_exhaustive()
    }
}

impl Barcode {
    /// Whether this single read is trusted without a second frame: a symbology with a mandatory
    /// check ([`Format::has_mandatory_check`]), and for Code 128 at least two scan lines agreeing.
    pub fn is_self_checked(&self) -> bool {
        self.format.has_mandatory_check() && (!self.format.is_linear() || self.line_count >= 2)
    }

    /// The centre of the corner points.
    pub fn centre(&self) -> (f32, f32) {
        let (sx, sy) = self.corners.iter().fold((0i64, 0i64), |(sx, sy), p| (sx + p.x as i64, sy + p.y as i64));
        (sx as f32 / 4.0, sy as f32 / 4.0)
    }

    /// Area of the corner quadrilateral in square pixels (the shoelace formula).
    pub fn area(&self) -> f32 {
        let c = &self.corners;
        let mut a = 0i64;
        for i in 0..4 {
            let (p, q) = (c[i], c[(i + 1) % 4]);
            a += p.x as i64 * q.y as i64 - q.x as i64 * p.y as i64;
        }
        (a.abs() as f32) / 2.0
    }
}
