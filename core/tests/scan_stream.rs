//! Stream mode: a scanner session reports a label once it is confirmed (two frames agree, or one
//! self-checked read), once per presence; during an OFD batch a label already scanned is reported
//! as such; barcodes without a tracking ID become a bad scan the DA can act on.

mod common;
mod scan_util;

use std::time::Duration;

use track_core::OfdScan;
use track_core::order::{Channel, Customer, Order, OrderId, TrackingId};
use track_core::scan::{Barcode, DecodeOptions, Format, Frame, Point, ScanEvent, Scanner, ScannerConfig};

fn barcode(format: Format, text: &str, line_count: u32) -> Barcode {
    Barcode {
        format,
        text: text.into(),
        bytes: text.as_bytes().to_vec(),
        corners: [Point { x: 0, y: 0 }, Point { x: 100, y: 0 }, Point { x: 100, y: 40 }, Point { x: 0, y: 40 }],
        line_count,
        symbology_identifier: String::new(),
    }
}

fn scanner() -> Scanner {
    Scanner::new(ScannerConfig { decode: DecodeOptions { budget: Duration::from_secs(30), ..DecodeOptions::stream() }, ..ScannerConfig::default() })
}

fn label_of(event: Option<ScanEvent>) -> String {
    match event {
        Some(ScanEvent::Label(l)) => l.tracking_id.to_string(),
        other => panic!("expected a label, got {other:?}"),
    }
}

#[test]
fn a_checked_code128_read_on_several_lines_is_confirmed_at_once() {
    let mut s = scanner();
    assert_eq!(label_of(s.push_barcodes(&[barcode(Format::Code128, "EK712345609IN", 12)])), "EK712345609IN");
    // Still in view: not reported again.
    for _ in 0..20 {
        assert_eq!(s.push_barcodes(&[barcode(Format::Code128, "EK712345609IN", 12)]), None);
    }
}

#[test]
fn a_single_weak_read_needs_a_second_frame() {
    let mut s = scanner();
    // Code 39 has no mandatory check; a Code 128 read on one line only may be a partial read.
    assert_eq!(s.push_barcodes(&[barcode(Format::Code39, "EK712345609IN", 9)]), None);
    assert_eq!(label_of(s.push_barcodes(&[barcode(Format::Code39, "EK712345609IN", 9)])), "EK712345609IN");
    let mut s = scanner();
    assert_eq!(s.push_barcodes(&[barcode(Format::Code128, "EK712345714IN", 1)]), None);
    // A misread in between is never confirmed on its own.
    assert_eq!(s.push_barcodes(&[barcode(Format::Code128, "EK712345714IM", 1)]), None);
    assert_eq!(label_of(s.push_barcodes(&[barcode(Format::Code128, "EK712345714IN", 1)])), "EK712345714IN");
}

#[test]
fn reads_too_far_apart_do_not_confirm() {
    let mut s = scanner();
    assert_eq!(s.push_barcodes(&[barcode(Format::Itf, "12345678901231", 5)]), None);
    for _ in 0..ScannerConfig::default().confirm_window + 1 {
        assert_eq!(s.push_barcodes(&[]), None);
    }
    assert_eq!(s.push_barcodes(&[barcode(Format::Itf, "12345678901231", 5)]), None);
}

#[test]
fn a_label_is_reported_again_after_leaving_the_view() {
    let mut s = scanner();
    let b = [barcode(Format::Code128, "EK712345609IN", 10)];
    label_of(s.push_barcodes(&b));
    for _ in 0..ScannerConfig::default().rearm_frames + 1 {
        assert_eq!(s.push_barcodes(&[]), None);
    }
    label_of(s.push_barcodes(&b));
}

#[test]
fn only_an_order_id_or_a_product_code_is_a_bad_scan() {
    let mut s = scanner();
    let qr = [barcode(Format::QrCode, "402-5510230-8812340", 0)];
    let mut events = Vec::new();
    for _ in 0..ScannerConfig::default().bad_scan_frames + 5 {
        events.extend(s.push_barcodes(&qr));
    }
    assert_eq!(events.len(), 1, "reported once: {events:?}");
    let ScanEvent::BadScan(bad) = &events[0] else { panic!("{events:?}") };
    assert!(bad.to_string().contains("order ID"), "{bad}");
    assert!(!bad.to_string().contains("5510230"), "the order ID is not echoed in full: {bad}");
}

#[test]
fn frames_from_the_camera_through_the_ofd_batch() {
    let (_clock, it) = common::day_at("2026-11-23", "09:00");
    // Labels carry real carrier numbers (India Post S10, check digits verified).
    let ids = ["EK712345609IN", "EK712345714IN"];
    let orders: Vec<Order> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| Order {
            order_id: OrderId::parse(&format!("402-551023{i}-8812340")).expect("order ID"),
            tracking_id: TrackingId::parse(id).expect("tracking ID"),
            channel: Channel::SelfDelivery,
            seller: "Sharma Textiles".into(),
            customer: Customer { name: "Asha".into(), address: "14 3rd Cross".into(), phone: "9845012345".into() },
        })
        .collect();
    it.import_orders(&orders).expect("import");
    let mut s = scanner();
    let tracking = ids[0].to_string();
    let (w, h) = (640usize, 400usize);
    let frames: Vec<Vec<u8>> = (0..3).map(|i| scan_util::label_frame(w, h, &tracking, 2.0, 50.0, 10.0 + i as f32, i)).collect();
    let mut reported = Vec::new();
    for img in &frames {
        let frame = Frame::luma(img, w as u32, h as u32).expect("frame");
        if let Some(event) = s.push_frame(&frame) {
            reported.push(event);
        }
    }
    assert_eq!(reported.len(), 1, "{reported:?}");
    let ScanEvent::Label(label) = &reported[0] else { panic!("{reported:?}") };
    assert_eq!(it.scan_ofd(label.tracking_id.as_str()).expect("scan"), OfdScan::Added { count: 1 });
    // The app tells the session what is in the batch; the same label is now "already scanned".
    s.set_scanned(it.ofd_batch().expect("batch"));
    s.reset();
    let frame = Frame::luma(&frames[0], w as u32, h as u32).expect("frame");
    let again: Vec<ScanEvent> = (0..3).filter_map(|_| s.push_frame(&frame)).collect();
    assert!(matches!(again.as_slice(), [ScanEvent::AlreadyScanned { tracking_id }] if tracking_id.as_str() == tracking), "{again:?}");
    // A different label in view is new.
    let other = scan_util::label_frame(w, h, ids[1], 2.0, 50.0, 0.0, 9);
    let frame = Frame::luma(&other, w as u32, h as u32).expect("frame");
    let events: Vec<ScanEvent> = (0..3).filter_map(|_| s.push_frame(&frame)).collect();
    assert!(matches!(events.as_slice(), [ScanEvent::Label(l)] if l.tracking_id.as_str() == ids[1]), "{events:?}");
}

#[test]
fn a_check_digit_verified_tracking_id_wins_over_a_shape_only_one() {
    use track_core::scan::label::{Role, classify, read_label};
    // A larger Code 128 that only has the shape of a Blue Dart waybill, and the S10 number.
    let mut big = barcode(Format::Code128, "12345678901", 10);
    big.corners = [Point { x: 0, y: 0 }, Point { x: 600, y: 0 }, Point { x: 600, y: 120 }, Point { x: 0, y: 120 }];
    let label = read_label(&[big, barcode(Format::Code128, "EK712345609IN", 10)]).expect("label");
    assert_eq!(label.tracking_id.as_str(), "EK712345609IN");
    assert_eq!(classify("402-5510230-8812340"), Role::OrderId);
    assert_eq!(classify("12345678901"), Role::TrackingId);
    assert_eq!(classify("EK712345608IN"), Role::Other, "a wrong S10 check digit fits no carrier");
    assert_eq!(classify("HELLO WORLD"), Role::Other);
}
