//! Any angle: a Code 128 label tilted in the image plane, swept over 360°.

mod scan_util;

use track_core::scan::{DecodeOptions, Decoder, Format, Frame};

const TEXT: &str = "1Z999AA10123456784";

#[test]
fn tilted_code128_reads_at_every_angle() {
    let (w, h) = (640usize, 480usize);
    // A budget that never binds: this test is about angles, not speed (debug builds under qemu
    // are slow; the budget itself is tested in scan_frames.rs).
    let decoder = Decoder::new(DecodeOptions { budget: std::time::Duration::from_secs(30), ..DecodeOptions::stream() });
    let mut failed = Vec::new();
    for step in 0..72 {
        let angle = step as f32 * 5.0;
        let mut img = scan_util::label_frame(w, h, TEXT, 2.0, 50.0, angle, step);
        scan_util::blur(&mut img, w, h, 1);
        scan_util::noise(&mut img, 4.0, step);
        let frame = Frame::luma(&img, w as u32, h as u32).expect("valid frame");
        let found = decoder.decode(&frame);
        assert!(found.iter().all(|b| b.text == TEXT), "misread at {angle}°: {found:?}");
        if !found.iter().any(|b| b.format == Format::Code128 && b.text == TEXT) {
            failed.push(angle);
        }
    }
    assert!(failed.is_empty(), "no read at {failed:?}°");
}
