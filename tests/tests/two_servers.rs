//! Two server processes on one database (a PostgreSQL database when `TRACK_TEST_DB` names a
//! PostgreSQL server, as `./build.sh test` runs it a second time; else one SQLite file): a client
//! alternates between them, and every guarantee holds across the two: each event is stored
//! exactly once (also when two phones holding the same events push them to the two servers at
//! once), a session revoked or a DA removed on one is refused by the other, a seller that opts out
//! on one is refused by the other, and failed logins counted on one slow logins down on the other.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::Client;
use track_core::sync::wire::Login;
use track_core::sync::{SyncClient, SyncConfig};
use track_server::admin::SellerSpec;
use track_server::enrol::DaPhone;
use track_tests::play_day;
use track_tests::server::{SELLER, TestServer};

const ORDERS: u32 = 12;
const PHONE: &str = "+91 98000 00001";

fn client(url: &str) -> SyncClient {
    let mut config = SyncConfig::new(url);
    config.batch_size = 4;
    config.timeout = Duration::from_secs(20);
    config.max_attempts = 20;
    SyncClient::new(config).expect("client")
}

/// The status of `GET /v1/orders` with `token` on `server`.
fn orders_status(http: &Client, server: &TestServer, token: &str) -> (StatusCode, String) {
    let resp = http.get(format!("{}v1/orders", server.url())).bearer_auth(token).send().expect("orders");
    let status = resp.status();
    (status, resp.text().unwrap_or_default())
}

/// Logs the DA in through `server`: the status and the token (or the error's code).
fn login(http: &Client, server: &TestServer, password: &str) -> (StatusCode, String) {
    let body = Login { login: "9800000001".into(), password: password.into(), seller_id: SELLER.into() };
    let resp = http.post(format!("{}v1/sessions", server.url())).json(&body).send().expect("login");
    let status = resp.status();
    let v: serde_json::Value = resp.json().unwrap_or_default();
    let said = v["token"].as_str().or(v["error"]["code"].as_str()).unwrap_or_default().to_string();
    (status, said)
}

fn seller(self_delivery: bool) -> SellerSpec {
    SellerSpec {
        id: SELLER.into(),
        name: "Crash Test Traders".into(),
        self_delivery,
        ships_from: "1 Test Road, Pune 411001".into(),
        gst_address: "1, Test Road, Pune - 411001".into(),
        time_zone: None,
    }
}

#[test]
fn two_servers_on_one_database_keep_every_guarantee() {
    let dir = tempfile::tempdir().expect("tempdir").keep();
    let db = dir.join("server.db");
    let a = TestServer::start(&db).expect("server a");
    let b = TestServer::start(&db).expect("server b");
    let session = a.seed(ORDERS).expect("seed through a");

    // Two phones with the same events (a copy of one phone's database) push them at once, one to
    // each server: every event is stored once, and each phone has an answer for every event.
    let phone = dir.join("phone.db");
    drop(play_day(&phone, ORDERS).expect("day"));
    let twin = dir.join("twin.db");
    std::fs::copy(&phone, &twin).expect("copy the phone");
    let pushes: Vec<_> = [(phone.clone(), a.url()), (twin.clone(), b.url())]
        .into_iter()
        .map(|(path, url)| {
            let token = session.token.clone();
            std::thread::spawn(move || {
                let clock = std::sync::Arc::new(track_core::ManualClock::new(track_tests::india("2026-11-23", "12:00")));
                let it = track_core::Day::open(&path, clock, track_core::Marketplace::india()).expect("phone");
                let c = client(&url);
                for _ in 0..20 {
                    if let Err(e) = c.push(&token, &it) {
                        eprintln!("push ended early: {e}");
                    }
                    if track_core::sync::status(&it).expect("status").pending == 0 {
                        break;
                    }
                }
                let status = track_core::sync::status(&it).expect("status");
                assert_eq!((status.pending, status.rejected), (0, 0), "{:?}", track_core::sync::rejected_events(&it));
                it.outbox_events().expect("events").into_iter().map(|e| e.event_id.to_string()).collect::<Vec<_>>()
            })
        })
        .collect();
    let ids: Vec<Vec<String>> = pushes.into_iter().map(|p| p.join().expect("push thread")).collect();
    assert_eq!(ids[0], ids[1], "the twin phones hold the same events");
    assert!(!ids[0].is_empty());
    for server in [&a, &b] {
        let counts = server.event_counts().expect("events");
        for id in &ids[0] {
            assert_eq!(counts.get(id).copied(), Some(1), "event {id} stored {:?} times", counts.get(id));
        }
        assert_eq!(counts.len(), ids[0].len(), "events nobody sent");
    }

    let http = Client::builder().timeout(Duration::from_secs(20)).build().expect("http");
    let token = session.token.as_str();
    assert_eq!(orders_status(&http, &a, token).0, StatusCode::OK);
    assert_eq!(orders_status(&http, &b, token).0, StatusCode::OK);

    // The seller opts out through b: a refuses its DA at once; back in through a, b serves it again.
    b.admin().expect("admin b").put_seller(&seller(false)).expect("opt out");
    let (status, body) = orders_status(&http, &a, token);
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("seller_not_ready"), "{body}");
    a.admin().expect("admin a").put_seller(&seller(true)).expect("opt in");
    assert_eq!(orders_status(&http, &b, token).0, StatusCode::OK);

    // The seller removes the DA through a: b refuses the DA's session, and a new session made
    // through b is refused by a.
    a.admin().expect("admin a").remove_da(SELLER, PHONE).expect("remove");
    assert_eq!(orders_status(&http, &b, token).0, StatusCode::UNAUTHORIZED);
    let (status, fresh) = login(&http, &b, "correct horse");
    assert_eq!(status, StatusCode::OK, "{fresh}");
    let (status, body) = orders_status(&http, &a, &fresh);
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("not_registered_with_seller"), "{body}");
    b.admin().expect("admin b").add_da(SELLER, &DaPhone { phone: PHONE.into() }).expect("add again");

    // Logged in through a, logged out through b: a refuses the token.
    let (status, fresh) = login(&http, &a, "correct horse");
    assert_eq!(status, StatusCode::OK, "{fresh}");
    assert_eq!(orders_status(&http, &b, &fresh).0, StatusCode::OK);
    client(&b.url()).logout(&fresh).expect("logout through b");
    assert_eq!(orders_status(&http, &a, &fresh).0, StatusCode::UNAUTHORIZED);

    // Failed logins alternate between the servers: they count as one account's, so after the
    // free ones the next attempt (with the right password) must wait, on either server.
    for server in [&a, &b, &a] {
        assert_eq!(login(&http, server, "wrong password").0, StatusCode::UNAUTHORIZED);
    }
    let (status, code) = login(&http, &b, "correct horse");
    assert_eq!((status, code.as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"));
}
