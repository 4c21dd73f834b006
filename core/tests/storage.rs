//! Storage: durability settings, migrations from every older version, and the bad cases
//! (not a database, damaged, too new, read-only location, full disk) that must lose nothing.

mod common;

use std::sync::Arc;

use common::{at, order, send_out, tracking};
use rusqlite::Connection;
use track_core::event::{Recipient, ScanExtras, ScanKind};
use track_core::order::{Channel, OrderStatus};
use track_core::StoreOptions;
use track_core::{Error, Day, ManualClock, Marketplace, StorageError};
use track_core::storage::schema;

fn open(path: &std::path::Path, day: &str, time: &str) -> Result<Day, Error> {
    Day::open(path, Arc::new(ManualClock::new(at(day, time))), Marketplace::india())
}

fn integrity(path: &std::path::Path) -> String {
    let c = Connection::open(path).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_new_database_is_at_the_current_version_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("day.db");
    let it = open(&path, "2026-11-23", "09:00").unwrap();
    it.import_orders(&[order(1, Channel::SelfDelivery)]).unwrap();
    send_out(&it, &[1]);
    // What a scan returned is committed: another connection sees it at once.
    let c = Connection::open(&path).unwrap();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let events: i64 = c.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0)).unwrap();
    assert_eq!((version, mode.as_str(), events), (schema::VERSION, "wal", 1));
    drop(it);
    // Reopening is harmless and keeps everything.
    let it = open(&path, "2026-11-23", "10:00").unwrap();
    assert_eq!(it.outbox_counts().unwrap().pending, 1);
}

fn v1_database(path: &std::path::Path) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(include_str!("fixtures/schema_v1.sql")).unwrap();
}

#[test]
fn a_version_1_database_is_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    v1_database(&path);
    let it = open(&path, "2025-11-21", "09:00").unwrap();

    // The old day's workflows were rebuilt from its outbox.
    let s = it.summary(Some("2025-11-20".parse().unwrap())).unwrap();
    assert_eq!((s.out_for_delivery, s.delivered, s.undeliverable, s.left_itinerary), (3, 1, 1, 1));
    assert_eq!(s.successful, 2);
    let d = it.order_details("EK712345714IN").unwrap();
    assert_eq!((d.status, d.attempts, d.customer_name.as_str()), (OrderStatus::Undeliverable, 1, "Vikram Singh"));
    assert_eq!(d.events.len(), 2);
    assert_eq!(it.outbox_counts().unwrap().pending, 6);

    // And the migrated database works: the undeliverable order goes out again the next day.
    it.scan_ofd("EK712345714IN").unwrap();
    let events = it.confirm_ofd(&ScanExtras::default()).unwrap();
    assert_eq!(events[0].seq, 7, "the device sequence continues after the old events");
    it.deliver("EK712345714IN", "EK712345714IN", &Recipient::customer(), &ScanExtras::default()).unwrap();
    assert_eq!(it.summary(None).unwrap().successful, 1);
    drop(it);
    let c = Connection::open(&path).unwrap();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let device: String = c.query_row("SELECT device_id FROM device", [], |r| r.get(0)).unwrap();
    assert_eq!(version, schema::VERSION);
    assert_eq!(uuid::Uuid::parse_str(&device).unwrap().get_version_num(), 4);
}

#[test]
fn a_failed_migration_leaves_the_database_at_its_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    v1_database(&path);
    // Something in the way of migration 2 (say, a table left by a hand edit).
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE device (x);").unwrap();
    let err = open(&path, "2025-11-21", "09:00").err().expect("migration must fail");
    assert!(matches!(err, Error::Storage(_)), "{err:?}");
    let c = Connection::open(&path).unwrap();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let workflows: i64 =
        c.query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = 'workflows'", [], |r| r.get(0)).unwrap();
    let orders: i64 = c.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0)).unwrap();
    assert_eq!((version, workflows, orders), (1, 0, 4));
}

#[test]
fn a_database_from_a_newer_app_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = open(&path, "2026-11-23", "09:00").err().unwrap();
    assert!(matches!(err, Error::Storage(StorageError::TooNew { found: 99, .. })), "{err:?}");
    assert!(err.to_string().contains("update the app"));
    assert!(std::fs::read(&path).unwrap() == before, "the file was changed");
}

#[test]
fn a_file_that_is_not_a_database_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let text = "Shopping list: rice, dal, onions.\n".repeat(200);
    std::fs::write(&path, &text).unwrap();
    let err = open(&path, "2026-11-23", "09:00").err().unwrap();
    assert!(matches!(err, Error::Storage(StorageError::NotADatabase { .. })), "{err:?}");
    assert!(err.to_string().contains("left untouched"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_damaged_database_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("day.db");
    {
        let it = open(&path, "2026-11-23", "09:00").unwrap();
        let orders: Vec<_> = (1..=200).map(|n| order(n, Channel::SelfDelivery)).collect();
        it.import_orders(&orders).unwrap();
        it.checkpoint().unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 4 * 4096);
    // Scribble over the second and third pages.
    for b in &mut bytes[4096..3 * 4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = open(&path, "2026-11-23", "09:00").err().expect("damage must be detected");
    assert!(matches!(err, Error::Storage(StorageError::NotADatabase { .. })), "{err:?}");
    assert!(std::fs::read(&path).unwrap() == bytes, "the damaged file must be kept as it was, for recovery");
}

#[test]
fn a_missing_or_read_only_location_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    for path in [file.join("day.db"), dir.path().join("no/such/dir/day.db"), "/proc/track-test.db".into()] {
        let err = open(&path, "2026-11-23", "09:00").err().unwrap();
        assert!(matches!(err, Error::Storage(StorageError::CannotOpen { .. })), "{path:?}: {err:?}");
        assert!(err.to_string().contains("missing or read-only"), "{err}");
    }
    let err = open(dir.path(), "2026-11-23", "09:00").err().unwrap();
    assert!(err.to_string().contains("directory"), "{err}");
}

#[test]
fn a_full_disk_refuses_the_scan_and_keeps_the_database_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("day.db");
    let clock = Arc::new(ManualClock::new(at("2026-11-23", "09:00")));
    let options = StoreOptions { max_pages: Some(48), ..StoreOptions::default() };
    let it = Day::open_with(&path, &options, clock.clone(), Marketplace::india()).unwrap();
    let orders: Vec<_> = (1..=20).map(|n| order(n, Channel::SelfDelivery)).collect();
    it.import_orders(&orders).unwrap();
    send_out(&it, &(1..=20).collect::<Vec<_>>());
    clock.set(at("2026-11-23", "11:00"));

    // Fill the storage with other orders, then deliver until a scan no longer fits.
    let mut n = 1000;
    let full = loop {
        let mut big = order(n, Channel::SelfDelivery);
        big.customer.address = "x".repeat(1500);
        match it.import_orders(&[big]) {
            Ok(_) => n += 1,
            Err(Error::Storage(StorageError::Full)) => break true,
            Err(e) => panic!("unexpected {e:?}"),
        }
        assert!(n < 2000, "the quota never filled");
    };
    assert!(full);
    let mut delivered = 0;
    let refused = loop {
        let t = tracking(delivered + 1);
        match it.deliver(&t, &t, &Recipient::customer(), &ScanExtras::default()) {
            Ok(_) => delivered += 1,
            Err(e) => break (t, e),
        }
        assert!(delivered < 20, "the scans never hit the quota");
    };
    let (t, err) = refused;
    assert!(matches!(err, Error::Storage(StorageError::Full)), "{err:?}");
    assert!(err.to_string().contains("storage is full") && err.to_string().contains("nothing was recorded"));
    // The refused scan left no trace and everything before it is kept.
    let d = it.order_details(&t).unwrap();
    assert_eq!((d.status, d.attempts), (OrderStatus::OutForDelivery, 0));
    assert_eq!(d.events.iter().filter(|e| e.kind == ScanKind::Delivered).count(), 0);
    assert_eq!(it.outbox_counts().unwrap().pending, 20 + u64::from(delivered));
    drop(it);
    assert_eq!(integrity(&path), "ok");

    // With space again (no quota), the same scan goes through.
    let it = Day::open(&path, clock, Marketplace::india()).unwrap();
    it.deliver(&t, &t, &Recipient::customer(), &ScanExtras::default()).unwrap();
    assert_eq!(it.summary(None).unwrap().delivered, delivered + 1);
}

#[test]
fn a_version_2_database_is_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    Connection::open(&path).unwrap().execute_batch(include_str!("fixtures/schema_v2.sql")).unwrap();
    let it = open(&path, "2025-12-01", "12:00").unwrap();
    let s = it.summary(None).unwrap();
    assert_eq!((s.out_for_delivery, s.still_out), (7, 7));
    assert_eq!(it.outbox_counts().unwrap().pending, 7);
    let status = track_core::sync::status(&it).unwrap();
    assert_eq!((status.pending, status.last_success, status.last_error), (7, None, None));
    // Scans go on where the old app stopped.
    let e = it.deliver("EK712345609IN", "EK712345609IN", &Recipient::customer(), &ScanExtras::default()).unwrap();
    assert_eq!(e.seq, 8);
    drop(it);
    let c = Connection::open(&path).unwrap();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let device: String = c.query_row("SELECT device_id FROM device", [], |r| r.get(0)).unwrap();
    assert_eq!((version, device.as_str()), (schema::VERSION, "3615691f-b2b4-46c2-977c-f447297a5610"));
}

/// Versions 5 and 6 (the server's refusals, the location's fix time) keep the server's refusals: events a version-4 phone had marked rejected are
/// carried over with the server's code and message, as refused scans and on their order.
#[test]
fn a_version_4_database_keeps_its_rejected_events_as_refusals() {
    use track_core::refusal::RefusalReason;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    {
        let it = open(&path, "2026-11-23", "09:00").unwrap();
        it.import_orders(&[order(1, Channel::SelfDelivery), order(2, Channel::SelfDelivery)]).unwrap();
        send_out(&it, &[1, 2]);
    }
    let c = Connection::open(&path).unwrap();
    // Back to version 4 (without the refusals table, nor version 7's photo queue and report
    // outbox, nor version 8's position), the way the old app left it, one event rejected.
    c.execute_batch(
        "DROP TABLE refusals; ALTER TABLE events DROP COLUMN location_fix_ms; DROP TABLE photo_queue; DROP TABLE report_outbox;
         DROP TABLE position; PRAGMA user_version = 4;",
    )
    .unwrap();
    c.execute(
        "UPDATE events SET state = 'rejected', ack_code = 'not_on_your_itinerary', ack_message = 'out with another DA', acked_at_ms = 1795411000000 WHERE seq = 2",
        [],
    )
    .unwrap();
    drop(c);
    let it = open(&path, "2026-11-23", "10:00").unwrap();
    let refused = track_core::sync::refused_scans(&it).unwrap();
    assert_eq!(refused.len(), 1);
    let r = &refused[0];
    assert_eq!((r.reason, r.code.as_str(), r.message.as_str(), r.event.seq), (RefusalReason::NotOnYourItinerary, "not_on_your_itinerary", "out with another DA", 2));
    assert_eq!(r.refused_at.timestamp_millis(), 1_795_411_000_000);
    let t2 = tracking(2);
    assert_eq!(it.order_details(&t2).unwrap().refused.map(|r| r.reason), Some(RefusalReason::NotOnYourItinerary));
    assert_eq!(it.order_details(&tracking(1)).unwrap().refused, None);
    // A later scan of the order that the server acknowledged: the refusal no longer stands for
    // the order (it stays in the list of refused scans).
    let delivered = it.deliver(&t2, &t2, &Recipient::customer(), &ScanExtras::default()).unwrap();
    drop(it);
    Connection::open(&path).unwrap().execute("UPDATE events SET state = 'acknowledged' WHERE seq = ?1", [delivered.seq]).unwrap();
    let it = open(&path, "2026-11-23", "10:05").unwrap();
    assert_eq!(it.order_details(&t2).unwrap().refused, None);
    assert_eq!(track_core::sync::refused_scans(&it).unwrap().len(), 1);
}
