//! The phone's proof-of-delivery photo and problem reports: a delivery with its photo records the
//! event and a copy of the photo in one transaction, a photo that is not a JPEG, too large or
//! changed refuses the delivery and records nothing, and a filed problem report waits for sync.

mod common;

use std::sync::Arc;

use common::{at, order, send_out, tracking};
use rusqlite::Connection;
use track_core::event::{Recipient, ScanExtras, ScanKind};
use track_core::order::{Channel, OrderStatus};
use track_core::photo::MAX_POD_PHOTO_BYTES;
use track_core::{Day, Error, ManualClock, Marketplace};

const JPEG_START: [u8; 4] = [0xFF, 0xD8, 0xFF, 0xE0];

fn open(path: &std::path::Path) -> Day {
    let it = Day::open(path, Arc::new(ManualClock::new(at("2026-11-23", "10:00"))), Marketplace::india()).unwrap();
    it.import_orders(&[order(1, Channel::SelfDelivery), order(2, Channel::SelfDelivery)]).unwrap();
    send_out(&it, &[1, 2]);
    it
}

#[test]
fn a_delivery_with_its_photo_keeps_a_copy_beside_its_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("day.db");
    let it = open(&db);
    let photo = dir.path().join("pod.jpg");
    let bytes = [&JPEG_START[..], b"the door and the parcel"].concat();
    std::fs::write(&photo, &bytes).unwrap();
    let t = tracking(1);
    let e = it.deliver_with_photo(&t, &t, &Recipient::customer(), &ScanExtras::default(), &photo, None).unwrap();
    assert_eq!(e.kind, ScanKind::Delivered);
    let sha = e.pod_photo.clone().expect("the event names its photo");
    assert_eq!(sha.len(), 64);
    // The app's file may go: the phone's copy is in its database, committed with the event.
    std::fs::remove_file(&photo).unwrap();
    let c = Connection::open(&db).unwrap();
    let (event_id, stored_sha, stored): (String, String, Vec<u8>) =
        c.query_row("SELECT event_id, sha256, photo FROM photo_queue", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    assert_eq!((event_id, stored_sha, stored), (e.event_id.to_string(), sha, bytes));
    let status = track_core::sync::status(&it).unwrap();
    assert_eq!((status.pending, status.photos_waiting), (3, 1));
    // A delivery without a photo queues none.
    let t2 = tracking(2);
    it.deliver(&t2, &t2, &Recipient::customer(), &ScanExtras::default()).unwrap();
    assert_eq!(track_core::sync::status(&it).unwrap().photos_waiting, 1);
}

#[test]
fn a_photo_that_is_not_a_jpeg_too_large_missing_or_changed_refuses_the_delivery() {
    let dir = tempfile::tempdir().unwrap();
    let it = open(&dir.path().join("day.db"));
    let t = tracking(1);
    let deliver = |path: &std::path::Path, sha: Option<&str>| {
        it.deliver_with_photo(&t, &t, &Recipient::customer(), &ScanExtras::default(), path, sha).unwrap_err()
    };
    let png = dir.path().join("pod.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let big = dir.path().join("big.jpg");
    std::fs::write(&big, [&JPEG_START[..], &vec![0; MAX_POD_PHOTO_BYTES]].concat()).unwrap();
    let empty = dir.path().join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    let good = dir.path().join("good.jpg");
    std::fs::write(&good, JPEG_START).unwrap();
    for (err, says) in [
        (deliver(&png, None), "is not a JPEG"),
        (deliver(&big, None), "larger than 4 MiB"),
        (deliver(&empty, None), "is empty"),
        (deliver(&dir.path().join("gone.jpg"), None), "cannot be read"),
        (deliver(&good, Some(&"ab".repeat(32))), "changed after it was taken"),
    ] {
        assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
        assert!(err.to_string().contains(says), "{err} (expected {says:?})");
    }
    // Nothing was recorded: the order is still out, no event, no photo.
    let details = it.order_details(&t).unwrap();
    assert_eq!(details.status, OrderStatus::OutForDelivery);
    assert_eq!(details.events.len(), 1);
    assert_eq!(track_core::sync::status(&it).unwrap().photos_waiting, 0);
}

#[test]
fn a_filed_problem_report_waits_for_sync_without_customer_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("day.db");
    let it = open(&db);
    let report = it.file_problem_report("1.4.2").unwrap();
    assert!(track_core::report::is_report_id(&report.report_id), "{}", report.report_id);
    assert_eq!(track_core::sync::status(&it).unwrap().reports_waiting, 1);
    let c = Connection::open(&db).unwrap();
    let body: String = c.query_row("SELECT body FROM report_outbox WHERE report_id = ?1", [&report.report_id], |r| r.get(0)).unwrap();
    let sent: track_core::report::ProblemReport = serde_json::from_str(&body).unwrap();
    assert_eq!(sent, report);
    assert!(!body.contains(&tracking(1)) && !body.contains("Customer"), "{body}");
}
