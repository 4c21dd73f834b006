//! The DA's position from the phone's core to the customer's view: kept on the phone while
//! parcels are out, sent by the sync client after the outbox (only the latest), shown with its
//! age to the customer of an order still out, forgotten once sent.

use std::sync::Arc;

use track_core::event::{Location, ScanExtras};
use track_core::sync::{PositionOutcome, SyncClient, SyncConfig};
use track_core::{Day, ManualClock, Marketplace};
use track_tests::server::TestServer;
use track_tests::{india, order, tracking};

#[test]
fn the_phones_latest_position_reaches_the_customers_view_after_the_outbox() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(india("2026-11-23", "09:00")));
    let server = TestServer::start_with_clock(&dir.path().join("server.db"), clock.clone(), std::time::Duration::from_secs(12 * 3600)).expect("server");
    let session = server.seed(2).expect("seed");
    let it = Day::open(dir.path().join("phone.db"), clock.clone(), Marketplace::india()).expect("day");
    it.import_orders(&[order(1).expect("order"), order(2).expect("order")]).expect("import");
    for n in [1, 2] {
        it.scan_ofd(&tracking(n)).expect("ofd");
    }
    it.confirm_ofd(&ScanExtras::default()).expect("confirm");
    let fix = |lat: f64| Location::new(lat, 73.85, 15.0).expect("location").fixed_at(clock_ms(&clock));
    assert!(it.update_position(fix(18.52)).expect("position"));
    clock.advance(chrono::Duration::minutes(3));
    assert!(it.update_position(fix(18.53)).expect("newer position"));

    let client = SyncClient::new(SyncConfig::new(server.url())).expect("client");
    let report = client.push(&session.token, &it).expect("push");
    assert_eq!(report.accepted, 2, "{report:?}");
    // Sent after the outbox, then forgotten: nothing waits.
    assert_eq!(it.position_to_send().expect("position"), None);
    assert_eq!(client.send_position(&session.token, &it).expect("nothing to send"), PositionOutcome::Nothing);

    clock.advance(chrono::Duration::minutes(2));
    let view = client.tracking(&track_core::order::TrackingId::parse(&tracking(1)).expect("tracking ID")).expect("view");
    let position = view.da_position.expect("the DA's position is shown while the parcel is out");
    assert_eq!((position.place.latitude, position.age_s), (18.53, 120));
    assert!(view.arrival.is_some(), "{view:?}");
}

fn clock_ms(clock: &ManualClock) -> i64 {
    use track_core::Clock;
    clock.now().timestamp_millis()
}
