//! The phone and the server follow the same state machine: one sequence of events is fed to the
//! phone's day (its own calls: scan, confirm, deliver, close…) and to the sync server (the
//! phone's recorded events by sync, and the events the phone refused sent by hand from a probe
//! device); after every step, both must have accepted or refused the event alike, and hold the
//! status [`track_core::lifecycle::next`] gives. The server's statuses are read through its own
//! store, so the test runs on SQLite and, with `TRACK_TEST_DB`, on PostgreSQL.

use std::sync::Arc;

use track_core::event::{Recipient, RejectReason, ScanExtras, ScanKind, UndeliverableReason};
use track_core::lifecycle;
use track_core::order::{OrderStatus, TrackingId};
use track_core::sync::wire::{AckStatus, BatchResult, EventBatch, Session, WireEvent};
use track_core::sync::{SyncClient, SyncConfig};
use track_core::{Day, ManualClock, Marketplace};
use track_server::store::{Location, Store};
use track_tests::server::TestServer;
use track_tests::{india, order, tracking};

/// One step of the sequence.
#[derive(Debug, Clone, Copy)]
enum Step {
    Event(u32, ScanKind),
    /// Working hours end (orders still out leave the itinerary); the clock moves to the next day.
    CloseAndNextDay(&'static str),
}

const ORDERS: u32 = 3;

struct Probe {
    device: uuid::Uuid,
    seq: i64,
}

/// The order's status as the server stored it, read through the server's own store (so on
/// either backend: SQLite, or PostgreSQL when `TRACK_TEST_DB` names one).
fn status_on_server(store: &Store, n: u32) -> OrderStatus {
    let code: String = store
        .read(|tx| Ok(tx.query_row("SELECT status FROM orders WHERE tracking_id = ?1", track_server::args![tracking(n)], |r| r.get(0))?))
        .expect("order on the server");
    OrderStatus::parse(&code).expect("status")
}

/// The phone's own call for an event of `kind` on order `n`: whether it recorded that event.
fn phone_does(day: &Day, n: u32, kind: ScanKind) -> bool {
    let t = tracking(n);
    let none = ScanExtras::default();
    let before = day.outbox_total().expect("outbox");
    let result = match kind {
        ScanKind::OutForDelivery => day.scan_ofd(&t).and_then(|_| day.confirm_ofd(&none)).map(|_| ()),
        ScanKind::Delivered => day.deliver(&t, &t, &Recipient::customer(), &none).map(|_| ()),
        ScanKind::Undeliverable => day.mark_undeliverable(&t, UndeliverableReason::CustomerNotAvailable, &none).map(|_| ()),
        ScanKind::Rejected => day.reject(&t, RejectReason::NotRequired, &none).map(|_| ()),
        ScanKind::LeftItinerary => unreachable!("the phone records it only at day close"),
    };
    let recorded = day.outbox_total().expect("outbox") > before;
    assert_eq!(result.is_ok() && recorded, recorded, "order {n}: {kind:?} recorded an event and failed: {result:?}");
    if kind == ScanKind::OutForDelivery {
        let _ = day.cancel_ofd();
    }
    recorded
}

/// The same event sent to the server by hand (from a probe device): whether it was accepted.
fn server_takes(server: &TestServer, session: &Session, probe: &mut Probe, day: &Day, n: u32, kind: ScanKind) -> bool {
    let o = order(n).expect("order");
    probe.seq += 1;
    let event = WireEvent {
        event_id: uuid::Uuid::new_v4(),
        seq: probe.seq,
        kind,
        tracking_id: o.tracking_id.to_string(),
        order_id: o.order_id.to_string(),
        reason: match kind {
            ScanKind::Undeliverable => Some(UndeliverableReason::CustomerNotAvailable.code().into()),
            ScanKind::Rejected => Some(RejectReason::NotRequired.code().into()),
            _ => None,
        },
        recipient: (kind == ScanKind::Delivered).then(Recipient::customer),
        device_time: day.now(),
        local_offset_s: day.marketplace().offset_seconds(day.now()),
        location: None,
        pod_photo: None,
    };
    let body = EventBatch { device_id: probe.device, events: vec![event] };
    let answer: BatchResult = reqwest::blocking::Client::new()
        .post(format!("{}v1/scan-events", server.url()))
        .bearer_auth(&session.token)
        .json(&body)
        .send()
        .expect("post")
        .json()
        .expect("answer");
    let result = &answer.results[0];
    if result.status == AckStatus::Rejected {
        assert_eq!(result.code.as_deref(), Some("invalid_transition"), "order {n}: {kind:?} refused for another reason: {result:?}");
    }
    result.status == AckStatus::Accepted
}

#[test]
fn the_phone_and_the_server_take_the_same_sequence_alike() {
    use ScanKind::*;
    let dir = tempfile::tempdir().expect("tempdir");
    let server_db = dir.path().join("server.db");
    // One clock for the phone and the server: the server refuses events ahead of its clock, and
    // the session lasts the whole sequence.
    let clock = Arc::new(ManualClock::new(india("2026-11-23", "09:00")));
    let server = TestServer::start_with_clock(&server_db, clock.clone(), std::time::Duration::from_secs(7 * 24 * 3600)).expect("server");
    let session = server.seed(ORDERS).expect("seed");
    let store = Store::open(&Location::parse(server.db())).expect("the server's database");
    let day = Day::open(dir.path().join("phone.db"), clock.clone(), Marketplace::india()).expect("phone");
    day.import_orders(&(1..=ORDERS).map(order).collect::<Result<Vec<_>, _>>().expect("orders")).expect("import");
    let client = SyncClient::new(SyncConfig::new(server.url())).expect("client");
    let mut probe = Probe { device: uuid::Uuid::new_v4(), seq: 0 };

    let steps = [
        Step::Event(1, Delivered),
        Step::Event(1, OutForDelivery),
        Step::Event(1, OutForDelivery),
        Step::Event(1, Undeliverable),
        Step::Event(2, OutForDelivery),
        Step::CloseAndNextDay("2026-11-24"),
        Step::Event(1, OutForDelivery),
        Step::Event(1, Delivered),
        Step::Event(1, OutForDelivery),
        Step::Event(3, OutForDelivery),
        Step::Event(3, Rejected),
        Step::Event(3, Delivered),
        Step::Event(2, OutForDelivery),
        Step::Event(2, Delivered),
        Step::Event(2, Undeliverable),
        Step::CloseAndNextDay("2026-11-25"),
        Step::Event(3, OutForDelivery),
    ];
    let mut expected = [OrderStatus::Pending; ORDERS as usize + 1];
    let (mut accepted, mut refused) = (0, 0);
    for (i, step) in steps.iter().enumerate() {
        let events: Vec<(u32, ScanKind)> = match *step {
            Step::Event(n, kind) => vec![(n, kind)],
            Step::CloseAndNextDay(_) => (1..=ORDERS).map(|n| (n, LeftItinerary)).collect(),
        };
        let recorded: Vec<bool> = match *step {
            Step::Event(n, kind) => vec![phone_does(&day, n, kind)],
            Step::CloseAndNextDay(next) => {
                clock.set(india(&next_day_before(next), "22:30"));
                let left = day.close_day().expect("close");
                let out: Vec<TrackingId> = left.iter().map(|e| e.tracking_id.clone()).collect();
                clock.set(india(next, "09:00"));
                (1..=ORDERS).map(|n| out.iter().any(|t| t.as_str() == tracking(n))).collect()
            }
        };
        // The phone's events reach the server by sync, and are all accepted there.
        let report = client.push(&session.token, &day).expect("push");
        assert_eq!((report.rejected, report.conflicts), (0, 0), "step {i} {step:?}: the server refused a phone event: {report:?}");
        for ((n, kind), recorded) in events.into_iter().zip(recorded) {
            let rule = lifecycle::next(expected[n as usize], kind);
            // What the phone did not record goes to the server by hand: it must refuse it too.
            let on_server = recorded || server_takes(&server, &session, &mut probe, &day, n, kind);
            assert_eq!(recorded, rule.is_ok(), "step {i} {step:?}: order {n} on the phone vs the rule {rule:?}");
            assert_eq!(on_server, rule.is_ok(), "step {i} {step:?}: order {n} on the server vs the rule {rule:?}");
            if let Ok(next) = rule {
                expected[n as usize] = next;
                accepted += 1;
            } else {
                refused += 1;
            }
        }
        for n in 1..=ORDERS {
            let phone = day.order_details(&tracking(n)).expect("details").status;
            assert_eq!(phone, expected[n as usize], "step {i} {step:?}: order {n} on the phone");
            assert_eq!(status_on_server(&store, n), expected[n as usize], "step {i} {step:?}: order {n} on the server");
        }
    }
    assert_eq!(expected[1..], [OrderStatus::Delivered, OrderStatus::Delivered, OrderStatus::Rejected]);
    // The sequence exercises both sides of the rule.
    assert!(accepted >= 10 && refused >= 8, "accepted {accepted}, refused {refused}");
}

fn next_day_before(day: &str) -> String {
    let d: chrono::NaiveDate = day.parse().expect("day");
    d.pred_opt().expect("a day before").to_string()
}
