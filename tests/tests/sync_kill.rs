//! The sync client killed with SIGKILL in the middle of syncing, many times: when it finally runs
//! to the end, the server holds every recorded event exactly once and the phone has an answer for
//! each. Nothing lost, nothing doubled.

use std::time::Duration;

use track_tests::play_day;
use track_tests::server::TestServer;

const ORDERS: u32 = 1000;
const KILLS: usize = 30;

#[test]
fn sync_survives_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(&dir.path().join("server.db")).expect("server");
    let session = server.seed(ORDERS).expect("seed");
    let phone = dir.path().join("phone.db");
    let it = play_day(&phone, ORDERS).expect("day");
    let recorded: Vec<String> = it.outbox_events().expect("events").into_iter().map(|e| e.event_id.to_string()).collect();
    drop(it);
    assert_eq!(recorded.len(), 2 * ORDERS as usize);

    let mut killed_mid_sync = 0;
    for _ in 0..KILLS {
        let done = track_tests::run_sync_loop(env!("CARGO_BIN_EXE_sync-loop"), &phone, &server.url(), &session.token, Some(Duration::from_millis(fastrand::u64(5..50))));
        if done {
            break;
        }
        killed_mid_sync += 1;
        eprintln!("kill {killed_mid_sync}: {} events on the server", server.event_counts().map(|c| c.len()).unwrap_or(0));
        // Whatever the kill interrupted, nothing is doubled on the server.
        let counts = server.event_counts().expect("server events");
        assert!(counts.values().all(|&n| n == 1), "an event was recorded twice");
    }
    assert!(killed_mid_sync >= KILLS / 2, "only {killed_mid_sync} kills landed in the middle of a sync");
    track_tests::run_sync_loop(env!("CARGO_BIN_EXE_sync-loop"), &phone, &server.url(), &session.token, None);

    let counts = server.event_counts().expect("server events");
    assert_eq!(counts.len(), recorded.len(), "events lost or invented");
    for id in &recorded {
        assert_eq!(counts.get(id), Some(&1), "event {id}");
    }
    let c = rusqlite::Connection::open(&phone).expect("open phone db");
    let unanswered: i64 = c.query_row("SELECT COUNT(*) FROM events WHERE state IN ('pending', 'sent')", [], |r| r.get(0)).expect("count");
    assert_eq!(unanswered, 0);
}
