//! The character sets the barcode engine decodes text in (the patched zxing-cpp in
//! third_party/zxing-cpp, PATCHES.md: built without the multibyte character sets, whose tables were
//! about 117 KB of the phone's library).
//!
//! Shipping labels carry ASCII, UTF-8 or Latin-1: those read as before. A symbol whose text is in
//! a multibyte character set (Shift JIS, Big5, GB 2312, GBK, GB 18030, EUC-KR), by its ECI or by
//! the engine's guess for bytes without one, reads with an empty text, never with a text made of
//! its other parts or of the bytes taken as another character set: it can never become a scan.

use track_core::scan::{DecodeOptions, Decoder, Format, Frame};
use zxingcpp::{BarcodeFormat, create, write};

/// A QR code of `text` (libzint's encoding: ASCII and Latin-1 as they are, Japanese in Shift JIS
/// without an ECI, other text in UTF-8 with its ECI; or the ECI the writer's `options` name),
/// rendered with a quiet zone at 4 px per module, decoded by the core's still decoder: (text,
/// bytes) of each QR code read.
fn read_back(text: &str, options: &str) -> Vec<(String, Vec<u8>)> {
    let symbol = create(BarcodeFormat::QRCode).options(options).from_str(text).expect("the writer encodes the test text");
    let img = symbol.to_image_with(&write().scale(4)).expect("the writer renders");
    let (w, h) = (img.width(), img.height());
    let px = img.data();
    let frame = Frame::luma(&px, w as u32, h as u32).expect("frame");
    Decoder::new(DecodeOptions::still())
        .decode(&frame)
        .into_iter()
        .filter(|b| b.format == Format::QrCode)
        .map(|b| (b.text, b.bytes))
        .collect()
}

#[test]
fn ascii_utf8_and_latin1_texts_read_as_written() {
    for (text, options) in [
        ("TBA123456789012", ""),
        ("AWB 1234567890 नई दिल्ली ₹250", ""),
        ("AWB 1234567890 नई दिल्ली ₹250", r#"{"eci":"UTF-8"}"#),
        ("Müller Straße 12", ""),
        ("Müller Straße 12", r#"{"eci":"ISO-8859-1"}"#),
    ] {
        let read = read_back(text, options);
        assert_eq!(read.len(), 1, "{text:?} ({options}): one QR code read, got {read:?}");
        assert_eq!(read[0].0, text, "{options}: the text as written");
    }
}

#[test]
fn a_multibyte_eci_reads_with_an_empty_text_and_its_bytes() {
    for (text, options) in [("ID 追跡12345", r#"{"eci":"Shift_JIS"}"#), ("ID 中国12345", r#"{"eci":"GB2312"}"#)] {
        let read = read_back(text, options);
        assert_eq!(read.len(), 1, "{options}: the symbol is still found, got {read:?}");
        assert_eq!(read[0].0, "", "{options}: no text, not a part of it");
        assert!(read[0].1.starts_with(b"ID ") && read[0].1.ends_with(b"12345"), "{options}: the bytes as encoded: {:?}", read[0].1);
    }
}

#[test]
fn kanji_without_an_eci_reads_with_an_empty_text() {
    // QR Code's own Kanji mode (Shift JIS by definition, no ECI).
    let read = read_back("ID 追跡12345", "");
    assert_eq!(read.len(), 1, "the symbol is still found, got {read:?}");
    assert_eq!(read[0].0, "", "no text, not \"ID 12345\"");
    assert_eq!(read[0].1, b"ID \x92\xc7\x90\xd512345", "the Shift JIS bytes");
}

#[test]
fn bytes_the_engine_guesses_to_be_shift_jis_read_with_an_empty_text() {
    // Half-width katakana "ｱｲｳｴｵ" after an ASCII ID: bytes 0xB1..0xB5 without an ECI, which the
    // engine guesses to be Shift JIS (three katakana in a row), not Latin-1 ("±²³´µ"); with the
    // multibyte tables they read as the katakana.
    let read = read_back("AB1234567ｱｲｳｴｵ", "");
    assert_eq!(read.len(), 1, "the symbol is still found, got {read:?}");
    assert_eq!(read[0].0, "", "no text, not the ASCII part alone");
    assert_eq!(read[0].1, b"AB1234567\xb1\xb2\xb3\xb4\xb5");
}
