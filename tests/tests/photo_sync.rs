//! Proof-of-delivery photos and problem reports from the phone's core to the real server: each
//! photo is uploaded once after its event was accepted, also when the sync is killed with SIGKILL
//! at random moments; a photo the server cannot take waits by the backoff or is dropped, never
//! holding back scan events; a problem report reaches support once.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use track_core::event::{Recipient, ScanExtras};
use track_core::order::TrackingId;
use track_core::sync::backoff::Backoff;
use track_core::sync::{SyncClient, SyncConfig};
use track_core::{Day, ManualClock, Marketplace};
use track_tests::server::TestServer;
use track_tests::{india, play_day_with, tracking};

/// A camera-like JPEG of a few tens of kilobytes.
fn write_photo(path: &Path, seed: u8) {
    let img = image::RgbImage::from_fn(640, 480, |x, y| image::Rgb([seed, (x % 251) as u8, ((x * y) % 241) as u8]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).expect("jpeg");
    std::fs::write(path, out).expect("write photo");
}

fn client(url: &str) -> SyncClient {
    let mut config = SyncConfig::new(url);
    config.timeout = Duration::from_secs(5);
    config.backoff = Backoff { base: Duration::from_millis(5), cap: Duration::from_millis(50) };
    config.max_attempts = 2;
    SyncClient::new(config).expect("client")
}

/// The customer's photo of order `n`, fetched through the URL of its tracking view.
fn customer_photo(server: &TestServer, n: u32) -> Option<Vec<u8>> {
    let view = client(&server.url()).tracking(&TrackingId::parse(&tracking(n)).ok()?).ok()?;
    let url = view.timeline.iter().find_map(|s| s.photo_url.clone())?;
    let resp = reqwest::blocking::get(format!("{}{}", server.url().trim_end_matches('/'), url)).ok()?;
    resp.status().is_success().then(|| resp.bytes().ok().map(|b| b.to_vec())).flatten()
}

#[test]
fn photos_reach_the_server_once_after_their_events_also_when_the_sync_is_killed() {
    const ORDERS: u32 = 40;
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(&dir.path().join("server.db")).expect("server");
    let session = server.seed(ORDERS).expect("seed");
    let photo = dir.path().join("pod.jpg");
    write_photo(&photo, 7);
    let phone = dir.path().join("phone.db");
    let it = play_day_with(&phone, ORDERS, Some(&photo)).expect("day");
    // The app's file may go: the phone keeps its own copy.
    std::fs::remove_file(&photo).expect("remove");
    assert_eq!(track_core::sync::status(&it).expect("status").photos_waiting, u64::from(ORDERS));
    drop(it);

    let mut killed = 0;
    for _ in 0..20 {
        if track_tests::run_sync_loop(env!("CARGO_BIN_EXE_sync-loop"), &phone, &server.url(), &session.token, Some(Duration::from_millis(fastrand::u64(20..200)))) {
            break;
        }
        killed += 1;
    }
    eprintln!("{killed} kills in the middle of a sync");
    track_tests::run_sync_loop(env!("CARGO_BIN_EXE_sync-loop"), &phone, &server.url(), &session.token, None);

    let counts = server.event_counts().expect("events");
    assert_eq!(counts.len(), 2 * ORDERS as usize);
    assert!(counts.values().all(|&n| n == 1), "an event was recorded twice");
    for n in 1..=ORDERS {
        let jpeg = customer_photo(&server, n).unwrap_or_else(|| panic!("no photo for order {n}"));
        assert!(jpeg.starts_with(&[0xFF, 0xD8]));
    }
    let c = rusqlite::Connection::open(&phone).expect("open phone db");
    let left: i64 = c.query_row("SELECT COUNT(*) FROM photo_queue", [], |r| r.get(0)).expect("count");
    assert_eq!(left, 0, "every uploaded photo left the phone's queue");
}

#[test]
fn a_photo_waits_out_a_down_server_by_the_backoff_or_is_dropped_and_never_holds_back_scans() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(&dir.path().join("server.db")).expect("server");
    let session = server.seed(4).expect("seed");
    let clock = Arc::new(ManualClock::new(india("2026-11-23", "10:00")));
    let it = Day::open(dir.path().join("phone.db"), clock.clone(), Marketplace::india()).expect("day");
    it.import_orders(&(1..=4).map(track_tests::order).collect::<Result<Vec<_>, _>>().expect("orders")).expect("import");
    let none = ScanExtras::default();
    for n in 1..=4 {
        it.scan_ofd(&tracking(n)).expect("ofd");
    }
    it.confirm_ofd(&none).expect("confirm");
    let good = dir.path().join("good.jpg");
    write_photo(&good, 1);
    // Starts like a JPEG, but is none: the phone takes it, the server refuses it for good.
    let broken = dir.path().join("broken.jpg");
    std::fs::write(&broken, b"\xFF\xD8\xFF\xE0 not a picture").expect("write");
    // Order 3's Delivered scan will be refused by the server (the seller moved it to FBA).
    server.set_channel(3, track_core::order::Channel::Fba).expect("channel");
    let (t1, t2, t3) = (tracking(1), tracking(2), tracking(3));
    it.deliver_with_photo(&t1, &t1, &Recipient::customer(), &none, &good, None).expect("deliver 1");
    it.deliver_with_photo(&t2, &t2, &Recipient::customer(), &none, &broken, None).expect("deliver 2");
    it.deliver_with_photo(&t3, &t3, &Recipient::customer(), &none, &good, None).expect("deliver 3");

    // The server goes down after the events reach it: the photos wait, the push does not fail.
    let sync = client(&server.url());
    let mut report = sync.push(&session.token, &it).expect("push");
    // Out for Delivery of orders 1, 2, 4 and Delivered of 1, 2 accepted; both scans of order 3 refused.
    assert_eq!((report.accepted, report.rejected), (5, 2), "{report:?}");
    assert_eq!((report.photos_uploaded, report.photos_refused), (1, 1), "{report:?}");
    assert_eq!(report.photos_waiting, 0, "order 3's photo was dropped with its refused event");
    assert!(customer_photo(&server, 1).is_some());
    assert!(customer_photo(&server, 2).is_none());

    // A fourth delivery, its event accepted, but the server's photo store fails (a file where
    // its folder was): the upload answers 503 and the photo waits by the backoff (the server's
    // Retry-After, 30 s, is its floor); scans still go.
    let store = dir.path().join("server.db.photos");
    assert!(store.is_dir(), "the server keeps photos beside its SQLite database");
    let kept = dir.path().join("photos.kept");
    std::fs::rename(&store, &kept).expect("move the store");
    std::fs::write(&store, b"not a folder").expect("block the store");
    let t4 = tracking(4);
    it.deliver_with_photo(&t4, &t4, &Recipient::customer(), &none, &good, None).expect("deliver 4");
    report = sync.push(&session.token, &it).expect("push");
    assert_eq!((report.accepted, report.photos_uploaded, report.photos_waiting), (1, 0, 1), "{report:?}");
    assert_eq!(track_core::sync::status(&it).expect("status").pending, 0, "the scan went without its photo");
    std::fs::remove_file(&store).expect("unblock");
    std::fs::rename(&kept, &store).expect("restore the store");
    // Not due yet: no upload.
    clock.advance(chrono::Duration::seconds(10));
    report = sync.push(&session.token, &it).expect("push");
    assert_eq!((report.photos_uploaded, report.photos_waiting, report.requests), (0, 1, 0), "{report:?}");
    // Its backoff over: uploaded.
    clock.advance(chrono::Duration::seconds(60));
    report = sync.push(&session.token, &it).expect("push");
    assert_eq!((report.photos_uploaded, report.photos_waiting), (1, 0), "{report:?}");
    assert!(customer_photo(&server, 4).is_some());
    assert!(customer_photo(&server, 1).is_some(), "the earlier photo is still there");
}

#[test]
fn a_problem_report_reaches_support_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(&dir.path().join("server.db")).expect("server");
    let session = server.seed(2).expect("seed");
    let it = play_day_with(&dir.path().join("phone.db"), 2, None).expect("day");
    let filed = it.file_problem_report("1.4.2").expect("report");
    assert_eq!(track_core::sync::status(&it).expect("status").reports_waiting, 1);
    let sync = client(&server.url());
    let report = sync.push(&session.token, &it).expect("push");
    assert_eq!((report.reports_sent, report.reports_waiting), (1, 0), "{report:?}");
    // Nothing is sent twice.
    assert_eq!(sync.push(&session.token, &it).expect("push").reports_sent, 0);
    let found = server.admin().expect("admin").problem_report(&filed.report_id).expect("lookup");
    assert_eq!(found.report, filed);
    assert_eq!(found.answer_within_business_days, 3);
    let bundle = serde_json::to_string(&found.report).expect("json");
    for customer in ["Customer", "Test Road", "9876543210", &tracking(1)[2..10]] {
        assert!(!bundle.contains(customer), "customer data in the bundle: {bundle}");
    }
}
