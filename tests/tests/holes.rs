//! The sync client against the real server (issue 11, defect 6): a scan whose event ID the server
//! already holds with other content is answered `conflict`, kept in the phone's outbox in that
//! state and reported; it is never taken for an acknowledgement, and never sent again as one.

use track_core::event::EventState;
use track_core::sync::wire::WireEvent;
use track_core::sync::{SyncClient, SyncConfig};
use track_tests::play_day;
use track_tests::server::TestServer;

#[test]
fn hole_same_event_id_other_content_is_conflict_kept_by_the_client() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(&dir.path().join("server.db")).expect("server");
    let session = server.seed(2).expect("seed");
    let it = play_day(&dir.path().join("phone.db"), 2).expect("day");
    // Another device already sent the phone's first event ID (a cloned app, a reused ID): same
    // scan, other device, so other content.
    let first = it.pending_events(1).expect("outbox").remove(0);
    let body = serde_json::json!({
        "device_id": "0b7a4c1e-0000-4000-8000-0000000000ff",
        "events": [serde_json::to_value(WireEvent::from(&first)).expect("json")],
    });
    track_core::sync::install_crypto_provider();
    let resp = reqwest::blocking::Client::new()
        .post(format!("{}v1/scan-events", server.url()))
        .bearer_auth(&session.token)
        .json(&body)
        .send()
        .expect("post");
    assert!(resp.status().is_success(), "{}", resp.status());

    let client = SyncClient::new(SyncConfig::new(server.url())).expect("client");
    let report = client.push(&session.token, &it).expect("push");
    assert_eq!((report.conflicts, report.accepted, report.duplicates, report.rejected), (1, 3, 0, 0), "{report:?}");
    // Kept in the outbox as a conflict, with the server's answer, and reported.
    let kept = it.outbox_event(&first.event_id).expect("get").expect("the event is kept");
    assert_eq!(kept.state, EventState::Conflict);
    let status = track_core::sync::status(&it).expect("status");
    assert_eq!((status.pending, status.conflicts, status.rejected), (0, 1, 0));
    let conflicts = track_core::sync::conflicting_events(&it).expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].event.event_id, first.event_id);
    assert_eq!(conflicts[0].code, "event_id_conflict");
    assert!(conflicts[0].message.contains("not recorded"), "{}", conflicts[0].message);
    // Not sent again, not dropped: the next push has nothing to send and the event is still there.
    let again = client.push(&session.token, &it).expect("push again");
    assert_eq!(again.sent, 0);
    assert_eq!(it.outbox_counts().expect("counts").conflict, 1);
    // The server recorded the ID once (the other device's scan).
    assert_eq!(server.event_counts().expect("events").get(&first.event_id.to_string()), Some(&1));
}
