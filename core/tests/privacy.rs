//! Customer data on a lost phone: sealed at rest under the app's key (the raw database files hold
//! none of it), erased when the day closes for finished orders, events pruned once acknowledged;
//! problem reports without customer data.

mod common;

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use track_core::event::{Recipient, RecipientKind, RejectReason, ScanExtras, UndeliverableReason};
use track_core::order::{Channel, Customer, Order};
use track_core::sample::Samples;
use track_core::StoreOptions;
use track_core::vault::CustomerKey;
use track_core::{Error, Day, ManualClock, Marketplace, StorageError};

/// Customers whose details are easy to find in raw bytes.
const SAMPLES: Samples = Samples {
    order_prefix: 402,
    order_offsets: (0, 0),
    customer: |n| Customer { name: format!("Zubeida Quasar {n}"), address: format!("{n} Hidden Orchard Lane"), phone: format!("98765{n:05}") },
    ..common::SAMPLES
};

fn order(n: u32) -> Order {
    SAMPLES.order(n, Channel::SelfDelivery).unwrap()
}

/// Every byte of the database's files (main file, WAL, shared memory).
fn raw_bytes(db: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        if let Ok(b) = std::fs::read(format!("{}{suffix}", db.display())) {
            all.extend(b);
        }
    }
    all
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

fn key(byte: u8) -> CustomerKey {
    CustomerKey::from_bytes(&[byte; 32]).unwrap()
}

fn open(db: &Path, key: Option<CustomerKey>, clock: Arc<ManualClock>) -> Result<Day, Error> {
    Day::open_with(db, &StoreOptions { key, ..StoreOptions::default() }, clock, Marketplace::india())
}

#[test]
fn protection_pii_encrypted_at_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("day.db");
    let clock = Arc::new(ManualClock::new(common::at("2026-11-23", "09:00")));
    {
        let it = open(&db, Some(key(7)), clock.clone()).unwrap();
        it.import_orders(&(1..=3).map(order).collect::<Vec<_>>()).unwrap();
        it.scan_ofd(&common::tracking(1)).unwrap();
        it.confirm_ofd(&ScanExtras::default()).unwrap();
        assert_eq!(it.customer(&common::tracking(2)).unwrap().name, "Zubeida Quasar 2");
    }
    let bytes = raw_bytes(&db);
    assert!(bytes.len() > 4096);
    for n in 1..=3 {
        for secret in [format!("Zubeida Quasar {n}"), format!("{n} Hidden Orchard Lane"), format!("98765{n:05}")] {
            assert!(!holds(&bytes, &secret), "{secret:?} is in the database file");
        }
    }
    // The right key reads it back; a wrong key or none is a clear error, never garbage.
    let it = open(&db, Some(key(7)), clock.clone()).unwrap();
    assert_eq!(it.entries(None).unwrap()[0].customer_name, "Zubeida Quasar 1");
    drop(it);
    let err = open(&db, Some(key(8)), clock.clone()).err().expect("wrong key refused");
    assert!(matches!(err, Error::Storage(StorageError::WrongKey)), "{err}");
    assert!(err.to_string().contains("another key"), "{err}");
    let err = open(&db, None, clock.clone()).err().expect("no key refused");
    assert!(matches!(err, Error::Storage(StorageError::KeyRequired)), "{err}");
    assert!(CustomerKey::from_bytes(&[1; 16]).is_err());
    assert_eq!(format!("{:?}", key(9)), "CustomerKey(…)");
}

#[test]
fn a_plain_database_is_sealed_when_a_key_is_first_given() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("day.db");
    let clock = Arc::new(ManualClock::new(common::at("2026-11-23", "09:00")));
    {
        let it = open(&db, None, clock.clone()).unwrap();
        it.import_orders(&[order(1)]).unwrap();
        it.checkpoint().unwrap();
    }
    assert!(holds(&raw_bytes(&db), "Zubeida Quasar 1"), "the control: plain text is visible in the file");
    let it = open(&db, Some(key(3)), clock).unwrap();
    assert!(!holds(&raw_bytes(&db), "Zubeida Quasar 1"), "sealed in place, the plain text overwritten");
    assert_eq!(it.customer(&common::tracking(1)).unwrap().address, "1 Hidden Orchard Lane");
}

#[test]
fn protection_pii_erased_at_day_close() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("day.db");
    let clock = Arc::new(ManualClock::new(common::at("2026-11-23", "09:00")));
    let it = open(&db, None, clock.clone()).unwrap();
    it.import_orders(&(1..=4).map(order).collect::<Vec<_>>()).unwrap();
    for n in 1..=4 {
        it.scan_ofd(&common::tracking(n)).unwrap();
    }
    it.confirm_ofd(&ScanExtras::default()).unwrap();
    let other = Recipient::new(RecipientKind::Other, Some("Yusuf Neighbourly")).unwrap();
    it.deliver(&common::tracking(1), &common::tracking(1), &other, &ScanExtras::default()).unwrap();
    it.reject(&common::tracking(2), RejectReason::Damaged, &ScanExtras::default()).unwrap();
    it.mark_undeliverable(&common::tracking(3), UndeliverableReason::CustomerNotAvailable, &ScanExtras::default()).unwrap();
    it.checkpoint().unwrap();
    assert!(holds(&raw_bytes(&db), "Zubeida Quasar 1"), "the control: before the close the details are there");
    // Acknowledged by the server (as sync would mark them).
    rusqlite::Connection::open(&db).unwrap().execute("UPDATE events SET state = 'acknowledged'", []).unwrap();

    clock.set(common::at("2026-11-23", "22:30"));
    it.close_day().unwrap();
    let bytes = raw_bytes(&db);
    for n in [1, 2] {
        for secret in [format!("Zubeida Quasar {n}"), format!("{n} Hidden Orchard Lane"), format!("98765{n:05}")] {
            assert!(!holds(&bytes, &secret), "{secret:?} of a finished order survived the day close");
        }
        assert_eq!(it.customer(&common::tracking(n)).unwrap().name, "");
    }
    assert!(!holds(&bytes, "Yusuf Neighbourly"), "the recipient's name is not needed once acknowledged");
    // Orders still to deliver keep their details for the re-attempt.
    assert_eq!(it.customer(&common::tracking(3)).unwrap().name, "Zubeida Quasar 3");
    assert_eq!(it.customer(&common::tracking(4)).unwrap().name, "Zubeida Quasar 4");
    // Acknowledged events older than the retention age are pruned.
    let events = |it: &Day| it.outbox_total().unwrap();
    let before = events(&it);
    assert!(before > 0);
    clock.advance(Duration::days(15));
    it.close_day().unwrap();
    // Only the day close's own event for order 4 stays: it has not been sent yet.
    assert_eq!(events(&it), 1, "acknowledged events older than 14 days are gone");
    assert_eq!(it.pending_events(10).unwrap()[0].kind, track_core::event::ScanKind::LeftItinerary);
}

#[test]
fn problem_reports_hold_no_customer_data() {
    let (clock, it) = common::day_at("2026-11-23", "09:00");
    it.scan_ofd(&common::tracking(1)).unwrap();
    it.confirm_ofd(&ScanExtras::default()).unwrap();
    let err = it.scan_ofd(&common::tracking(6)).unwrap_err(); // an FBA order
    it.record_error(&err);
    clock.set(common::at("2026-11-23", "23:00"));
    let late = it.scan_ofd(&common::tracking(2)).unwrap_err();
    it.record_error(&late);
    it.record_error(&late);
    let a = it.problem_report("1.4.2 (build 77)\n<script>").unwrap();
    let b = it.problem_report("1.4.2").unwrap();
    assert_ne!(a.report_id, b.report_id);
    assert!(a.report_id.starts_with("TRK-") && a.report_id.len() == 18, "{}", a.report_id);
    assert_eq!(a.app_version, "1.4.2(build77)<script>");
    assert_eq!(a.outbox.pending, 1);
    let kinds: Vec<(&str, u32)> = a.recent_errors.iter().map(|e| (e.kind.as_str(), e.count)).collect();
    assert_eq!(kinds, [("outside-working-hours", 2), ("bad-scan", 1)]);
    let json = serde_json::to_string(&a).unwrap();
    for n in 1..=6 {
        let c = it.customer(&common::tracking(n)).unwrap();
        for secret in [c.name.as_str(), c.address.as_str(), c.phone.as_str(), &common::tracking(n)] {
            assert!(!json.contains(secret), "the report holds {secret:?}: {json}");
        }
    }
}
