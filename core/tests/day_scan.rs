//! A scan from a camera frame to a recorded outcome is one call into the core
//! ([`Day::scan_frame`]), and a typed tracking ID ([`Day::enter_id`]) takes the same rule path:
//! Out for Delivery (added, already scanned, already out, refused with its reason) and delivery
//! (the label matches the opened order or not). The scanner learns the batch from the session.

mod common;
mod scan_util;

use std::time::Duration;

use track_core::error::BadScan;
use track_core::order::{Channel, Customer, Order, OrderId, TrackingId};
use track_core::scan::{DecodeOptions, Frame, ScannerConfig};
use track_core::{Day, Error, ScanMode, ScanOutcome};

/// Real India Post S10 numbers (check digits verified): two Self-Delivery orders and one FBA.
const A: &str = "EK712345609IN";
const B: &str = "EK712345714IN";
const FBA: &str = "EK123456785IN";

fn day() -> (std::sync::Arc<track_core::ManualClock>, Day) {
    let (clock, day) = common::day_at("2026-11-23", "09:00");
    let config = ScannerConfig { decode: DecodeOptions { budget: Duration::from_secs(30), ..DecodeOptions::stream() }, ..ScannerConfig::default() };
    let day = day.with_scanner(config);
    let orders: Vec<Order> = [(A, Channel::SelfDelivery), (B, Channel::SelfDelivery), (FBA, Channel::Fba)]
        .iter()
        .enumerate()
        .map(|(i, (id, channel))| Order {
            order_id: OrderId::parse(&format!("402-551023{i}-8812340")).expect("order ID"),
            tracking_id: TrackingId::parse(id).expect("tracking ID"),
            channel: *channel,
            seller: "Sharma Textiles".into(),
            customer: Customer { name: "Asha".into(), address: "14 3rd Cross".into(), phone: "9845012345".into() },
        })
        .collect();
    day.import_orders(&orders).expect("import");
    (clock, day)
}

const W: usize = 640;
const H: usize = 400;

/// Shows the label `text` to the camera for up to `frames` frames: the outcomes reported.
fn show(day: &Day, mode: &ScanMode, text: &str, frames: u64) -> Vec<ScanOutcome> {
    day.reset_scanner();
    let mut out = Vec::new();
    for i in 0..frames {
        let img = scan_util::label_frame(W, H, text, 2.0, 50.0, 10.0 + i as f32, i);
        let frame = Frame::luma(&img, W as u32, H as u32).expect("frame");
        if let Some(outcome) = day.scan_frame(mode, &frame).expect("scan") {
            out.push(outcome);
        }
    }
    out
}

fn id(s: &str) -> TrackingId {
    TrackingId::parse(s).expect("tracking ID")
}

#[test]
fn frames_to_the_ofd_batch_in_one_call() {
    let (_clock, day) = day();
    let ofd = ScanMode::OutForDelivery;
    assert_eq!(show(&day, &ofd, A, 3), vec![ScanOutcome::Added { tracking_id: id(A), count: 1 }]);
    assert_eq!(day.ofd_batch().expect("batch"), vec![id(A)]);
    // Seen again: the scanner knows the batch (from the session) and the rule agrees.
    assert_eq!(show(&day, &ofd, A, 3), vec![ScanOutcome::AlreadyScanned { tracking_id: id(A), count: 1 }]);
    // An FBA label is refused at once, with its reason: never "confirmed" first.
    let refused = show(&day, &ofd, FBA, 3);
    assert!(
        matches!(refused.as_slice(), [ScanOutcome::Refused { tracking_id: Some(t), reason: BadScan::NotSelfDelivery { channel: Channel::Fba, .. } }] if t.as_str() == FBA),
        "{refused:?}"
    );
    assert_eq!(day.ofd_batch().expect("batch"), vec![id(A)]);
}

#[test]
fn a_typed_id_takes_the_same_rule_path() {
    let (clock, day) = day();
    let ofd = ScanMode::OutForDelivery;
    assert_eq!(day.enter_id(&ofd, "ek 7123 4571 4in").expect("typed"), ScanOutcome::Added { tracking_id: id(B), count: 1 });
    assert_eq!(day.enter_id(&ofd, B).expect("typed"), ScanOutcome::AlreadyScanned { tracking_id: id(B), count: 1 });
    let refused = day.enter_id(&ofd, FBA).expect("typed");
    assert!(matches!(refused, ScanOutcome::Refused { reason: BadScan::NotSelfDelivery { .. }, .. }), "{refused:?}");
    let unknown = day.enter_id(&ofd, "EK000000000IN").expect("typed");
    assert!(matches!(unknown, ScanOutcome::Refused { reason: BadScan::UnknownOrder { .. }, .. }), "{unknown:?}");
    assert!(matches!(day.enter_id(&ofd, "EK7;").unwrap_err(), Error::InvalidTrackingId(_)));
    // The scanner learned the typed label: the camera now reports it as already scanned.
    assert_eq!(show(&day, &ofd, B, 3), vec![ScanOutcome::AlreadyScanned { tracking_id: id(B), count: 1 }]);
    day.confirm_ofd(&Default::default()).expect("confirm");
    // Out now: neither the camera nor a typed ID adds it again.
    assert_eq!(show(&day, &ofd, B, 3), vec![ScanOutcome::AlreadyOutForDelivery { tracking_id: id(B), count: 0 }]);
    assert_eq!(day.enter_id(&ofd, B).expect("typed"), ScanOutcome::AlreadyOutForDelivery { tracking_id: id(B), count: 0 });
    // Outside working hours the rule refuses, as for every scan.
    clock.set(common::at("2026-11-23", "23:00"));
    assert!(matches!(day.enter_id(&ofd, A).unwrap_err(), Error::OutsideWorkingHours { .. }));
}

#[test]
fn delivery_mode_matches_the_opened_order() {
    let (_clock, day) = day();
    day.enter_id(&ScanMode::OutForDelivery, A).expect("ofd");
    day.confirm_ofd(&Default::default()).expect("confirm");
    let opened = ScanMode::Delivery { opened: id(A) };
    assert_eq!(show(&day, &opened, B, 3), vec![ScanOutcome::Mismatch { expected: id(A), scanned: id(B) }]);
    assert_eq!(show(&day, &opened, A, 3), vec![ScanOutcome::Matches { tracking_id: id(A) }]);
    assert_eq!(day.enter_id(&opened, "ek712345609in").expect("typed"), ScanOutcome::Matches { tracking_id: id(A) });
    // The delivery itself checks the label with the same rule.
    let err = day.deliver(A, B, &track_core::event::Recipient::customer(), &Default::default()).unwrap_err();
    assert!(matches!(err, Error::LabelMismatch { .. }), "{err}");
    day.deliver(A, A, &track_core::event::Recipient::customer(), &Default::default()).expect("deliver");
}
