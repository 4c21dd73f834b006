//! The reference server over HTTP on loopback: accounts and login, tokens, malformed and hostile
//! bodies, the order rules on scan events, duplicates days later, per-order sequencing,
//! notifications held outside working hours, the customer's tracking view and seller metrics.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use reqwest::blocking::Client;
use serde_json::{Value, json};
use track_core::{ManualClock, Marketplace};
use track_server::{App, Config};
use uuid::Uuid;

const ADMIN: &str = "admin-secret";
const SELLER: &str = "sharma";
const PASSWORD: &str = "correct horse";

fn india(day: &str, time: &str) -> DateTime<Utc> {
    Marketplace::india().local_instant(day.parse().unwrap(), time.parse().unwrap())
}

/// The test's database: `server.db` in its folder, or a fresh database on the PostgreSQL server
/// that `TRACK_TEST_DB` names (`postgres://…`), so the whole suite runs against either backend.
fn test_db(dir: &std::path::Path) -> track_server::store::Location {
    match std::env::var("TRACK_TEST_DB") {
        Ok(base) if !base.is_empty() => {
            track_server::store::Location::Postgres(track_server::store::create_postgres_database(&base, "api").expect("a fresh PostgreSQL database"))
        }
        _ => dir.join("server.db").into(),
    }
}

struct Server {
    url: String,
    http: Client,
    clock: Arc<ManualClock>,
    /// The server's state, for what a test checks below HTTP (another client address, a restart).
    app: Arc<App>,
    /// The test's folder (its SQLite database), kept until the test ends.
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        Self::start_at(india("2026-11-23", "08:00:00"))
    }

    fn start_at(now: DateTime<Utc>) -> Server {
        Self::start_with(now, |_| {})
    }

    /// A server at `now` with its configuration changed by `configure` (transports, ...).
    fn start_with(now: DateTime<Utc>, configure: impl FnOnce(&mut Config)) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::new(now));
        let mut config = Config::new(test_db(dir.path()));
        config.admin_token = Some(ADMIN.into());
        config.clock = clock.clone();
        config.body_limit = 256 * 1024;
        config.photo_store = Some(track_server::photos::PhotoStore::Folder(dir.path().join("photos")));
        configure(&mut config);
        let app = App::open(config).unwrap();
        let served = app.clone();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                track_server::serve(listener, served).await.unwrap();
            });
        });
        track_core::sync::install_crypto_provider();
        let http = Client::builder().timeout(std::time::Duration::from_secs(30)).build().unwrap();
        Server { url, http, clock, app, _dir: dir }
    }

    fn send(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().unwrap();
        let status = resp.status();
        let text = resp.text().unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        self.send(reqwest::Method::GET, path, token, None)
    }

    fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, token, Some(body))
    }

    fn post_raw(&self, path: &str, token: Option<&str>, body: &str) -> (StatusCode, Value) {
        let mut req = self.http.post(format!("{}{path}", self.url)).header("content-type", "application/json").body(body.to_string());
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().unwrap();
        let status = resp.status();
        (status, resp.json().unwrap_or(Value::Null))
    }

    fn seller(&self, id: &str, self_delivery: bool, gst_address: &str) {
        let (s, body) = self.post(
            "v1/admin/sellers",
            Some(ADMIN),
            json!({"id": id, "name": "Sharma Textiles", "self_delivery": self_delivery,
                   "ships_from": "12, Commercial Street, Bengaluru 560001", "gst_address": gst_address}),
        );
        assert_eq!(s, StatusCode::OK, "{body}");
    }

    /// A ready seller with orders 1..=3 (Self-Delivery) and 4 (FBA), a DA account and its token.
    fn day(&self) -> String {
        self.seller(SELLER, true, "12 Commercial Street, Bengaluru - 560001");
        let orders: Vec<Value> = (1..=4).map(|n| order_json(n, SELLER, if n == 4 { "fba" } else { "self-delivery" })).collect();
        let (s, body) = self.post("v1/admin/orders", Some(ADMIN), json!({"orders": orders}));
        assert_eq!(s, StatusCode::OK, "{body}");
        self.register(SELLER, "+91 98450 12345");
        self.account("+91 98450 12345", Some("ravi@example.in"), SELLER);
        self.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string()
    }

    /// The seller registers a DA's phone.
    fn register(&self, seller: &str, phone: &str) {
        let (s, body) = self.post(&format!("v1/sellers/{seller}/das"), Some(ADMIN), json!({"phone": phone}));
        assert_eq!(s, StatusCode::OK, "{body}");
    }

    fn account(&self, phone: &str, email: Option<&str>, seller: &str) -> (StatusCode, Value) {
        self.post("v1/accounts", None, json!({"name": "Ravi", "phone": phone, "email": email, "password": PASSWORD, "seller_id": seller}))
    }

    fn login(&self, login: &str, seller: &str) -> (StatusCode, Value) {
        self.post("v1/sessions", None, json!({"login": login, "password": PASSWORD, "seller_id": seller}))
    }

    /// Sends a batch as the phone syncs it: after its scans, so the server's clock first moves on
    /// to the latest device time of the batch (the server refuses events ahead of its clock).
    fn push(&self, token: &str, events: Vec<Value>) -> Vec<Value> {
        let latest = events
            .iter()
            .filter_map(|e| serde_json::from_value::<DateTime<Utc>>(e["device_time"].clone()).ok())
            .filter(|t| track_core::clock::check_instant(*t).is_ok())
            .max();
        if let Some(ahead) = latest.map(|t| t - self.clock_now()).filter(|d| *d > Duration::zero()) {
            self.clock.advance(ahead);
        }
        self.send_batch(token, events)
    }

    /// Sends a batch as is, the server's clock where it is (a modified client's batch).
    fn send_batch(&self, token: &str, events: Vec<Value>) -> Vec<Value> {
        let (s, body) = self.post("v1/scan-events", Some(token), json!({"device_id": DEVICE, "events": events}));
        assert_eq!(s, StatusCode::OK, "{body}");
        body["results"].as_array().unwrap().clone()
    }
}

const DEVICE: &str = "6f1c5a9e-0000-4000-8000-000000000001";

/// An India Post (UPU S10) number with its check digit.
fn tracking(n: u32) -> String {
    let serial = format!("{n:08}");
    let total: u32 = serial.chars().zip([8, 6, 4, 2, 3, 5, 9, 7]).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    let check = match total % 11 {
        1 => 0,
        0 => 5,
        r => 11 - r,
    };
    format!("EK{serial}{check}IN")
}

fn order_id(n: u32) -> String {
    format!("402-{n:07}-{n:07}")
}

fn order_json(n: u32, seller: &str, channel: &str) -> Value {
    json!({"order_id": order_id(n), "tracking_id": tracking(n), "channel": channel, "seller_id": seller, "carrier": "india-post",
           "customer": {"name": format!("Customer {n}"), "address": format!("{n} Secret Lane, Bengaluru"), "phone": "+91 99000 11111"}})
}

fn event(seq: i64, kind: &str, n: u32, at: DateTime<Utc>) -> Value {
    let mut e = json!({"event_id": Uuid::new_v4(), "seq": seq, "kind": kind, "tracking_id": tracking(n), "order_id": order_id(n),
                       "device_time": at, "local_offset_s": 19800});
    match kind {
        "delivered" => e["recipient"] = json!({"kind": "neighbour", "name": "Mr Iyer"}),
        "undeliverable" => e["reason"] = json!("customer-not-available"),
        "rejected" => e["reason"] = json!("damaged"),
        _ => {}
    }
    e
}

fn status(result: &Value) -> &str {
    result["status"].as_str().unwrap()
}

#[test]
fn accounts_and_login_with_phone_or_email() {
    let s = Server::start();
    let token = s.day();
    assert_eq!(token.len(), 64);
    // Both ways of logging in, with the number typed differently.
    let (st, body) = s.login("+91-98450-12345", SELLER);
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body["expires_at"].as_str().is_some());
    let (st, _) = s.login("RAVI@example.in", SELLER);
    assert_eq!(st, StatusCode::OK);
    // Wrong password and unknown account give the same answer.
    let (st, body) = s.post("v1/sessions", None, json!({"login": "9845012345", "password": "wrong password", "seller_id": SELLER}));
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st2, body2) = s.post("v1/sessions", None, json!({"login": "9845099999", "password": "wrong password", "seller_id": SELLER}));
    assert_eq!((st2, &body2), (st, &body));
    // Not an Indian mobile number, weak password, taken number.
    let (st, body) = s.account("+1 415 555 0100", None, SELLER);
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]["message"].as_str().unwrap().contains("+91"), "{body}");
    let (st, _) = s.post("v1/accounts", None, json!({"name": "X", "phone": "9845000000", "password": "short", "seller_id": SELLER}));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let (st, _) = s.account("09845012345", None, SELLER);
    assert_eq!(st, StatusCode::CONFLICT);
    // An unknown seller is answered as a known one that has not registered the phone (issue 11:
    // a stranger must not learn which sellers exist).
    let (st, body) = s.account("9845000002", None, "no-such-seller");
    assert_eq!(st, StatusCode::CREATED, "{body}");
    // The DA works for this seller only.
    s.seller("other", true, "12 Commercial Street, Bengaluru 560001");
    let (st, body) = s.login("9845012345", "other");
    assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
}

#[test]
fn seller_prerequisites_refuse_login_with_what_to_fix() {
    let s = Server::start();
    s.day();
    s.seller(SELLER, false, "12 Commercial Street, Bengaluru 560001");
    let (st, body) = s.login("9845012345", SELLER);
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(body["error"]["message"].as_str().unwrap().contains("opted in to Self-Delivery"), "{body}");
    s.seller(SELLER, true, "99 Brigade Road, Bengaluru 560025");
    let (st, body) = s.login("9845012345", SELLER);
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "seller_not_ready");
    assert!(body["error"]["message"].as_str().unwrap().contains("GST registration"), "{body}");
}

/// The seller prerequisites gate every request of its DAs, not only login: a seller that opts
/// out of Self-Delivery (or whose addresses stop matching) stops existing sessions at once.
#[test]
fn gate_seller_not_ready_refuses_every_request_of_its_das() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    let order = format!("v1/orders/{}", tracking(1));
    assert_eq!(s.get("v1/orders", Some(&token)).0, StatusCode::OK);
    assert_eq!(s.get(&order, Some(&token)).0, StatusCode::OK);
    let refused = |body: &Value, what: &str| {
        assert_eq!(body["error"]["code"], "seller_not_ready", "{body}");
        assert!(body["error"]["message"].as_str().unwrap().contains(what), "{body}");
    };
    s.seller(SELLER, false, "12 Commercial Street, Bengaluru - 560001");
    let batch = json!({"device_id": DEVICE, "events": [event(1, "ofd", 1, now)]});
    for (st, body) in [s.get("v1/orders", Some(&token)), s.get(&order, Some(&token)), s.post("v1/scan-events", Some(&token), batch.clone())] {
        assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
        refused(&body, "Self-Delivery");
    }
    s.seller(SELLER, true, "99 Brigade Road, Bengaluru 560025");
    let (st, body) = s.post("v1/scan-events", Some(&token), batch.clone());
    assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
    refused(&body, "GST registration");
    // Nothing of the refused batch was recorded; once the seller is ready the same session works.
    let (_, events) = s.get("v1/admin/events", Some(ADMIN));
    assert_eq!(events["events"].as_array().map(Vec::len), Some(0), "{events}");
    s.seller(SELLER, true, "12 Commercial Street, Bengaluru - 560001");
    assert_eq!(status(&s.push(&token, vec![event(1, "ofd", 1, now)])[0]), "accepted");
}

/// The server closes the day itself at 22:00: orders still out leave the DA's itinerary as the
/// phone records it, Undeliverable ones return to the seller's pool; what the phone sends later
/// (its own left-itinerary, a scan made before the close) is neither lost nor doubled.
#[test]
fn server_day_close_releases_orders_and_reconciles_the_phone() {
    let s = Server::start();
    let token = s.day();
    let morning = s.clock_now();
    let r = s.push(&token, vec![event(1, "ofd", 1, morning), event(2, "ofd", 2, morning), event(3, "ofd", 3, morning), event(4, "undeliverable", 3, morning)]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    // Before 22:00 nothing closes.
    s.clock.advance(Duration::hours(13) + Duration::minutes(59));
    assert_eq!(s.app.close_days().unwrap(), track_server::close::Closed::default());
    s.clock.advance(Duration::minutes(2));
    let closed = s.app.close_days().unwrap();
    assert_eq!((closed.left_itinerary, closed.returned_to_pool), (2, 1));
    assert_eq!(s.app.close_days().unwrap(), track_server::close::Closed::default(), "closing again changes nothing");
    let server_events = |n: u32| {
        let (_, list) = s.get(&format!("v1/admin/events?tracking_id={}", tracking(n)), Some(ADMIN));
        list["events"].as_array().unwrap().iter().filter(|e| e["device_id"] == "server").cloned().collect::<Vec<_>>()
    };
    assert_eq!(server_events(1).len(), 1);
    assert_eq!(server_events(1)[0]["kind"], "left-itinerary");
    let steps = |n: u32| {
        let (_, view) = s.get(&format!("v1/tracking/{}", tracking(n)), None);
        view["timeline"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(steps(1), ["shipped", "out-for-delivery", "delayed"]);
    // The phone was offline: its delivery of order 2 at 21:30 and its own close of order 1 at
    // 22:00 arrive after the server's close.
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let r = s.push(&token, vec![event(5, "delivered", 2, india("2026-11-23", "21:30:00")), event(6, "left-itinerary", 1, india("2026-11-23", "22:00:00"))]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    assert_eq!(steps(2), ["shipped", "out-for-delivery", "delivered"]);
    assert!(server_events(2).is_empty(), "the delivery replaced the server's close");
    assert_eq!(steps(1), ["shipped", "out-for-delivery", "delayed"], "one delayed step, not two");
    assert!(server_events(1).is_empty(), "the phone's own close replaced the server's");
    // The next morning another of the seller's DAs takes out the released and the undeliverable order.
    s.clock.advance(Duration::hours(11));
    s.register(SELLER, "+91 98450 54321");
    assert_eq!(s.account("+91 98450 54321", None, SELLER).0, StatusCode::CREATED);
    let other = s.login("9845054321", SELLER).1["token"].as_str().unwrap().to_string();
    let next = s.clock_now();
    let (st, body) = s.post(
        "v1/scan-events",
        Some(&other),
        json!({"device_id": "6f1c5a9e-0000-4000-8000-000000000002", "events": [event(1, "ofd", 1, next), event(2, "ofd", 3, next)]}),
    );
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body["results"].as_array().unwrap().iter().all(|x| status(x) == "accepted"), "{body}");
}

/// The close of the day takes its time when it starts, and another server process's clock may be
/// behind this one's: a scan that reached the server while the close ran (here the DA's second
/// attempt at an Undeliverable order, made before 22:00) must still sort before the close event,
/// so the phone's delivery made before the close and synced after it reopens the order.
#[test]
fn server_day_close_sorts_after_a_scan_received_while_it_ran() {
    let s = Server::start();
    let token = s.day();
    let morning = s.clock_now();
    let r = s.push(&token, vec![event(1, "ofd", 1, morning), event(2, "undeliverable", 1, morning + Duration::minutes(5))]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    // The second attempt, scanned at 21:50, reaches the server at 22:00:05 ...
    s.clock.set(india("2026-11-23", "22:00:05"));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let r = s.send_batch(&token, vec![event(3, "ofd", 1, india("2026-11-23", "21:50:00"))]);
    assert_eq!(status(&r[0]), "accepted", "{r:?}");
    // ... and the close runs on a clock four seconds behind.
    s.clock.set(india("2026-11-23", "22:00:01"));
    let closed = s.app.close_days().unwrap();
    assert_eq!((closed.left_itinerary, closed.returned_to_pool), (1, 0));
    // The delivery at 21:55 arrives later: it replaces the server's close.
    s.clock.set(india("2026-11-23", "22:10:00"));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let r = s.send_batch(&token, vec![event(4, "delivered", 1, india("2026-11-23", "21:55:00"))]);
    assert_eq!(status(&r[0]), "accepted", "{r:?}");
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(1)), None);
    let steps: Vec<&str> = view["timeline"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
    assert_eq!(steps.last(), Some(&"delivered"), "{view}");
}

/// Times the server can trust: a device clock far ahead of the server's, a scan before the order
/// shipped and a scan outside working hours (which the phone never sends; a modified client
/// might) are refused with a reason; the close of the day is not a scan and is timed 22:00.
#[test]
fn device_times_ahead_before_shipment_or_outside_hours_refused() {
    let s = Server::start();
    let token = s.day();
    s.clock.set(india("2026-11-23", "12:00:00"));
    let now = s.clock_now();
    // Sent as is (not through `push`, which moves the server's clock on to the batch).
    let send = |events: Vec<Value>| s.send_batch(&token, events);
    let r = send(vec![event(1, "ofd", 1, now + Duration::minutes(11)), event(2, "ofd", 2, now + Duration::minutes(9))]);
    assert_eq!((status(&r[0]), r[0]["code"].as_str()), ("rejected", Some("ahead_of_server_clock")), "{r:?}");
    assert!(r[0]["message"].as_str().unwrap().contains("10 minutes ahead"), "{}", r[0]);
    assert_eq!(status(&r[1]), "accepted", "a little drift is fine");
    // The orders shipped at 08:00.
    let r = send(vec![event(3, "ofd", 1, india("2026-11-23", "07:59:00"))]);
    assert_eq!(r[0]["code"], "before_shipment", "{r:?}");
    // Working hours (06:00 to 22:00 local): the issue's Delivered at 23:30, and an OFD at 05:00 of the next day.
    s.clock.set(india("2026-11-24", "06:00:00"));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let send = |events: Vec<Value>| s.send_batch(&token, events);
    let r = send(vec![event(4, "delivered", 2, india("2026-11-23", "23:30:00")), event(5, "ofd", 3, india("2026-11-24", "05:00:00"))]);
    for x in &r {
        assert_eq!((status(x), x["code"].as_str()), ("rejected", Some("outside_working_hours")), "{r:?}");
        assert!(x["message"].as_str().unwrap().contains("22:00"), "{x}");
    }
    // The phone's close of the day at 22:00 is not a scan: accepted.
    let r = send(vec![event(6, "left-itinerary", 2, india("2026-11-23", "22:00:00"))]);
    assert_eq!(status(&r[0]), "accepted", "{r:?}");
    // Each stored event keeps the device's time and the server's receive time.
    let (_, list) = s.get(&format!("v1/admin/events?tracking_id={}", tracking(2)), Some(ADMIN));
    let stored: Vec<(&str, &str)> = list["events"].as_array().unwrap().iter().map(|e| (e["kind"].as_str().unwrap(), e["received_at"].as_str().unwrap())).collect();
    assert_eq!(stored.len(), 3, "{list}");
    assert!(stored.iter().all(|(_, received)| !received.is_empty()));
}

/// A location's fix time is bounded like the event's own time (not ahead of the server's clock,
/// close to its scan) and stored with the accepted event, with the location.
#[test]
fn location_fix_times_bounded_and_stored() {
    let s = Server::start();
    let token = s.day();
    s.clock.set(india("2026-11-23", "12:00:00"));
    let now = s.clock_now();
    let send = |events: Vec<Value>| s.send_batch(&token, events);
    let located = |seq: i64, n: u32, at: DateTime<Utc>, fix: DateTime<Utc>| {
        let mut e = event(seq, "ofd", n, at);
        e["location"] = json!({"latitude": 12.97, "longitude": 77.64, "accuracy_m": 8.0, "fix_time_ms": fix.timestamp_millis()});
        e
    };
    let r = send(vec![
        // Ahead of the server's clock (the event's own time is fine).
        located(1, 1, now + Duration::minutes(5), now + Duration::minutes(11)),
        // Long after its scan, and long before it.
        located(2, 1, now - Duration::hours(1), now - Duration::minutes(49)),
        located(3, 1, now, now - Duration::hours(25)),
        // A fix half a minute before the scan.
        located(4, 2, now, now - Duration::seconds(30)),
    ]);
    let got: Vec<(&str, Option<&str>)> = r.iter().map(|x| (status(x), x["code"].as_str())).collect();
    assert_eq!(
        got,
        [("rejected", Some("invalid_location")), ("rejected", Some("invalid_location")), ("rejected", Some("invalid_location")), ("accepted", None)],
        "{r:?}"
    );
    assert!(r[0]["message"].as_str().unwrap().contains("ahead of the server's clock"), "{}", r[0]);
    // Read through the server's own store: the same on SQLite and PostgreSQL.
    let stored: (f64, f64, f64, i64) = s
        .app
        .store()
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT latitude, longitude, accuracy_m, location_fix_ms FROM events WHERE tracking_id = ?1 AND outcome = 'accepted'",
                track_server::args![tracking(2)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?)
        })
        .unwrap();
    assert_eq!(stored, (12.97, 77.64, 8.0, (now - Duration::seconds(30)).timestamp_millis()));
    // Without a fix time (an older phone): accepted, the location stored without one.
    let mut e = event(5, "ofd", 3, now);
    e["location"] = json!({"latitude": 12.0, "longitude": 77.0, "accuracy_m": 3.0});
    assert_eq!(status(&send(vec![e])[0]), "accepted");
    let stored: (f64, Option<i64>) = s
        .app
        .store()
        .read(|tx| {
            Ok(tx.query_row("SELECT latitude, location_fix_ms FROM events WHERE tracking_id = ?1", track_server::args![tracking(3)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?)
        })
        .unwrap();
    assert_eq!(stored, (12.0, None));
}

#[test]
fn tokens_wrong_expired_or_revoked_are_401() {
    let s = Server::start();
    let token = s.day();
    assert_eq!(s.get("v1/orders", Some(&token)).0, StatusCode::OK);
    for bad in [None, Some("nonsense"), Some(ADMIN)] {
        let (st, body) = s.get("v1/orders", bad);
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{body}");
        assert!(body["error"]["message"].as_str().unwrap().contains("log in"), "{body}");
    }
    // DA tokens do not open the admin endpoints.
    assert_eq!(s.get("v1/admin/events", Some(&token)).0, StatusCode::UNAUTHORIZED);
    s.clock.advance(Duration::hours(13));
    let (st, body) = s.get("v1/orders", Some(&token));
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert!(body["error"]["message"].as_str().unwrap().contains("expired"), "{body}");
    let fresh = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    assert_eq!(s.send(reqwest::Method::DELETE, "v1/sessions", Some(&fresh), None).0, StatusCode::OK);
    let (st, body) = s.get("v1/orders", Some(&fresh));
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    assert!(body["error"]["message"].as_str().unwrap().contains("revoked"), "{body}");
}

#[test]
fn malformed_oversized_and_unknown_fields_are_clear_4xx() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    let (st, body) = s.post_raw("v1/scan-events", Some(&token), "{not json");
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "malformed_body");
    let mut e = event(1, "ofd", 1, now);
    e["surprise"] = json!(true);
    let (st, body) = s.post("v1/scan-events", Some(&token), json!({"device_id": DEVICE, "events": [e]}));
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(body["error"]["message"].as_str().unwrap().contains("surprise"), "{body}");
    let (st, _) = s.post("v1/scan-events", Some(&token), json!({"device_id": "not-a-uuid", "events": []}));
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = s.post("v1/scan-events", Some(&token), json!({"device_id": DEVICE, "events": [{"kind": "teleported"}]}));
    assert_eq!(st, StatusCode::BAD_REQUEST);
    // More events than a batch may hold.
    let many: Vec<Value> = (0..501).map(|i| event(i, "ofd", 1, now)).collect();
    let (st, body) = s.post("v1/scan-events", Some(&token), json!({"device_id": DEVICE, "events": many}));
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    // A body over the byte limit.
    let huge = format!("{{\"device_id\": \"{DEVICE}\", \"events\": [], \"pad\": \"{}\"}}", "x".repeat(300 * 1024));
    let (st, _) = s.post_raw("v1/scan-events", Some(&token), &huge);
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE);
    // Unknown endpoints answer JSON; the server still serves.
    let (st, body) = s.get("v1/nothing-here", None);
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(body["error"]["message"].is_string());
    assert_eq!(s.push(&token, vec![event(1, "ofd", 1, now)]).len(), 1);
}

impl Server {
    fn clock_now(&self) -> DateTime<Utc> {
        use track_core::Clock;
        self.clock.now()
    }
}

#[test]
fn order_rules_on_scan_events() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    let r = s.push(&token, vec![
        event(1, "ofd", 4, now),            // FBA
        event(2, "delivered", 1, now),      // not out for delivery
        event(3, "ofd", 99, now),           // unknown order
        event(4, "ofd", 1, now),
        event(5, "ofd", 1, now),            // already out
    ]);
    assert_eq!(status(&r[0]), "rejected");
    assert_eq!(r[0]["code"], "not_self_delivery");
    assert!(r[0]["message"].as_str().unwrap().contains("FBA"), "{}", r[0]);
    assert_eq!((status(&r[1]), r[1]["code"].as_str()), ("rejected", Some("invalid_transition")));
    assert_eq!((status(&r[2]), r[2]["code"].as_str()), ("rejected", Some("unknown_order")));
    assert_eq!(status(&r[3]), "accepted");
    assert_eq!((status(&r[4]), r[4]["code"].as_str()), ("rejected", Some("invalid_transition")));
    // A rejection is final; an Undeliverable needs a known reason.
    let mut bad_reason = event(6, "undeliverable", 1, now);
    bad_reason["reason"] = json!("dog ate it");
    let r = s.push(&token, vec![bad_reason, event(7, "rejected", 1, now), event(8, "ofd", 1, now)]);
    assert_eq!(r[0]["code"], "invalid_reason");
    assert_eq!(status(&r[1]), "accepted");
    assert_eq!(r[2]["code"], "invalid_transition");
    assert!(r[2]["message"].as_str().unwrap().contains("returning to the seller"));
}

#[test]
fn duplicates_days_later_get_the_first_answer() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    let ofd = event(1, "ofd", 2, now);
    let fba = event(2, "ofd", 4, now);
    let first = s.push(&token, vec![ofd.clone(), fba.clone()]);
    assert_eq!(status(&first[0]), "accepted");
    s.clock.advance(Duration::days(9));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let again = s.push(&token, vec![ofd, fba]);
    assert_eq!(status(&again[0]), "duplicate");
    assert_eq!(again[0]["received_at"], first[0]["received_at"], "the first receive time");
    assert_eq!(status(&again[1]), "rejected");
    assert_eq!(again[1]["message"], first[1]["message"]);
    let (_, events) = s.get("v1/admin/events", Some(ADMIN));
    assert_eq!(events["events"].as_array().unwrap().len(), 2, "recorded once each");
}

#[test]
fn events_of_an_order_follow_the_device_sequence_not_its_clock() {
    let s = Server::start();
    let token = s.day();
    s.clock.advance(Duration::hours(5));
    let now = s.clock_now();
    // The device clock jumped back between the scans (to just after the order shipped): the
    // sequence still orders them.
    let r = s.push(&token, vec![event(10, "ofd", 3, now), event(11, "undeliverable", 3, now - Duration::hours(4) - Duration::minutes(30))]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    // A replay of an older sequence number for the same order is refused.
    let r = s.push(&token, vec![event(9, "delivered", 3, now)]);
    assert_eq!(r[0]["code"], "out_of_order");
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(3)), None);
    let steps: Vec<&str> = view["timeline"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
    assert_eq!(steps, ["shipped", "out-for-delivery", "undeliverable"]);
}

#[test]
fn notifications_are_held_outside_working_hours() {
    let s = Server::start_at(india("2026-11-22", "08:00:00"));
    s.day();
    s.clock.set(india("2026-11-23", "05:59:00"));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let now = s.clock_now();
    // The DA's phone synced a late evening's scans at 05:59.
    let r = s.push(&token, vec![event(1, "ofd", 1, now - Duration::hours(9)), event(2, "delivered", 1, now - Duration::hours(8) - Duration::minutes(30))]);
    assert!(r.iter().all(|x| status(x) == "accepted"));
    let (_, due) = s.post("v1/admin/notifications/take", Some(ADMIN), json!({}));
    assert_eq!(due["notifications"].as_array().unwrap().len(), 0, "{due}");
    s.clock.advance(Duration::minutes(1));
    let (_, due) = s.post("v1/admin/notifications/take", Some(ADMIN), json!({}));
    let kinds: Vec<&str> = due["notifications"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["ofd", "delivered"]);
    let (_, due) = s.post("v1/admin/notifications/take", Some(ADMIN), json!({}));
    assert_eq!(due["notifications"].as_array().unwrap().len(), 0, "sent once");
}

#[test]
fn protection_tracking_view_shows_status_and_times_never_contact_details() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(1)), None);
    assert_eq!(view["status"], "shipped");
    s.push(&token, vec![event(1, "ofd", 1, now), event(2, "ofd", 2, now), event(3, "undeliverable", 2, now + Duration::hours(1))]);
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(1)), None);
    assert_eq!(view["status"], "arriving-today");
    let mut pod = event(4, "delivered", 1, now + Duration::hours(2));
    pod["pod_photo"] = json!("pod/2026-11-23/1.jpg");
    s.push(&token, vec![pod]);
    let (st, view) = s.get(&format!("v1/tracking/{}", tracking(1)), None);
    assert_eq!(st, StatusCode::OK);
    assert_eq!(view["status"], "delivered");
    let last = view["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["recipient"], "neighbour");
    assert_eq!(last["pod_photo"], "pod/2026-11-23/1.jpg");
    let text = view.to_string();
    for secret in ["Secret Lane", "99000", "Customer 1", "Mr Iyer"] {
        assert!(!text.contains(secret), "the tracking view leaks {secret:?}: {text}");
    }
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(2)), None);
    assert_eq!(view["status"], "undeliverable");
    assert_eq!(view["timeline"][2]["reason"], "customer-not-available");
    assert_eq!(view["timeline"][2]["next_attempt"], "2026-11-24");
    // The next day, an order still out is delayed.
    s.push(&token, vec![event(5, "ofd", 3, now)]);
    s.clock.advance(Duration::days(1));
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(3)), None);
    assert_eq!(view["status"], "delayed");
    assert_eq!(s.get("v1/tracking/EK000000404IN", None).0, StatusCode::NOT_FOUND);
    assert_eq!(s.get("v1/tracking/%3Cscript%3E", None).0, StatusCode::BAD_REQUEST);
}

#[test]
fn protection_cross_seller_access_refused_orders_for_the_itinerary_are_the_sellers_own() {
    let s = Server::start();
    let token = s.day();
    let (_, list) = s.get("v1/orders", Some(&token));
    let ids: Vec<&str> = list["orders"].as_array().unwrap().iter().map(|o| o["tracking_id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 4);
    let (st, order) = s.get(&format!("v1/orders/{}", tracking(2)), Some(&token));
    assert_eq!(st, StatusCode::OK);
    assert_eq!(order["customer"]["address"], "2 Secret Lane, Bengaluru");
    // Another seller's order is not found for this DA.
    s.seller("other", true, "12 Commercial Street, Bengaluru 560001");
    let (st, _) = s.post("v1/admin/orders", Some(ADMIN), json!({"orders": [order_json(50, "other", "self-delivery")]}));
    assert_eq!(st, StatusCode::OK);
    assert_eq!(s.get(&format!("v1/orders/{}", tracking(50)), Some(&token)).0, StatusCode::NOT_FOUND);
    let r = s.push(&token, vec![event(1, "ofd", 50, s.clock_now())]);
    assert_eq!(r[0]["code"], "unknown_order");
}

#[test]
fn seller_metrics_same_day_rate_and_valid_tracking_rate() {
    let s = Server::start();
    s.day();
    let t = |h: &str| india("2026-11-23", h);
    // The DA's phone syncs the day's scans at the close (a fresh session).
    s.clock.set(t("22:00:00"));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    s.push(&token, vec![
        event(1, "ofd", 1, t("09:00:00")),
        event(2, "ofd", 2, t("09:00:00")),
        event(3, "ofd", 3, t("09:00:00")),
        event(4, "delivered", 1, t("11:00:00")),
        event(5, "undeliverable", 2, t("21:59:00")),
        // Not delivered by the close: a workflow, but not a same-day one.
        event(6, "left-itinerary", 3, t("22:00:00")),
    ]);
    // One shipment without a tracking ID counts against the Valid Tracking Rate.
    let mut untracked = order_json(60, SELLER, "self-delivery");
    untracked.as_object_mut().unwrap().remove("tracking_id");
    untracked["order_id"] = json!(order_id(60));
    // And one whose tracking ID fails India Post's check digit.
    let mut mistyped = order_json(61, SELLER, "self-delivery");
    let good = tracking(61);
    let wrong_check = (good.as_bytes()[10] - b'0' + 1) % 10;
    mistyped["tracking_id"] = json!(format!("{}{}IN", &good[..10], wrong_check));
    let (st, body) = s.post("v1/admin/orders", Some(ADMIN), json!({"orders": [untracked, mistyped]}));
    assert_eq!(st, StatusCode::OK, "{body}");
    let (st, m) = s.get(&format!("v1/sellers/{SELLER}/metrics"), Some(&token));
    assert_eq!(st, StatusCode::OK, "{m}");
    assert_eq!((m["workflows"].as_u64(), m["same_day_workflows"].as_u64()), (Some(3), Some(2)));
    // The FBA order (4) is Amazon's to track: it does not count (track_core::tracking::vtr).
    assert_eq!((m["shipments"].as_u64(), m["valid_tracking"].as_u64()), (Some(5), Some(3)));
    assert_eq!(m["valid_tracking_rate"].as_f64(), Some(3.0 / 5.0));
    assert_eq!(m["valid_tracking_at_risk"], true);
    s.seller("other", true, "12 Commercial Street, Bengaluru 560001");
    assert_eq!(s.get("v1/sellers/other/metrics", Some(&token)).0, StatusCode::FORBIDDEN);
}

#[test]
fn openapi_document_lists_every_route() {
    let s = Server::start();
    let (st, doc) = s.get("v1/openapi.json", None);
    assert_eq!(st, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    for route in [
        "/v1/accounts", "/v1/sessions", "/v1/orders", "/v1/orders/{tracking_id}", "/v1/scan-events", "/v1/tracking/{tracking_id}",
        "/v1/sellers/{seller_id}/metrics", "/v1/openapi.json", "/v1/admin/sellers", "/v1/admin/orders", "/v1/admin/events",
        "/v1/admin/notifications/take",
    ] {
        assert!(paths.contains_key(route), "{route} missing from docs/openapi.json");
    }
    // And every route the router serves is in it: the source of the router names them.
    let router_src = include_str!("../src/routes.rs");
    for line in router_src.lines().filter(|l| l.trim_start().starts_with(".route(\"")) {
        let route = line.split('"').nth(1).unwrap();
        assert!(paths.contains_key(route), "{route} is served but not documented");
    }
}

#[test]
fn admin_endpoints_need_the_admin_token() {
    let s = Server::start();
    let (st, _) = s.post("v1/admin/sellers", None, json!({}));
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, _) = s.post("v1/admin/sellers", Some("guess"), json!({}));
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, body) = s.post("v1/admin/orders", Some(ADMIN), json!({"orders": [order_json(1, "nobody", "self-delivery")]}));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]["message"].as_str().unwrap().contains("no seller"), "{body}");
}

#[test]
fn protection_cross_da_access_refused() {
    let s = Server::start();
    let token = s.day();
    // A DA of another seller.
    s.seller("other", true, "12 Commercial Street, Bengaluru 560001");
    s.register("other", "9845099999");
    s.account("9845099999", None, "other");
    let other = s.login("9845099999", "other").1["token"].as_str().unwrap().to_string();
    assert_eq!(s.get(&format!("v1/orders/{}", tracking(1)), Some(&other)).0, StatusCode::NOT_FOUND);
    let (_, list) = s.get("v1/orders", Some(&other));
    assert_eq!(list["orders"].as_array().unwrap().len(), 0);
    assert_eq!(s.get(&format!("v1/sellers/{SELLER}/metrics"), Some(&other)).0, StatusCode::FORBIDDEN);
    let now = s.clock_now();
    let r = s.push(&other, vec![event(1, "ofd", 1, now)]);
    assert_eq!(r[0]["code"], "unknown_order", "another seller's DA cannot scan this order");
    // Nor replay this DA's event IDs.
    let mine = event(2, "ofd", 2, now);
    assert_eq!(status(&s.push(&token, vec![mine.clone()])[0]), "accepted");
    let theirs = s.push(&other, vec![mine]);
    assert_eq!(theirs[0]["code"], "event_id_taken");

    // A second DA of the same seller: the first DA's itinerary is not theirs.
    s.register(SELLER, "9845088888");
    s.account("9845088888", None, SELLER);
    let colleague = s.login("9845088888", SELLER).1["token"].as_str().unwrap().to_string();
    assert_eq!(s.get(&format!("v1/orders/{}", tracking(2)), Some(&colleague)).0, StatusCode::NOT_FOUND);
    let (_, list) = s.get("v1/orders", Some(&colleague));
    assert!(!list["orders"].as_array().unwrap().iter().any(|o| o["tracking_id"] == tracking(2).as_str()), "{list}");
    let device2 = "6f1c5a9e-0000-4000-8000-000000000002";
    let (_, r) = s.post("v1/scan-events", Some(&colleague), json!({"device_id": device2, "events": [event(1, "delivered", 2, now)]}));
    assert_eq!(r["results"][0]["code"], "not_on_your_itinerary", "{r}");
    // Orders not out with anyone are the seller's pool.
    assert_eq!(s.get(&format!("v1/orders/{}", tracking(3)), Some(&colleague)).0, StatusCode::OK);
    // The first DA still delivers it.
    assert_eq!(status(&s.push(&token, vec![event(3, "delivered", 2, now)])[0]), "accepted");
}

#[test]
fn protection_login_rate_limited_per_account_and_address() {
    let s = Server::start();
    s.day();
    let attempt = |login: &str, password: &str| s.post("v1/sessions", None, json!({"login": login, "password": password, "seller_id": SELLER}));
    for _ in 0..3 {
        assert_eq!(attempt("9845012345", "wrong password").0, StatusCode::UNAUTHORIZED);
    }
    // Slowed down: the next attempt must wait, even with the right password.
    let resp = s.http.post(format!("{}v1/sessions", s.url)).json(&json!({"login": "9845012345", "password": PASSWORD, "seller_id": SELLER})).send().unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()["retry-after"], "1");
    // Waiting out each delay, failures go on until the account locks.
    for _ in 0..5 {
        s.clock.advance(Duration::minutes(2));
        assert_eq!(attempt("9845012345", "wrong password").0, StatusCode::UNAUTHORIZED);
    }
    s.clock.advance(Duration::minutes(3));
    let (st, body) = attempt("+91 98450 12345", PASSWORD);
    assert_eq!(st, StatusCode::TOO_MANY_REQUESTS);
    assert!(body["error"]["message"].as_str().unwrap().contains("locked"), "{body}");
    // The lock ends; a success clears the count.
    s.clock.advance(Duration::minutes(15));
    assert_eq!(attempt("9845012345", PASSWORD).0, StatusCode::OK);
    assert_eq!(attempt("9845012345", "wrong password").0, StatusCode::UNAUTHORIZED);
    // One address trying many accounts is locked too.
    for n in 0..30 {
        s.clock.advance(Duration::minutes(2));
        let (st, _) = attempt(&format!("98450{n:05}"), "guess");
        assert!(st == StatusCode::UNAUTHORIZED || st == StatusCode::TOO_MANY_REQUESTS, "{st}");
    }
    s.clock.advance(Duration::minutes(2));
    assert_eq!(attempt("9845012345", PASSWORD).0, StatusCode::TOO_MANY_REQUESTS, "the address is locked");
}

/// Random bodies, valid batches mutated field by field, random bytes: the event endpoint answers
/// 4xx (or 200 for what happens to be valid), never a 5xx, and keeps serving.
#[test]
fn protection_fuzzed_event_endpoint_never_5xx() {
    let s = Server::start();
    let token = s.day();
    let seed = std::env::var("FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| fastrand::u64(..));
    eprintln!("FUZZ_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let now = s.clock_now();
    let weird = || -> Vec<Value> {
        vec![json!(null), json!(true), json!(-1), json!(1e308), json!(u64::MAX), json!(""), json!("\u{0}\u{202e}"), json!("x".repeat(10_000)), json!([]), json!({}), json!([[[[[[[[]]]]]]]])]
    };
    let mut statuses = std::collections::BTreeMap::new();
    for i in 0..400 {
        let body: Vec<u8> = match i % 4 {
            0 => (0..rng.usize(0..400)).map(|_| rng.u8(..)).collect(),
            1 => {
                let mut e = event(i as i64, ["ofd", "delivered", "undeliverable", "rejected", "left-itinerary"][rng.usize(0..5)], rng.u32(1..5), now);
                let keys: Vec<String> = e.as_object().unwrap().keys().cloned().collect();
                let k = &keys[rng.usize(0..keys.len())];
                let w = weird();
                if rng.bool() { e[k] = w[rng.usize(0..w.len())].clone(); } else { e.as_object_mut().unwrap().remove(k); }
                serde_json::to_vec(&json!({"device_id": DEVICE, "events": [e]})).unwrap()
            }
            2 => {
                let w = weird();
                serde_json::to_vec(&json!({"device_id": w[rng.usize(0..w.len())], "events": w[rng.usize(0..w.len())]})).unwrap()
            }
            _ => {
                let mut text = serde_json::to_string(&json!({"device_id": DEVICE, "events": [event(i as i64, "ofd", 1, now)]})).unwrap().into_bytes();
                let cut = rng.usize(0..text.len());
                if rng.bool() { text.truncate(cut); } else { text[cut] = rng.u8(..); }
                text
            }
        };
        let resp = s.http.post(format!("{}v1/scan-events", s.url)).bearer_auth(&token).header("content-type", "application/json").body(body).send().unwrap();
        let st = resp.status();
        assert!(st.is_client_error() || st == StatusCode::OK, "body #{i} (seed {seed}) got {st}");
        *statuses.entry(st.as_u16()).or_insert(0) += 1;
    }
    eprintln!("statuses: {statuses:?}");
    assert!(statuses.keys().any(|&k| k == 400), "{statuses:?}");
    // Still serving: a well-formed batch gets its answer (whatever the fuzzing did to the orders).
    let answer = s.push(&token, vec![event(10_000, "ofd", 3, now)]);
    assert!(matches!(status(&answer[0]), "accepted" | "rejected"), "{answer:?}");
}

// Issue 11: the holes a hostile user found (defects 3, 6, 7 and 8).

/// Every read a customer or a seller makes answers, and nothing answers 5xx.
fn assert_views_answer(s: &Server, token: &str, ns: &[u32]) {
    for n in ns {
        let (st, body) = s.get(&format!("v1/tracking/{}", tracking(*n)), None);
        assert_eq!(st, StatusCode::OK, "tracking of order {n}: {body}");
    }
    let (st, body) = s.get(&format!("v1/sellers/{SELLER}/metrics"), Some(token));
    assert_eq!(st, StatusCode::OK, "metrics: {body}");
    let (st, body) = s.get("v1/admin/events", Some(ADMIN));
    assert_eq!(st, StatusCode::OK, "admin events: {body}");
}

#[test]
fn hole_extreme_device_time_no_panic() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    let extreme = |seq: i64, n: u32, time: &str, offset: i64| {
        let mut e = event(seq, "ofd", n, now);
        e["device_time"] = json!(time);
        e["local_offset_s"] = json!(offset);
        e
    };
    let r = s.push(&token, vec![
        extreme(1, 1, "+262142-12-31T23:59:59Z", 19800),
        extreme(2, 2, "0001-01-01T00:00:00Z", 19800),
        extreme(3, 3, "1999-12-31T23:59:59Z", 19800),
        extreme(4, 3, "2101-01-01T00:00:00Z", 19800),
        extreme(5, 3, "2026-11-23T02:30:00Z", 14 * 3600 + 1),
        extreme(6, 3, "2026-11-23T02:30:00Z", -(i32::MAX as i64)),
    ]);
    let codes: Vec<(&str, &str)> = r.iter().map(|x| (status(x), x["code"].as_str().unwrap_or(""))).collect();
    assert_eq!(codes, [
        ("rejected", "time_out_of_range"),
        ("rejected", "time_out_of_range"),
        ("rejected", "time_out_of_range"),
        ("rejected", "time_out_of_range"),
        ("rejected", "local_offset_out_of_range"),
        ("rejected", "local_offset_out_of_range"),
    ]);
    assert!(r[0]["message"].as_str().unwrap().contains("262142"), "{}", r[0]);
    assert_views_answer(&s, &token, &[1, 2, 3]);
    // The bounds themselves are accepted, and the orders go on as usual.
    let r = s.push(&token, vec![extreme(7, 1, "2026-11-23T02:30:00Z", 14 * 3600), event(8, "ofd", 2, now)]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(2)), None);
    assert_eq!(view["status"], "arriving-today");
    assert_views_answer(&s, &token, &[1, 2, 3]);
}

#[test]
fn hole_extreme_time_already_stored_still_served() {
    // A database written before the bounds holds an accepted event timed at the end of chrono's
    // range: the day arithmetic is total, so the tracking view and the metrics still answer.
    let s = Server::start();
    let token = s.day();
    assert_eq!(status(&s.push(&token, vec![event(1, "ofd", 1, s.clock_now())])[0]), "accepted");
    let end: DateTime<Utc> = "+262142-12-31T23:59:59Z".parse().unwrap();
    s.app.store().write(|tx| Ok(tx.execute("UPDATE events SET device_time_ms = ?1", track_server::args![end.timestamp_millis()])?)).unwrap();
    assert_views_answer(&s, &token, &[1]);
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(1)), None);
    assert_eq!(view["timeline"].as_array().unwrap().len(), 2, "{view}");
}

#[test]
fn hole_same_event_id_other_content_is_conflict() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    let first = event(1, "ofd", 1, now);
    assert_eq!(status(&s.push(&token, vec![first.clone()])[0]), "accepted");
    // The same ID again: identical is a duplicate; another order, kind, device or time is a conflict.
    assert_eq!(status(&s.push(&token, vec![first.clone()])[0]), "duplicate");
    let mut other_order = event(2, "ofd", 2, now);
    other_order["event_id"] = first["event_id"].clone();
    let mut other_kind = event(2, "undeliverable", 1, now);
    other_kind["event_id"] = first["event_id"].clone();
    let mut later = first.clone();
    later["device_time"] = json!(now + Duration::minutes(5));
    let r = s.push(&token, vec![other_order, other_kind, later]);
    for x in &r {
        assert_eq!((status(x), x["code"].as_str()), ("conflict", Some("event_id_conflict")), "{x}");
        assert!(x["message"].as_str().unwrap().contains("not recorded"), "{x}");
    }
    let device2 = "6f1c5a9e-0000-4000-8000-000000000002";
    let (st, body) = s.post("v1/scan-events", Some(&token), json!({"device_id": device2, "events": [first.clone()]}));
    assert_eq!(st, StatusCode::OK);
    assert_eq!(status(&body["results"][0]), "conflict", "{body}");
    // Twice in one batch: the first is recorded, the second is a conflict, not a duplicate.
    let a = event(3, "ofd", 3, now);
    let mut b = event(4, "ofd", 2, now);
    b["event_id"] = a["event_id"].clone();
    let r = s.push(&token, vec![a.clone(), b]);
    assert_eq!((status(&r[0]), status(&r[1])), ("accepted", "conflict"));
    // A rejected event sent again with other content is a conflict too; unchanged, the same rejection.
    let fba = event(5, "ofd", 4, now);
    assert_eq!(status(&s.push(&token, vec![fba.clone()])[0]), "rejected");
    assert_eq!(status(&s.push(&token, vec![fba.clone()])[0]), "rejected");
    let mut fba2 = fba.clone();
    fba2["seq"] = json!(6);
    assert_eq!(status(&s.push(&token, vec![fba2])[0]), "conflict");
    // Nothing of the conflicting scans was recorded.
    let (_, events) = s.get("v1/admin/events", Some(ADMIN));
    assert_eq!(events["events"].as_array().unwrap().len(), 3, "{events}");
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(2)), None);
    assert_eq!(view["status"], "shipped");
}

#[test]
fn hole_lowercase_tracking_id_normalised() {
    let s = Server::start();
    let token = s.day();
    let t = |h: &str| india("2026-11-23", h);
    // The DA's app sent the ID lower-case and spaced.
    let sloppy = |seq: i64, kind: &str, at: DateTime<Utc>| {
        let mut e = event(seq, kind, 1, at);
        let id = tracking(1).to_lowercase();
        e["tracking_id"] = json!(format!(" {} {} ", &id[..5], &id[5..]));
        e
    };
    let r = s.push(&token, vec![sloppy(1, "ofd", t("09:00:00")), sloppy(3, "delivered", t("11:00:00"))]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    // The public timeline, by the ID as printed or as typed.
    for path in [tracking(1), tracking(1).to_lowercase()] {
        let (st, view) = s.get(&format!("v1/tracking/{path}"), None);
        assert_eq!(st, StatusCode::OK);
        assert_eq!(view["status"], "delivered", "{view}");
        assert_eq!(view["tracking_id"], tracking(1).as_str());
    }
    // The admin filter, either way.
    for filter in [tracking(1), tracking(1).to_lowercase()] {
        let (_, events) = s.get(&format!("v1/admin/events?tracking_id={filter}"), Some(ADMIN));
        assert_eq!(events["events"].as_array().unwrap().len(), 2, "{events}");
        assert!(events["events"].as_array().unwrap().iter().all(|e| e["tracking_id"] == tracking(1).as_str()));
    }
    // The metrics see the workflow.
    let (_, m) = s.get(&format!("v1/sellers/{SELLER}/metrics"), Some(&token));
    assert_eq!((m["workflows"].as_u64(), m["same_day_workflows"].as_u64()), (Some(1), Some(1)), "{m}");
    // The out-of-order check is not bypassed by another spelling.
    let r = s.push(&token, vec![event(2, "undeliverable", 1, t("10:00:00"))]);
    assert_eq!(r[0]["code"], "out_of_order", "{r:?}");
    // What does not normalise is refused with a typed error, everywhere.
    let mut bad = event(4, "ofd", 2, t("09:00:00"));
    bad["tracking_id"] = json!("ek;000000025in");
    assert_eq!(s.push(&token, vec![bad])[0]["code"], "invalid_tracking_id");
    let (st, body) = s.get("v1/admin/events?tracking_id=ek%3B1", Some(ADMIN));
    assert_eq!((st, body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_tracking_id")));
    let (st, body) = s.get("v1/tracking/ek%3B000000015in", None);
    assert_eq!((st, body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_tracking_id")));
    assert_eq!(s.get(&format!("v1/orders/{}", tracking(2).to_lowercase()), Some(&token)).0, StatusCode::OK);
    // Orders seeded with a sloppy ID are stored normalised.
    let mut o = order_json(70, SELLER, "self-delivery");
    o["tracking_id"] = json!(tracking(70).to_lowercase());
    assert_eq!(s.post("v1/admin/orders", Some(ADMIN), json!({"orders": [o]})).0, StatusCode::OK);
    assert_eq!(s.get(&format!("v1/orders/{}", tracking(70)), Some(&token)).1["tracking_id"], tracking(70).as_str());
}

#[test]
fn hole_undeliverable_attempts_capped() {
    let s = Server::start();
    s.day();
    s.clock.set(india("2026-11-23", "21:00:00"));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let t = |d: &str, h: &str| india(d, h);
    // 1 OFD and 5 Undeliverable: the fourth and fifth are refused.
    let mut batch = vec![event(1, "ofd", 1, t("2026-11-23", "09:00:00"))];
    batch.extend((2..=6).map(|seq| event(seq, "undeliverable", 1, t("2026-11-23", &format!("1{seq}:00:00")))));
    let r = s.push(&token, batch);
    let statuses: Vec<&str> = r.iter().map(status).collect();
    assert_eq!(statuses, ["accepted", "accepted", "accepted", "accepted", "rejected", "rejected"]);
    assert_eq!(r[4]["code"], "attempts_exhausted");
    assert!(r[4]["message"].as_str().unwrap().contains('3'), "{}", r[4]);
    // Not by a Delivered either, nor by going out again that day.
    let r = s.push(&token, vec![event(7, "delivered", 1, t("2026-11-23", "18:00:00"))]);
    assert_eq!(r[0]["code"], "attempts_exhausted");
    // Out for Delivery scans that day are capped alike (Undeliverable -> OFD -> ... cycles).
    let r = s.push(&token, vec![event(8, "ofd", 2, t("2026-11-23", "09:00:00")), event(9, "undeliverable", 2, t("2026-11-23", "09:10:00")),
        event(10, "ofd", 2, t("2026-11-23", "09:20:00")), event(11, "undeliverable", 2, t("2026-11-23", "09:30:00")),
        event(12, "ofd", 2, t("2026-11-23", "09:40:00")), event(13, "undeliverable", 2, t("2026-11-23", "09:50:00")),
        event(14, "ofd", 2, t("2026-11-23", "10:00:00"))]);
    assert_eq!(r[6]["code"], "attempts_exhausted", "{r:?}");
    // The next local day the order may be attempted again.
    s.clock.set(india("2026-11-24", "10:30:00"));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let r = s.push(&token, vec![event(15, "ofd", 1, t("2026-11-24", "09:00:00")), event(16, "delivered", 1, t("2026-11-24", "10:00:00"))]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
}

#[test]
fn hole_one_undeliverable_notification_per_day() {
    let s = Server::start();
    let token = s.day();
    s.clock.advance(Duration::hours(2));
    let now = s.clock_now();
    let r = s.push(&token, vec![event(1, "ofd", 1, now - Duration::hours(1)), event(2, "undeliverable", 1, now - Duration::minutes(30)), event(3, "undeliverable", 1, now)]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    s.clock.advance(Duration::hours(2));
    let r = s.push(&token, vec![event(4, "undeliverable", 1, s.clock_now())]);
    assert_eq!(status(&r[0]), "accepted");
    let (_, due) = s.post("v1/admin/notifications/take", Some(ADMIN), json!({}));
    let kinds: Vec<&str> = due["notifications"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["ofd", "undeliverable"], "one undeliverable notification that day");
    // The next day, the next attempt's outcome is told again.
    s.clock.advance(Duration::days(1));
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    let next = s.clock_now();
    let r = s.push(&token, vec![event(5, "ofd", 1, next), event(6, "undeliverable", 1, next)]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    let (_, due) = s.post("v1/admin/notifications/take", Some(ADMIN), json!({}));
    let kinds: Vec<&str> = due["notifications"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["ofd", "undeliverable"]);
}

/// Issue 11, defect 1: anyone could create an account for any seller's ID and read its customers'
/// details and mark parcels delivered. Now the seller registers its DAs' phones: an account it
/// has not registered logs in but is refused every order and event endpoint; an unknown seller
/// and a taken phone answer a stranger exactly as a fresh enrolment does; the seller's removal of
/// a DA ends its sessions.
#[test]
fn hole_enrol_as_any_sellers_da_refused() {
    let s = Server::start();
    let ravi = s.day();
    let now = s.clock_now();
    let refused = |(st, body): (StatusCode, Value)| -> Value {
        assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body["error"]["code"], "not_registered_with_seller", "{body}");
        body
    };
    // A stranger enrols with a phone the seller never registered: the account exists and logs in.
    let (created_st, created) = s.account("9845077777", None, SELLER);
    assert_eq!(created_st, StatusCode::CREATED, "{created}");
    let (st, session) = s.login("9845077777", SELLER);
    assert_eq!(st, StatusCode::OK, "{session}");
    let stranger = session["token"].as_str().unwrap().to_string();
    // ... and sees no order, records nothing.
    let answer = refused(s.get("v1/orders", Some(&stranger)));
    refused(s.get(&format!("v1/orders/{}", tracking(1)), Some(&stranger)));
    refused(s.post("v1/scan-events", Some(&stranger), json!({"device_id": DEVICE, "events": [event(1, "ofd", 1, now), event(2, "delivered", 1, now)]})));
    refused(s.get(&format!("v1/sellers/{SELLER}/metrics"), Some(&stranger)));
    assert!(!answer.to_string().contains("Secret Lane"), "{answer}");
    assert_eq!(s.get(&format!("v1/tracking/{}", tracking(1)), None).1["status"], "shipped");
    assert_eq!(s.get("v1/admin/events", Some(ADMIN)).1["events"].as_array().unwrap().len(), 0);

    // An unknown seller: the same answers, status and body, all the way.
    let (st, body) = s.account("9845066666", None, "no-such-seller");
    assert_eq!(st, created_st, "{body}");
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&body), keys(&created));
    assert_eq!(body["da_id"].as_str().unwrap().len(), created["da_id"].as_str().unwrap().len());
    let (st, session) = s.login("9845066666", "no-such-seller");
    assert_eq!(st, StatusCode::OK, "{session}");
    let nobodys = session["token"].as_str().unwrap().to_string();
    assert_eq!(refused(s.get("v1/orders", Some(&nobodys))), answer);
    assert_eq!(s.get(&format!("v1/orders/{}", tracking(1)), Some(&nobodys)), s.get(&format!("v1/orders/{}", tracking(1)), Some(&stranger)));

    // A taken phone or e-mail address: a stranger hears what a new account hears; the owner (the
    // right password) is told to log in instead.
    for (phone, email) in [("98450 12345", None), ("9845055555", Some("RAVI@example.in"))] {
        let (st, body) = s.post("v1/accounts", None, json!({"name": "Mallory", "phone": phone, "email": email, "password": "not ravis password", "seller_id": SELLER}));
        assert_eq!(st, created_st, "{body}");
        assert_eq!(keys(&body), keys(&created));
    }
    assert_eq!(s.login("9845012345", SELLER).0, StatusCode::OK, "Ravi's account is untouched");
    assert_eq!(s.account("09845012345", None, SELLER).0, StatusCode::CONFLICT);

    // Only the seller (the admin token) registers DAs.
    for bad in [None, Some(ravi.as_str()), Some(stranger.as_str()), Some("guess")] {
        let (st, body) = s.post(&format!("v1/sellers/{SELLER}/das"), bad, json!({"phone": "9845077777"}));
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{body}");
    }
    refused(s.get("v1/orders", Some(&stranger)));
    // Registered, the DA's session sees the seller's orders.
    s.register(SELLER, "+91 98450 77777");
    assert_eq!(s.get("v1/orders", Some(&stranger)).0, StatusCode::OK);
    let (_, roster) = s.get(&format!("v1/sellers/{SELLER}/das"), Some(ADMIN));
    assert_eq!(roster["phones"], json!(["+919845012345", "+919845077777"]), "{roster}");
    // Removed: its sessions end, and logging in again sees nothing.
    let (st, removed) = s.send(reqwest::Method::DELETE, &format!("v1/sellers/{SELLER}/das/+919845077777"), Some(ADMIN), None);
    assert_eq!(st, StatusCode::OK, "{removed}");
    assert_eq!((removed["removed"].as_bool(), removed["sessions_ended"].as_u64()), (Some(true), Some(1)), "{removed}");
    let (st, body) = s.get("v1/orders", Some(&stranger));
    assert_eq!(st, StatusCode::UNAUTHORIZED, "{body}");
    let again = s.login("9845077777", SELLER).1["token"].as_str().unwrap().to_string();
    refused(s.get("v1/orders", Some(&again)));
    // The seller's registered DA works on.
    assert_eq!(s.get("v1/orders", Some(&ravi)).0, StatusCode::OK);
    assert_eq!(status(&s.push(&ravi, vec![event(1, "ofd", 1, now)])[0]), "accepted");
}

/// Issue 11, defect 2 (the server side): account creations are limited per client address.
#[test]
fn hole_account_creation_rate_limited_per_address() {
    let s = Server::start();
    s.day();
    let create = |n: u32| s.post("v1/accounts", None, json!({"name": "Bot", "phone": format!("98460{n:05}"), "password": PASSWORD, "seller_id": SELLER}));
    // `day` made one; twenty an hour are allowed from one address.
    for n in 1..20 {
        let (st, body) = create(n);
        assert_eq!(st, StatusCode::CREATED, "creation {n}: {body}");
    }
    let resp = s.http.post(format!("{}v1/accounts", s.url)).json(&json!({"name": "Bot", "phone": "9846099999", "password": PASSWORD, "seller_id": SELLER})).send().unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(resp.headers().contains_key("retry-after"));
    assert_eq!(resp.json::<Value>().unwrap()["error"]["code"], "too_many_accounts");
    // The window passes.
    s.clock.advance(Duration::minutes(61));
    assert_eq!(create(99).0, StatusCode::CREATED);
}

/// Issue 11, defect 5: the login limit could be bypassed: check and count were not atomic (60
/// concurrent guesses checked 37 to 50 passwords), phone and e-mail were counted apart, and a
/// restart forgot every lock.
#[test]
fn hole_login_limit_atomic_and_persistent() {
    let server = Server::start();
    let s = &server;
    s.day();
    let app: &App = &s.app;
    let attempt = |app: &App, login: &str, password: &str, address: &str| {
        app.login(&track_core::sync::wire::Login { login: login.into(), password: password.into(), seller_id: SELLER.into() }, address)
    };
    // 60 concurrent guesses at one account, each from its own address: at most the 3 free
    // failures reach the password check; the rest are told to wait.
    let answers: Vec<u16> = std::thread::scope(|scope| {
        let guesses: Vec<_> = (0..60)
            .map(|i| {
                scope.spawn(move || match attempt(app, "9845012345", &format!("guess number {i}"), &format!("10.0.0.{i}")) {
                    Ok(_) => 200,
                    Err(f) => f.status,
                })
            })
            .collect();
        guesses.into_iter().map(|g| g.join().unwrap()).collect()
    });
    let checked = answers.iter().filter(|&&a| a == 401).count();
    assert!(checked <= 3, "{checked} passwords checked: {answers:?}");
    assert!(answers.iter().all(|&a| a == 401 || a == 429), "{answers:?}");
    // Over HTTP too: concurrent guesses from one address.
    s.clock.advance(Duration::minutes(16));
    let answers: Vec<StatusCode> = std::thread::scope(|scope| {
        let guesses: Vec<_> = (0..30).map(|i| scope.spawn(move || s.post("v1/sessions", None, json!({"login": "9845012345", "password": format!("guess {i}"), "seller_id": SELLER})).0)).collect();
        guesses.into_iter().map(|g| g.join().unwrap()).collect()
    });
    assert!(answers.iter().filter(|&&a| a == StatusCode::UNAUTHORIZED).count() <= 3, "{answers:?}");

    // Phone and e-mail address of one account count together.
    s.clock.advance(Duration::minutes(16));
    for (i, login) in ["9845012345", "ravi@example.in", "+91 98450 12345"].iter().enumerate() {
        let refused = attempt(app, login, "wrong password", &format!("10.1.0.{i}")).unwrap_err();
        assert_eq!(refused.status, 401, "{refused}");
    }
    let refused = attempt(app, "RAVI@example.in", PASSWORD, "10.1.0.9").unwrap_err();
    assert_eq!((refused.status, refused.code), (429, "too_many_attempts"), "the e-mail address is the same account: {refused}");

    // Locked (waiting out each delay), the account stays locked across a restart.
    for i in 0..5 {
        s.clock.advance(Duration::minutes(2));
        let login = if i % 2 == 0 { "ravi@example.in" } else { "9845012345" };
        assert_eq!(attempt(app, login, "wrong password", &format!("10.2.0.{i}")).unwrap_err().status, 401);
    }
    let locked = attempt(app, "9845012345", PASSWORD, "10.3.0.1").unwrap_err();
    assert!(locked.status == 429 && locked.message.contains("locked"), "{locked}");
    let mut config = Config::new(s.app.config().db.clone());
    config.clock = s.clock.clone();
    let restarted = App::open(config).unwrap();
    let locked = attempt(&restarted, "9845012345", PASSWORD, "10.3.0.2").unwrap_err();
    assert!(locked.status == 429 && locked.message.contains("locked"), "after a restart: {locked}");
    s.clock.advance(Duration::minutes(15));
    assert!(attempt(&restarted, "9845012345", PASSWORD, "10.3.0.3").is_ok());
}

fn code(result: &Value) -> &str {
    result["code"].as_str().unwrap_or_default()
}

#[test]
fn hole_free_text_reason_refused() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    assert_eq!(status(&s.push(&token, vec![event(1, "ofd", 1, now), event(2, "ofd", 2, now)])[0]), "accepted");
    let mut chatty = event(3, "delivered", 1, now + Duration::hours(1));
    chatty["reason"] = json!("left it with the neighbour, call 99000 11111 <b>now</b>");
    let mut label = event(4, "undeliverable", 2, now + Duration::hours(1));
    label["reason"] = json!("Customer not available");
    let mut free = event(5, "rejected", 2, now + Duration::hours(1));
    free["reason"] = json!("the customer said <script>alert(1)</script>");
    let r = s.push(&token, vec![chatty, label, free]);
    assert_eq!((status(&r[0]), code(&r[0])), ("rejected", "unexpected_reason"), "{r:?}");
    assert_eq!((status(&r[1]), code(&r[1])), ("rejected", "invalid_reason"), "{r:?}");
    assert_eq!((status(&r[2]), code(&r[2])), ("rejected", "invalid_reason"), "{r:?}");
    assert!(!r[2]["message"].as_str().unwrap().contains("script"), "the refusal echoes the free text: {r:?}");
    // The codes themselves pass, and only they reach the customer.
    let r = s.push(&token, vec![event(6, "undeliverable", 2, now + Duration::hours(2))]);
    assert_eq!(status(&r[0]), "accepted", "{r:?}");
    for n in [1, 2] {
        let (_, view) = s.get(&format!("v1/tracking/{}", tracking(n)), None);
        let text = view.to_string();
        assert!(!text.contains("call") && !text.contains("script") && !text.contains("Customer not"), "{text}");
    }
}

#[test]
fn hole_huge_pod_photo_refused() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    s.push(&token, vec![event(1, "ofd", 1, now)]);
    let mut huge = event(2, "delivered", 1, now + Duration::hours(1));
    huge["pod_photo"] = json!(format!("data:image/jpeg;base64,{}", "A".repeat(200_000)));
    let r = s.push(&token, vec![huge]);
    assert_eq!((status(&r[0]), code(&r[0])), ("rejected", "invalid_pod_photo"), "{:?}", r[0]["message"]);
    let mut sneaky = event(3, "delivered", 1, now + Duration::hours(1));
    sneaky["pod_photo"] = json!("../../admin/events");
    assert_eq!(code(&s.push(&token, vec![sneaky])[0]), "invalid_pod_photo");
    let (_, view) = s.get(&format!("v1/tracking/{}", tracking(1)), None);
    assert!(view.to_string().len() < 2000, "{view}");
    assert_eq!(view["status"], "arriving-today");
}

#[test]
fn hole_seq_step_bounded() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    let r = s.push(&token, vec![event(i64::MAX, "ofd", 1, now)]);
    assert_eq!((status(&r[0]), code(&r[0])), ("rejected", "invalid_seq"), "{r:?}");
    for bad in [0, -5] {
        assert_eq!(code(&s.push(&token, vec![event(bad, "ofd", 1, now)])[0]), "invalid_seq");
    }
    // The device's later events of that order are not blocked.
    let r = s.push(&token, vec![event(1, "ofd", 1, now)]);
    assert_eq!(status(&r[0]), "accepted", "{r:?}");
    let step = track_core::sync::wire::MAX_SEQ_STEP;
    let r = s.push(&token, vec![event(1 + step + 1, "delivered", 1, now + Duration::hours(1))]);
    assert_eq!(code(&r[0]), "invalid_seq", "{r:?}");
    let r = s.push(&token, vec![event(1 + step, "delivered", 1, now + Duration::hours(1))]);
    assert_eq!(status(&r[0]), "accepted", "a step of exactly {step}: {r:?}");
}

#[test]
fn hole_unknown_nested_fields_refused() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    s.push(&token, vec![event(1, "ofd", 1, now)]);
    let mut recipient = event(2, "delivered", 1, now);
    recipient["recipient"]["phone"] = json!("+91 99000 11111");
    let mut location = event(2, "delivered", 1, now);
    location["location"] = json!({"latitude": 12.97, "longitude": 77.59, "accuracy_m": 8.0, "note": "back door"});
    for e in [recipient, location] {
        let (st, body) = s.post("v1/scan-events", Some(&token), json!({"device_id": DEVICE, "events": [e]}));
        assert_eq!(st, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.to_string().contains("unknown field"), "{body}");
    }
}

#[test]
fn hole_location_and_recipient_ranges_checked() {
    let s = Server::start();
    let token = s.day();
    let now = s.clock_now();
    s.push(&token, vec![event(1, "ofd", 1, now)]);
    let mut far = event(2, "delivered", 1, now);
    far["location"] = json!({"latitude": 91.0, "longitude": 77.59, "accuracy_m": 8.0});
    let mut vague = event(3, "delivered", 1, now);
    vague["location"] = json!({"latitude": 12.97, "longitude": 77.59, "accuracy_m": 1e300});
    let mut nobody = event(4, "delivered", 1, now);
    nobody["recipient"] = json!({"kind": "other", "name": "\u{200b}\u{2060}"});
    let mut long = event(5, "delivered", 1, now);
    long["recipient"] = json!({"kind": "other", "name": "R".repeat(5000)});
    let r = s.push(&token, vec![far, vague, nobody, long]);
    let codes: Vec<&str> = r.iter().map(code).collect();
    assert_eq!(codes, ["invalid_location", "invalid_location", "invalid_recipient", "invalid_recipient"], "{r:?}");
    let mut fine = event(6, "delivered", 1, now);
    fine["location"] = json!({"latitude": 12.97, "longitude": 77.59, "accuracy_m": 8.0});
    assert_eq!(status(&s.push(&token, vec![fine])[0]), "accepted");
}

/// Every code the server refuses an event with is one the phone types (`RefusalReason`), so the
/// DA reads the reason in their language instead of "another reason": read from the server's
/// event intake source (`Refusal("code", ...)`, `rejected(e, "code", ...)`) and the core's time
/// checks.
#[test]
fn every_refusal_code_is_known_to_the_phone() {
    use track_core::refusal::RefusalReason;
    let source = include_str!("../src/events.rs");
    let mut codes: Vec<String> = Vec::new();
    for marker in ["Refusal(\"", "rejected(e, \""] {
        for (i, _) in source.match_indices(marker) {
            let rest = &source[i + marker.len()..];
            let code: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            // `rejected` stands for the stored code of an earlier refusal (`with_code`).
            if rest[code.len()..].starts_with('"') && code != "rejected" {
                codes.push(code);
            }
        }
    }
    codes.extend(["time_out_of_range", "local_offset_out_of_range"].map(String::from));
    assert!(codes.len() > 20, "{codes:?}");
    let unknown: Vec<&String> = codes.iter().filter(|c| RefusalReason::of_code(c) == RefusalReason::Unknown).collect();
    assert!(unknown.is_empty(), "codes the phone does not type: {unknown:?}");
}

// The seller's tracking details (issue 16, items 4 and 5): shipments with boxes, the box tracking
// file, carrier changes, the delivery window, the seller's confirmation of an order's tracking and
// the seller's tracking metrics. Seller-authenticated with the admin token.

/// UPS numbers with valid check digits.
const UPS_1: &str = "1Z5R89390357567127";
const UPS_2: &str = "1Z879E930346834440";
const UPS_3: &str = "1Z410E7W0392751591";

impl Server {
    fn put(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::PUT, path, token, Some(body))
    }

    /// A seller and a small-parcel shipment of `boxes` UPS boxes; the shipment's path.
    fn shipment(&self, id: &str, boxes: usize) -> String {
        self.seller(SELLER, true, "12 Commercial Street, Bengaluru - 560001");
        let (st, body) = self.post(
            &format!("v1/sellers/{SELLER}/shipments"),
            Some(ADMIN),
            json!({"shipment_id": id, "mode": "small-parcel", "carrier": "UPS", "boxes": boxes}),
        );
        assert_eq!(st, StatusCode::CREATED, "{body}");
        format!("v1/sellers/{SELLER}/shipments/{id}")
    }

    fn set_box(&self, shipment: &str, n: usize, id: &str) -> (StatusCode, Value) {
        self.put(&format!("{shipment}/boxes/{n}"), Some(ADMIN), json!({"tracking_id": id}))
    }

    fn post_csv(&self, path: &str, csv: &str) -> (StatusCode, Value) {
        let resp = self.http.post(format!("{}{path}", self.url)).bearer_auth(ADMIN).header("content-type", "text/csv").body(csv.to_string()).send().unwrap();
        let status = resp.status();
        (status, resp.json().unwrap_or(Value::Null))
    }
}

/// A refusal's status and code.
fn refusal(answer: &(StatusCode, Value)) -> (StatusCode, &str) {
    (answer.0, answer.1["error"]["code"].as_str().unwrap_or_default())
}

#[test]
fn seller_shipment_boxes_need_unique_tracking_and_ship_when_complete() {
    let s = Server::start();
    let path = s.shipment("FBA15XYZ", 3);
    assert_eq!(refusal(&s.get(&path, None)), (StatusCode::UNAUTHORIZED, "unauthorized"));
    let (st, v) = s.get(&path, Some(ADMIN));
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!((v["status"].as_str(), v["mode"].as_str(), v["carrier"].as_str()), (Some("working"), Some("small-parcel"), Some("UPS")));
    assert_eq!(v["boxes"].as_array().unwrap().len(), 3);
    assert_eq!(s.set_box(&path, 1, UPS_1).0, StatusCode::OK);
    // The same ID on another box of the shipment: refused, naming the box that has it.
    let dup = s.set_box(&path, 3, &UPS_1.to_lowercase());
    assert_eq!(refusal(&dup), (StatusCode::CONFLICT, "duplicate_box_tracking_id"));
    let message = dup.1["error"]["message"].as_str().unwrap();
    assert!(message.contains("box 1") && message.contains("box 3"), "{message}");
    assert_eq!(refusal(&s.set_box(&path, 4, UPS_3)), (StatusCode::UNPROCESSABLE_ENTITY, "no_such_box"));
    assert_eq!(refusal(&s.set_box(&path, 0, UPS_3)), (StatusCode::UNPROCESSABLE_ENTITY, "no_such_box"));
    assert_eq!(refusal(&s.set_box(&path, 1, "1Z5R89390357567128")), (StatusCode::UNPROCESSABLE_ENTITY, "bad_check_digit"));
    // Ready to ship: it ships once every box has valid tracking.
    let (st, v) = s.post(&format!("{path}/ready"), Some(ADMIN), json!({}));
    assert_eq!((st, v["status"].as_str()), (StatusCode::OK, Some("ready-to-ship")), "{v}");
    assert!(v["missing"].as_str().unwrap().contains("boxes 2, 3"), "{v}");
    assert_eq!(s.set_box(&path, 2, UPS_2).1["status"], "ready-to-ship");
    let (st, v) = s.set_box(&path, 3, UPS_3);
    assert_eq!((st, v["status"].as_str()), (StatusCode::OK, Some("shipped")), "{v}");
    assert!(v["shipped_at"].is_string() && v["tracking_complete_at"].is_string(), "{v}");
    assert_eq!(refusal(&s.post(&format!("{path}/ready"), Some(ADMIN), json!({}))), (StatusCode::CONFLICT, "shipment_not_being_prepared"));
    // Listed, shown, not created twice; another shipment ID is not found.
    let (_, list) = s.get(&format!("v1/sellers/{SELLER}/shipments"), Some(ADMIN));
    assert_eq!(list["shipments"][0]["shipment_id"], "FBA15XYZ");
    assert_eq!(list["shipments"][0]["boxes"][2]["tracking_id"], UPS_3);
    let again = s.post(&format!("v1/sellers/{SELLER}/shipments"), Some(ADMIN), json!({"shipment_id": "fba15xyz", "mode": "small-parcel", "carrier": "ups", "boxes": 1}));
    assert_eq!(refusal(&again), (StatusCode::CONFLICT, "shipment_exists"));
    assert_eq!(refusal(&s.get(&format!("v1/sellers/{SELLER}/shipments/FBA15NONE"), Some(ADMIN))), (StatusCode::NOT_FOUND, "no_such_shipment"));
    assert_eq!(refusal(&s.get("v1/sellers/nobody/shipments", Some(ADMIN))).0, StatusCode::NOT_FOUND);
    // A box cleared before delivery, then more boxes.
    let (st, v) = s.send(reqwest::Method::DELETE, &format!("{path}/boxes/3"), Some(ADMIN), None);
    assert_eq!((st, v["boxes"][2]["tracking_id"].clone()), (StatusCode::OK, Value::Null), "{v}");
    let many = s.post(&format!("{path}/boxes"), Some(ADMIN), json!({"count": 1}));
    assert_eq!(refusal(&many), (StatusCode::CONFLICT, "boxes_closed"), "a shipped shipment takes no more boxes");
    let bad = s.post(&format!("v1/sellers/{SELLER}/shipments"), Some(ADMIN), json!({"shipment_id": "FBA15BIG", "mode": "small-parcel", "carrier": "UPS", "boxes": 201}));
    assert_eq!(refusal(&bad), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_box_count"));
    let bad = s.post(&format!("v1/sellers/{SELLER}/shipments"), Some(ADMIN), json!({"shipment_id": "F/1", "mode": "pallet", "carrier": "UPS"}));
    assert_eq!(refusal(&bad), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_shipment_id"));
}

#[test]
fn seller_tracking_entries_get_the_documented_messages() {
    let s = Server::start();
    let path = s.shipment("FBA15MSG", 2);
    let expect = |id: &str, code: &str, says: &str| {
        let answer = s.set_box(&path, 1, id);
        assert_eq!(refusal(&answer), (StatusCode::UNPROCESSABLE_ENTITY, code), "{id:?}: {}", answer.1);
        let message = answer.1["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{id:?}: {message}");
    };
    expect("", "blank_tracking_id", "blank");
    expect("   ", "blank_tracking_id", "blank");
    expect(&format!(" {UPS_1}"), "spaces_around_tracking_id", "spaces before or after");
    expect(&format!("{UPS_1} "), "spaces_around_tracking_id", "spaces before or after");
    expect("1Z5R8939.0357567127", "punctuation_in_tracking_id", "letters and digits only");
    // An India Post number on a UPS shipment: the message names the carrier it looks like.
    expect(&tracking(7), "carrier_mismatch", "India Post");
    expect(&tracking(7), "carrier_mismatch", "does not match carrier UPS");
    // Nothing was stored.
    assert_eq!(s.get(&path, Some(ADMIN)).1["boxes"][0]["tracking_id"], Value::Null);
}

#[test]
fn seller_pallets_take_a_pro_number() {
    let s = Server::start();
    s.seller(SELLER, true, "12 Commercial Street, Bengaluru - 560001");
    let shipments = format!("v1/sellers/{SELLER}/shipments");
    let with_boxes = s.post(&shipments, Some(ADMIN), json!({"shipment_id": "FBA15LTL", "mode": "pallet", "carrier": "Old Dominion", "boxes": 2}));
    assert_eq!(refusal(&with_boxes), (StatusCode::UNPROCESSABLE_ENTITY, "pallet_needs_pro_number"));
    let (st, v) = s.post(&shipments, Some(ADMIN), json!({"shipment_id": "FBA15LTL", "mode": "pallet", "carrier": "Old Dominion"}));
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let path = format!("{shipments}/FBA15LTL");
    assert_eq!(refusal(&s.set_box(&path, 1, "07209562763")), (StatusCode::UNPROCESSABLE_ENTITY, "pallet_needs_pro_number"));
    assert_eq!(refusal(&s.put(&format!("{path}/pro-number"), Some(ADMIN), json!({"pro_number": "12-34"}))), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_pro_number"));
    assert_eq!(s.post(&format!("{path}/ready"), Some(ADMIN), json!({})).1["status"], "ready-to-ship");
    let (st, v) = s.put(&format!("{path}/pro-number"), Some(ADMIN), json!({"pro_number": "0720-956-2763"}));
    assert_eq!((st, v["pro_number"].as_str(), v["status"].as_str()), (StatusCode::OK, Some("07209562763"), Some("shipped")), "{v}");
    // A small-parcel shipment takes no PRO number.
    let parcel = s.shipment("FBA15SPD", 1);
    assert_eq!(refusal(&s.put(&format!("{parcel}/pro-number"), Some(ADMIN), json!({"pro_number": "07209562763"}))), (StatusCode::UNPROCESSABLE_ENTITY, "small_parcel_needs_tracking_ids"));
}

#[test]
fn seller_delivery_window_editable_until_it_starts() {
    let s = Server::start();
    let path = s.shipment("FBA15WIN", 1);
    let window = |start: &str, end: &str| json!({"start": india("2026-11-25", start), "end": india("2026-11-25", end)});
    let (st, v) = s.put(&format!("{path}/window"), Some(ADMIN), window("09:00:00", "17:00:00"));
    assert_eq!((st, v["window"]["locked"].as_bool()), (StatusCode::OK, Some(false)), "{v}");
    assert_eq!(s.put(&format!("{path}/window"), Some(ADMIN), window("10:00:00", "18:00:00")).0, StatusCode::OK);
    let backwards = s.put(&format!("{path}/window"), Some(ADMIN), window("18:00:00", "10:00:00"));
    assert_eq!(refusal(&backwards), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_delivery_window"));
    // The window started (by the server's clock): locked.
    s.clock.set(india("2026-11-25", "10:00:00"));
    let late = s.put(&format!("{path}/window"), Some(ADMIN), json!({"start": india("2026-11-27", "09:00:00"), "end": india("2026-11-27", "17:00:00")}));
    assert_eq!(refusal(&late), (StatusCode::CONFLICT, "delivery_window_locked"));
    assert!(late.1["error"]["message"].as_str().unwrap().contains("locked"), "{}", late.1);
    let v = s.get(&path, Some(ADMIN)).1;
    assert_eq!((v["window"]["locked"].as_bool(), v["window"]["start"].clone()), (Some(true), json!(india("2026-11-25", "10:00:00"))), "{v}");
    // A new window must start in the future.
    let other = s.shipment("FBA15WI2", 1);
    let past = s.put(&format!("{other}/window"), Some(ADMIN), window("09:00:00", "17:00:00"));
    assert_eq!(refusal(&past), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_delivery_window"));
}

#[test]
fn seller_carrier_change_before_delivery_including_other() {
    let s = Server::start();
    let path = s.shipment("FBA15CHG", 2);
    let carrier = format!("{path}/carrier");
    assert_eq!(s.set_box(&path, 1, UPS_1).0, StatusCode::OK);
    // Box 1 holds a UPS number: a change to FedEx names it, and changes nothing.
    let refused = s.put(&carrier, Some(ADMIN), json!({"carrier": "FedEx"}));
    assert_eq!(refusal(&refused), (StatusCode::CONFLICT, "carrier_change_mismatch"));
    assert!(refused.1["error"]["message"].as_str().unwrap().contains("boxes 1 are not FedEx numbers"), "{}", refused.1);
    assert_eq!(s.get(&path, Some(ADMIN)).1["carrier"], "UPS");
    assert_eq!(refusal(&s.put(&carrier, Some(ADMIN), json!({"carrier": "other"}))), (StatusCode::UNPROCESSABLE_ENTITY, "other_carrier_name_missing"));
    assert_eq!(refusal(&s.put(&carrier, Some(ADMIN), json!({"carrier": "Blu Dart"}))), (StatusCode::UNPROCESSABLE_ENTITY, "unknown_carrier"));
    // To a carrier the table lacks, with box 1's new ID: shape checks only.
    let short = s.put(&carrier, Some(ADMIN), json!({"carrier": "other", "other_carrier_name": "Speedy Couriers", "boxes": [{"box": 1, "tracking_id": "SPD12"}]}));
    assert_eq!(refusal(&short), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_tracking_id"));
    let (st, v) = s.put(&carrier, Some(ADMIN), json!({"carrier": "other", "other_carrier_name": "Speedy Couriers", "boxes": [{"box": 1, "tracking_id": "SPD0001234"}]}));
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!((v["carrier"].as_str(), v["carrier_code"].as_str()), (Some("Speedy Couriers"), Some("other:Speedy Couriers")));
    assert_eq!(v["boxes"][0]["tracking_id"], "SPD0001234");
    assert_eq!(refusal(&s.set_box(&path, 2, "SPD0001234")), (StatusCode::CONFLICT, "duplicate_box_tracking_id"));
    assert_eq!(s.set_box(&path, 2, "SPD0001235").0, StatusCode::OK);
    // Received at the fulfilment centre: the carrier and the boxes can no longer change.
    let (st, v) = s.post(&format!("{path}/received"), Some(ADMIN), json!({}));
    assert_eq!((st, v["status"].as_str()), (StatusCode::OK, Some("delivered")), "{v}");
    assert_eq!(refusal(&s.put(&carrier, Some(ADMIN), json!({"carrier": "UPS"}))), (StatusCode::CONFLICT, "shipment_delivered"));
    assert_eq!(refusal(&s.set_box(&path, 2, "SPD0001236")), (StatusCode::CONFLICT, "shipment_delivered"));
    assert_eq!(refusal(&s.post(&format!("{path}/received"), Some(ADMIN), json!({}))), (StatusCode::CONFLICT, "shipment_delivered"));
}

#[test]
fn seller_box_file_has_line_numbered_errors_and_applies_all_or_nothing() {
    let s = Server::start();
    let path = s.shipment("FBA15CSV", 4);
    let file = format!("{path}/box-tracking");
    // Lines 3 (a duplicate of line 2), 5 (not a box number) and 7 (spaces around) are refused:
    // nothing is applied.
    let csv = format!("box,tracking_id\n1,{UPS_1}\n2,{UPS_1}\n\n3,{UPS_2},extra\n4,{UPS_3}\n2, {UPS_2}\n");
    let answer = s.post_csv(&file, &csv);
    assert_eq!(refusal(&answer), (StatusCode::UNPROCESSABLE_ENTITY, "box_file_refused"), "{}", answer.1);
    let message = answer.1["error"]["message"].as_str().unwrap();
    assert!(message.contains("line 3: tracking ID 1Z5R89390357567127 is already on box 1"), "{message}");
    assert!(message.contains("line 5: 3 fields"), "{message}");
    assert!(message.contains("line 7: box 2 is also on line 3"), "{message}");
    assert!(!message.contains("line 2:") && !message.contains("line 6:"), "{message}");
    assert!(s.get(&path, Some(ADMIN)).1["boxes"].as_array().unwrap().iter().all(|b| b["tracking_id"].is_null()), "nothing applied");
    let spaces = s.post_csv(&file, &format!("box,tracking_id\n1,{UPS_1} \n"));
    assert!(spaces.1["error"]["message"].as_str().unwrap().contains("line 2: the tracking ID has spaces before or after it"), "{}", spaces.1);
    assert_eq!(refusal(&s.post_csv(&file, "carton,id\n1,x\n")), (StatusCode::UNPROCESSABLE_ENTITY, "bad_csv_header"));
    assert_eq!(refusal(&s.post_csv(&file, "")), (StatusCode::UNPROCESSABLE_ENTITY, "empty_csv"));
    assert_eq!(refusal(&s.post_csv(&file, "box,tracking_id\n")), (StatusCode::UNPROCESSABLE_ENTITY, "malformed_csv"));
    // A good file: every box set at once.
    let (st, v) = s.post_csv(&file, &format!("Box,Tracking_ID\n1,{UPS_1}\n2,{UPS_2}\n3,{UPS_3}\n4,1Z999AA10123456784\n"));
    assert_eq!((st, v["applied"].as_u64()), (StatusCode::OK, Some(4)), "{v}");
    assert!(v["shipment"]["missing"].is_null(), "{v}");
}

#[test]
fn seller_confirms_tracking_and_a_confirmation_after_delivery_does_not_count() {
    let s = Server::start();
    s.day();
    let metrics = || {
        let (st, m) = s.get(&format!("v1/sellers/{SELLER}/tracking-metrics"), Some(ADMIN));
        assert_eq!(st, StatusCode::OK, "{m}");
        let vtr = &m["valid_tracking_rate"];
        (vtr["shipments"].as_u64().unwrap(), vtr["valid"].as_u64().unwrap())
    };
    assert_eq!(metrics(), (3, 3), "orders 1 to 3 (Self-Delivery) count; order 4 is FBA");
    // Order 2 was shipped without a confirmation; it is delivered before the seller confirms.
    s.app.store().write(|tx| Ok(tx.execute("UPDATE orders SET tracking_confirmed_at_ms = NULL WHERE order_id = ?1", track_server::args![order_id(2)])?)).unwrap();
    assert_eq!(metrics(), (3, 2));
    let t = |h: &str| india("2026-11-23", h);
    let token = s.login("9845012345", SELLER).1["token"].as_str().unwrap().to_string();
    s.push(&token, vec![event(1, "ofd", 1, t("09:00:00")), event(2, "ofd", 2, t("09:00:00")), event(3, "delivered", 2, t("11:00:00"))]);
    s.clock.set(t("12:00:00"));
    let confirm = |n: u32, body: Value| s.put(&format!("v1/sellers/{SELLER}/orders/{}/tracking", order_id(n)), Some(ADMIN), body);
    let (st, c) = confirm(2, json!({"carrier": "India Post", "tracking_id": tracking(2)}));
    assert_eq!(st, StatusCode::OK, "{c}");
    assert_eq!((c["after_delivery"].as_bool(), c["counts_toward_vtr"].as_bool()), (Some(true), Some(false)), "{c}");
    assert!(c["message"].as_str().unwrap().contains("does not count"), "{c}");
    assert_eq!(metrics(), (3, 2), "a confirmation after delivery does not count");
    // Order 3, not delivered: confirmed again (same ID and carrier) keeps its first confirmation.
    let (_, c) = confirm(3, json!({"carrier": "india-post", "tracking_id": tracking(3)}));
    assert_eq!((c["changed"].as_bool(), c["counts_toward_vtr"].as_bool()), (Some(false), Some(true)), "{c}");
    // Corrected to another ID and carrier before delivery: counts.
    let (st, c) = confirm(3, json!({"carrier": "other", "other_carrier_name": "Speedy Couriers", "tracking_id": "SPD0001234"}));
    assert_eq!((st, c["changed"].as_bool(), c["counts_toward_vtr"].as_bool()), (StatusCode::OK, Some(true), Some(true)), "{c}");
    assert_eq!(metrics(), (3, 2));
    // Refusals: the entry's messages, an FBA order, an ID DAs scanned, another order's ID.
    let blank = confirm(3, json!({"carrier": "India Post", "tracking_id": " "}));
    assert_eq!(refusal(&blank), (StatusCode::UNPROCESSABLE_ENTITY, "blank_tracking_id"));
    let mismatch = confirm(3, json!({"carrier": "India Post", "tracking_id": UPS_1}));
    assert_eq!(refusal(&mismatch), (StatusCode::UNPROCESSABLE_ENTITY, "carrier_mismatch"));
    assert!(mismatch.1["error"]["message"].as_str().unwrap().contains("UPS"), "{}", mismatch.1);
    assert_eq!(refusal(&confirm(4, json!({"carrier": "India Post", "tracking_id": tracking(4)}))), (StatusCode::CONFLICT, "amazon_tracks_this_order"));
    assert_eq!(refusal(&confirm(1, json!({"carrier": "India Post", "tracking_id": tracking(9)}))), (StatusCode::CONFLICT, "order_already_scanned"));
    assert_eq!(refusal(&confirm(3, json!({"carrier": "India Post", "tracking_id": tracking(1)}))), (StatusCode::CONFLICT, "tracking_id_in_use"));
    assert_eq!(refusal(&confirm(99, json!({"carrier": "India Post", "tracking_id": tracking(99)}))), (StatusCode::NOT_FOUND, "no_such_order"));
    // The DA's metrics count the same way.
    let (_, m) = s.get(&format!("v1/sellers/{SELLER}/metrics"), Some(&token));
    assert_eq!((m["shipments"].as_u64(), m["valid_tracking"].as_u64()), (Some(3), Some(2)), "{m}");
}

#[test]
fn seller_missing_tracking_defect_rate_and_vtr_target() {
    let s = Server::start();
    // One shipment received with complete tracking, one received without: 50 %, Critical.
    let good = s.shipment("FBA15OK1", 1);
    s.set_box(&good, 1, UPS_1);
    s.post(&format!("{good}/ready"), Some(ADMIN), json!({}));
    let bad = s.shipment("FBA15NO1", 2);
    s.set_box(&bad, 1, UPS_2);
    s.clock.advance(Duration::hours(2));
    for path in [&good, &bad] {
        assert_eq!(s.post(&format!("{path}/received"), Some(ADMIN), json!({})).0, StatusCode::OK);
    }
    // Each listed with its own boxes.
    let (_, list) = s.get(&format!("v1/sellers/{SELLER}/shipments"), Some(ADMIN));
    let listed: Vec<(&str, usize, bool)> = list["shipments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["shipment_id"].as_str().unwrap(), v["boxes"].as_array().unwrap().len(), v["missing"].is_null()))
        .collect();
    assert_eq!(listed, [("FBA15NO1", 2, false), ("FBA15OK1", 1, true)], "{list}");
    let (st, m) = s.get(&format!("v1/sellers/{SELLER}/tracking-metrics"), Some(ADMIN));
    assert_eq!(st, StatusCode::OK, "{m}");
    let d = &m["missing_tracking_defects"];
    assert_eq!((d["shipments"].as_u64(), d["defects"].as_u64(), d["rate"].as_f64(), d["level"].as_str()), (Some(2), Some(1), Some(0.5), Some("critical")), "{m}");
    assert_eq!((m["valid_tracking_rate"]["target"].as_f64(), m["valid_tracking_rate"]["rate"].clone()), (Some(0.95), Value::Null), "{m}");
    // 30 days later the deliveries have left the window.
    s.clock.advance(Duration::days(31));
    let (_, m) = s.get(&format!("v1/sellers/{SELLER}/tracking-metrics"), Some(ADMIN));
    assert_eq!((m["missing_tracking_defects"]["shipments"].as_u64(), m["missing_tracking_defects"]["level"].as_str()), (Some(0), Some("none")), "{m}");
    assert_eq!(refusal(&s.get(&format!("v1/sellers/{SELLER}/tracking-metrics"), Some("guess"))).0, StatusCode::UNAUTHORIZED);
}

/// A small JPEG (its colour varies with `seed`, so two seeds are two photos).
fn jpeg(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(48, 32, |x, y| image::Rgb([seed, (x * 5) as u8, (y * 7) as u8]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).unwrap();
    out
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

impl Server {
    /// `PUT /v1/scan-events/{event_id}/photo` with a body and its content type.
    fn put_photo(&self, token: Option<&str>, event_id: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
        let mut req = self.http.put(format!("{}v1/scan-events/{event_id}/photo", self.url)).header("content-type", content_type).body(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().unwrap();
        let status = resp.status();
        (status, resp.json().unwrap_or(Value::Null))
    }

    /// Order `n` out for delivery at 09:00 and delivered at 10:00 (naming `photo` by its SHA-256
    /// when given); returns the Delivered event's ID.
    fn delivered(&self, token: &str, n: u32, first_seq: i64, photo: Option<&[u8]>) -> String {
        let mut delivered = event(first_seq + 1, "delivered", n, india("2026-11-23", "10:00:00"));
        if let Some(photo) = photo {
            delivered["pod_photo"] = json!(sha256_hex(photo));
        }
        let id = delivered["event_id"].as_str().unwrap().to_string();
        let results = self.push(token, vec![event(first_seq, "ofd", n, india("2026-11-23", "09:00:00")), delivered]);
        assert!(results.iter().all(|r| status(r) == "accepted"), "{results:?}");
        id
    }

    fn fetch(&self, path: &str) -> (StatusCode, Option<String>, Vec<u8>) {
        let resp = self.http.get(format!("{}{}", self.url, path.trim_start_matches('/'))).send().unwrap();
        let status = resp.status();
        let kind = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
        (status, kind, resp.bytes().unwrap().to_vec())
    }
}

#[test]
fn a_delivery_photo_is_stored_once_and_the_customer_sees_it_by_a_signed_url() {
    let srv = Server::start();
    let token = srv.day();
    let photo = jpeg(10);
    let event_id = srv.delivered(&token, 1, 1, Some(&photo));
    // Before the upload the customer's view has no photo.
    let (_, view) = srv.get(&format!("v1/tracking/{}", tracking(1)), None);
    assert!(view["timeline"].as_array().unwrap().iter().all(|s| s.get("photo_url").is_none()), "{view}");

    let (s, stored) = srv.put_photo(Some(&token), &event_id, "image/jpeg", photo.clone());
    assert_eq!(s, StatusCode::CREATED, "{stored}");
    assert_eq!(stored["sha256"], json!(sha256_hex(&photo)));
    assert!(stored["stored_bytes"].as_u64().unwrap() > 0);
    // The same photo again (a retry after a lost answer): a success, nothing changes.
    let (s, again) = srv.put_photo(Some(&token), &event_id, "image/jpeg; charset=binary", photo.clone());
    assert_eq!((s, &again), (StatusCode::OK, &stored));

    let (_, view) = srv.get(&format!("v1/tracking/{}", tracking(1)), None);
    let step = view["timeline"].as_array().unwrap().iter().find(|s| s["status"] == "delivered").unwrap().clone();
    assert_eq!(step["pod_photo"], json!(sha256_hex(&photo)));
    let url = step["photo_url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("/v1/tracking/{}/photos/{event_id}?expires=", tracking(1))), "{url}");
    let (s, kind, body) = srv.fetch(&url);
    assert_eq!((s, kind.as_deref()), (StatusCode::OK, Some("image/jpeg")));
    let served = image::load_from_memory(&body).unwrap();
    assert_eq!((served.width(), served.height()), (48, 32));

    // The URL works for that parcel only, unaltered, and not for ever.
    let other = url.replace(&tracking(1), &tracking(2));
    let (s, _, body) = srv.fetch(&other);
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["error"]["code"], "bad_photo_url");
    let (s, _, _) = srv.fetch(&url.replace("&sig=", "&sig=00"));
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = srv.fetch(url.split('?').next().unwrap());
    assert_eq!(s, StatusCode::BAD_REQUEST, "no signature");
    let (s, _, _) = srv.fetch(&url.replace("expires=", "expires=x"));
    assert_eq!(s, StatusCode::BAD_REQUEST, "an expiry that is no number");
    srv.clock.advance(Duration::seconds(track_server::photos::URL_LIFETIME_S + 1));
    let (s, _, _) = srv.fetch(&url);
    assert_eq!(s, StatusCode::FORBIDDEN, "expired");
    // A fresh view signs a fresh URL.
    let (_, view) = srv.get(&format!("v1/tracking/{}", tracking(1)), None);
    let fresh = view["timeline"].as_array().unwrap().iter().find_map(|s| s["photo_url"].as_str().map(str::to_string)).unwrap();
    assert_eq!(srv.fetch(&fresh).0, StatusCode::OK);
}

#[test]
fn another_photo_for_a_delivery_that_has_one_is_a_conflict() {
    let srv = Server::start();
    let token = srv.day();
    // A Delivered event that names no photo takes the first one uploaded.
    let event_id = srv.delivered(&token, 1, 1, None);
    assert_eq!(srv.put_photo(Some(&token), &event_id, "image/jpeg", jpeg(1)).0, StatusCode::CREATED);
    let (s, body) = srv.put_photo(Some(&token), &event_id, "image/jpeg", jpeg(200));
    assert_eq!((s, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("photo_conflict")), "{body}");
    assert_eq!(srv.put_photo(Some(&token), &event_id, "image/jpeg", jpeg(1)).0, StatusCode::OK, "the first photo still is");
}

#[test]
fn bad_photo_uploads_are_refused_with_their_reason() {
    let srv = Server::start();
    let token = srv.day();
    let photo = jpeg(10);
    let event_id = srv.delivered(&token, 1, 1, Some(&photo));
    let refused = |(s, body): (StatusCode, Value)| (s.as_u16(), body["error"]["code"].as_str().unwrap_or("").to_string());
    let r = |status: u16, code: &str| (status, code.to_string());

    assert_eq!(refused(srv.put_photo(None, &event_id, "image/jpeg", photo.clone())), r(401, "unauthorized"));
    assert_eq!(refused(srv.put_photo(Some(&token), &event_id, "image/png", photo.clone())), r(415, "photo_not_jpeg"));
    assert_eq!(refused(srv.put_photo(Some(&token), &event_id, "application/octet-stream", photo.clone())), r(415, "photo_not_jpeg"));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x04\0\0\0\x04\x08\x02\0\0\0".to_vec();
    assert_eq!(refused(srv.put_photo(Some(&token), &event_id, "image/jpeg", png)), r(415, "photo_not_jpeg"), "a PNG called a JPEG");
    let big = [photo.clone(), vec![0; track_server::photos::MAX_PHOTO_BYTES]].concat();
    assert_eq!(refused(srv.put_photo(Some(&token), &event_id, "image/jpeg", big)), r(413, "photo_too_large"));
    assert_eq!(refused(srv.put_photo(Some(&token), &event_id, "image/jpeg", b"\xFF\xD8\xFF not really".to_vec())), r(400, "invalid_photo"));
    assert_eq!(refused(srv.put_photo(Some(&token), &event_id, "image/jpeg", Vec::new())), r(400, "invalid_photo"));
    assert_eq!(refused(srv.put_photo(Some(&token), &Uuid::new_v4().to_string(), "image/jpeg", photo.clone())), r(404, "unknown_event"));
    assert_eq!(refused(srv.put_photo(Some(&token), "not-a-uuid", "image/jpeg", photo.clone())), r(404, "unknown_event"));
    // Not the photo the Delivered scan names.
    assert_eq!(refused(srv.put_photo(Some(&token), &event_id, "image/jpeg", jpeg(99))), r(422, "photo_mismatch"));

    // An Out for Delivery scan, and a Delivered scan the server refused, are no deliveries.
    let ofd = event(3, "ofd", 2, india("2026-11-23", "10:30:00"));
    let ofd_id = ofd["event_id"].as_str().unwrap().to_string();
    let fba = event(4, "delivered", 4, india("2026-11-23", "10:31:00"));
    let fba_id = fba["event_id"].as_str().unwrap().to_string();
    let results = srv.push(&token, vec![ofd, fba]);
    assert_eq!((status(&results[0]), status(&results[1])), ("accepted", "rejected"));
    assert_eq!(refused(srv.put_photo(Some(&token), &ofd_id, "image/jpeg", photo.clone())), r(422, "not_a_delivery"));
    assert_eq!(refused(srv.put_photo(Some(&token), &fba_id, "image/jpeg", photo.clone())), r(422, "not_a_delivery"));

    // Another DA of the same seller may not upload this DA's photo.
    srv.register(SELLER, "+91 98450 22222");
    srv.account("+91 98450 22222", None, SELLER);
    let other = srv.login("9845022222", SELLER).1["token"].as_str().unwrap().to_string();
    assert_eq!(refused(srv.put_photo(Some(&other), &event_id, "image/jpeg", photo.clone())), r(403, "not_your_event"));

    // Nothing was stored by any of these; the right upload still is.
    let (_, view) = srv.get(&format!("v1/tracking/{}", tracking(1)), None);
    assert!(view["timeline"].as_array().unwrap().iter().all(|s| s.get("photo_url").is_none()));
    assert_eq!(srv.put_photo(Some(&token), &event_id, "image/jpeg", photo).0, StatusCode::CREATED);
}

fn problem_report(id: &str) -> Value {
    json!({"report_id": id, "created_at": india("2026-11-23", "09:30:00"), "app_version": "1.4.2", "core_version": "0.1.0",
           "schema_version": 7, "outbox": {"pending": 2, "sent": 0, "acknowledged": 5, "rejected": 1, "conflict": 0},
           "last_sync_success": null, "last_sync_failed": true,
           "recent_errors": [{"kind": "sync", "count": 3, "last_at": india("2026-11-23", "09:29:00")}]})
}

#[test]
fn problem_reports_are_recorded_once_and_support_reads_them_by_id() {
    let srv = Server::start();
    let token = srv.day();
    let report = problem_report("TRK-7K2M-9QXA-3BCD");
    assert_eq!(srv.post("v1/problem-reports", None, report.clone()).0, StatusCode::UNAUTHORIZED);
    let (s, body) = srv.post("v1/problem-reports", Some(&token), report.clone());
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!((body["report_id"].as_str(), body["answer_within_business_days"].as_u64()), (Some("TRK-7K2M-9QXA-3BCD"), Some(3)));
    // The same report again (a retry): a success.
    let (s, again) = srv.post("v1/problem-reports", Some(&token), report.clone());
    assert_eq!((s, &again), (StatusCode::OK, &body));
    // Another report under the same ID: refused.
    let mut other = report.clone();
    other["app_version"] = json!("1.4.3");
    let (s, body) = srv.post("v1/problem-reports", Some(&token), other);
    assert_eq!((s, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("report_id_taken")));
    // A malformed ID, an unknown field (no customer data rides along), a bad version.
    let (s, body) = srv.post("v1/problem-reports", Some(&token), problem_report("TRK-1234"));
    assert_eq!((s, body["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_report_id")));
    let mut extra = problem_report("TRK-0000-0000-0001");
    extra["customer_phone"] = json!("+91 99000 11111");
    assert_eq!(srv.post("v1/problem-reports", Some(&token), extra).0, StatusCode::BAD_REQUEST);
    let mut long = problem_report("TRK-0000-0000-0002");
    long["app_version"] = json!("x".repeat(500));
    let (s, body) = srv.post("v1/problem-reports", Some(&token), long);
    assert_eq!((s, body["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_report")));

    // Support looks it up by ID (any case), with the admin token only.
    let (s, found) = srv.get("v1/admin/problem-reports/trk-7k2m-9qxa-3bcd", Some(ADMIN));
    assert_eq!(s, StatusCode::OK, "{found}");
    assert_eq!(found["report"], report);
    assert_eq!((found["seller_id"].as_str(), found["da_phone"].as_str()), (Some(SELLER), Some("+919845012345")));
    assert_eq!(srv.get("v1/admin/problem-reports/TRK-7K2M-9QXA-3BCD", Some(&token)).0, StatusCode::UNAUTHORIZED);
    let (s, body) = srv.get("v1/admin/problem-reports/TRK-0000-0000-0009", Some(ADMIN));
    assert_eq!((s, body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("unknown_report")));
}

impl Server {
    /// The DA's position, fixed `age` before the server's clock.
    fn position(&self, token: &str, lat: f64, lon: f64, age: Duration) -> (StatusCode, Value) {
        let fix = (self.clock_now() - age).timestamp_millis();
        self.put(
            "v1/positions/current",
            Some(token),
            json!({"device_id": DEVICE, "location": {"latitude": lat, "longitude": lon, "accuracy_m": 12.0, "fix_time_ms": fix}}),
        )
    }

    fn view(&self, n: u32) -> Value {
        let (st, view) = self.get(&format!("v1/tracking/{}", tracking(n)), None);
        assert_eq!(st, StatusCode::OK, "{view}");
        view
    }
}

fn located(mut e: Value, lat: f64, lon: f64) -> Value {
    let fix = serde_json::from_value::<DateTime<Utc>>(e["device_time"].clone()).unwrap().timestamp_millis();
    e["location"] = json!({"latitude": lat, "longitude": lon, "accuracy_m": 8.0, "fix_time_ms": fix});
    e
}

#[test]
fn live_arrival_window_da_position_and_delivered_here() {
    let s = Server::start_at(india("2026-11-23", "09:00:00"));
    let token = s.day();
    // Out at 09:00 with three parcels; the first delivered at 10:00, where the phone was.
    let r = s.push(&token, vec![event(1, "ofd", 1, s.clock_now()), event(2, "ofd", 2, s.clock_now()), event(3, "ofd", 3, s.clock_now())]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    s.push(&token, vec![located(event(4, "delivered", 1, india("2026-11-23", "10:00:00")), 12.9716, 77.5946)]);
    assert_eq!(s.position(&token, 12.98, 77.6, Duration::minutes(2)).0, StatusCode::OK);

    // An hour a stop so far, two stops left: from 10:00 to 12:00; the DA's position two minutes old.
    let view = s.view(2);
    assert_eq!(view["status"], "arriving-today");
    assert_eq!(view["arrival"]["from"], json!(india("2026-11-23", "10:00:00")));
    assert_eq!(view["arrival"]["to"], json!(india("2026-11-23", "12:00:00")));
    assert_eq!(view["da_position"]["place"]["latitude"], 12.98);
    assert_eq!(view["da_position"]["age_s"], 120);
    assert!(view.get("delivered_here").is_none(), "{view}");

    // The delivered order: where it was delivered, nothing about the DA any more.
    let view = s.view(1);
    assert_eq!(view["status"], "delivered");
    assert_eq!(view["delivered_here"]["latitude"], 12.9716);
    assert_eq!(view["delivered_here"]["longitude"], 77.5946);
    assert!(view.get("da_position").is_none() && view.get("arrival").is_none(), "{view}");

    // After the order's final scan (Undeliverable): no DA, no window.
    s.push(&token, vec![event(5, "undeliverable", 3, india("2026-11-23", "10:30:00"))]);
    let view = s.view(3);
    assert!(view.get("da_position").is_none() && view.get("arrival").is_none(), "{view}");

    // A DA whose phone stopped sending half an hour ago is not shown; the window still is.
    s.clock.set(india("2026-11-23", "10:40:00"));
    let view = s.view(2);
    assert!(view.get("da_position").is_none(), "{view}");
    assert!(view["arrival"].is_object(), "{view}");

    // A fresh position, then the close of working hours: nothing about the DA, no window.
    assert_eq!(s.position(&token, 12.99, 77.61, Duration::minutes(1)).0, StatusCode::OK);
    assert_eq!(s.view(2)["da_position"]["place"]["latitude"], 12.99);
    s.clock.set(india("2026-11-23", "22:00:00"));
    let view = s.view(2);
    assert_eq!(view["status"], "delayed");
    assert!(view.get("da_position").is_none() && view.get("arrival").is_none(), "{view}");
    let text = view.to_string();
    assert!(!text.contains("Secret Lane") && !text.contains("99000"), "{text}");
}

#[test]
fn positions_gated_bounded_kept_only_while_out_and_the_latest_wins() {
    // Logged in at 11:00: the session lasts past the close.
    let s = Server::start_at(india("2026-11-23", "11:00:00"));
    let token = s.day();
    let body = json!({"device_id": DEVICE, "location": {"latitude": 12.9, "longitude": 77.6, "accuracy_m": 5.0,
                      "fix_time_ms": s.clock_now().timestamp_millis()}});
    // Gated like every endpoint.
    assert_eq!(s.put("v1/positions/current", None, body.clone()).0, StatusCode::UNAUTHORIZED);
    assert_eq!(s.put("v1/positions/current", Some("not-a-token"), body.clone()).0, StatusCode::UNAUTHORIZED);
    // Nothing out with the DA: not kept.
    let (st, answer) = s.position(&token, 12.9, 77.6, Duration::zero());
    assert_eq!((st, answer["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("nothing_out")), "{answer}");
    s.push(&token, vec![event(1, "ofd", 1, s.clock_now())]);
    assert_eq!(s.position(&token, 12.9, 77.6, Duration::zero()).0, StatusCode::OK);
    // Bounded times: ahead of the server's clock, too old, missing, out of range.
    let (st, answer) = s.position(&token, 12.9, 77.6, -Duration::minutes(30));
    assert_eq!((st, answer["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_location")), "{answer}");
    let (st, answer) = s.position(&token, 12.9, 77.6, Duration::hours(2));
    assert_eq!((st, answer["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_location")), "{answer}");
    let missing = json!({"device_id": DEVICE, "location": {"latitude": 12.9, "longitude": 77.6, "accuracy_m": 5.0}});
    assert_eq!(s.put("v1/positions/current", Some(&token), missing).0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(s.position(&token, 91.0, 77.6, Duration::zero()).0, StatusCode::UNPROCESSABLE_ENTITY);
    let extra = json!({"device_id": DEVICE, "location": {"latitude": 1.0, "longitude": 1.0, "accuracy_m": 5.0, "fix_time_ms": 0}, "x": 1});
    assert_eq!(s.put("v1/positions/current", Some(&token), extra).0, StatusCode::BAD_REQUEST);
    // A newer fix wins; an older one arriving late does not replace it.
    s.clock.advance(Duration::minutes(5));
    assert_eq!(s.position(&token, 13.0, 77.7, Duration::zero()).0, StatusCode::OK);
    assert_eq!(s.position(&token, 14.0, 77.8, Duration::minutes(3)).0, StatusCode::OK);
    assert_eq!(s.view(1)["da_position"]["place"]["latitude"], 13.0);
    // Outside working hours: not kept.
    s.clock.set(india("2026-11-23", "22:10:00"));
    let (st, answer) = s.position(&token, 12.9, 77.6, Duration::zero());
    assert_eq!((st, answer["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("outside_working_hours")), "{answer}");
}

#[test]
fn no_next_attempt_after_a_same_day_delivery() {
    let s = Server::start_at(india("2026-11-23", "09:00:00"));
    let token = s.day();
    s.push(&token, vec![event(1, "ofd", 1, s.clock_now()), event(2, "undeliverable", 1, india("2026-11-23", "10:00:00"))]);
    assert_eq!(s.view(1)["timeline"][2]["next_attempt"], "2026-11-24");
    s.push(&token, vec![event(3, "delivered", 1, india("2026-11-23", "13:00:00"))]);
    let view = s.view(1);
    assert_eq!(view["status"], "delivered");
    let steps = view["timeline"].as_array().unwrap();
    assert_eq!(steps.len(), 4, "{view}");
    assert!(steps.iter().all(|step| step.get("next_attempt").is_none()), "{view}");
}

/// Loopback transports for the server's sender: an SMTP sink (down until started) and an SMS
/// webhook receiver.
struct Sinks {
    smtp_port: u16,
    sms_url: String,
    sms: track_server::sink::Inbox<track_server::sink::SmsRequest>,
    runtime: tokio::runtime::Runtime,
}

impl Sinks {
    fn new() -> Sinks {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let smtp_port = listener.local_addr().unwrap().port();
        drop(listener);
        let (sms_url, sms) = runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let url = format!("http://{}/sms", listener.local_addr().unwrap());
            let gateway = track_server::sink::Gateway { header: "x-gateway-key".into(), secret: "secret".into(), answer: axum::http::StatusCode::ACCEPTED };
            (url, track_server::sink::webhook_receiver(listener, gateway))
        });
        Sinks { smtp_port, sms_url, sms, runtime }
    }

    fn transports(&self) -> track_server::Transports {
        track_server::Transports {
            smtp: Some(track_server::outbound::SmtpConfig {
                host: "127.0.0.1".into(),
                port: self.smtp_port,
                security: track_server::outbound::SmtpSecurity::None,
                from: "Track <no-reply@track.example>".into(),
                credentials: None,
            }),
            sms: Some(track_server::outbound::SmsWebhook {
                url: self.sms_url.clone(),
                auth_header: Some(("X-Gateway-Key".into(), "secret".into())),
            }),
        }
    }

    fn send(&self, app: &Arc<App>) -> track_server::notify::SendRound {
        self.runtime.block_on(track_server::notify::send_due(app)).unwrap()
    }

    fn sms_keys(&self) -> Vec<String> {
        self.sms.lock().unwrap().iter().map(|r| r.body["idempotency_key"].as_str().unwrap().to_string()).collect()
    }
}

/// Orders 1..=4 of `day()` again, now with the customer's e-mail and language.
fn with_contact(s: &Server) {
    let orders: Vec<Value> = (1..=4)
        .map(|n| {
            let mut o = order_json(n, SELLER, if n == 4 { "fba" } else { "self-delivery" });
            o["contact"] = json!({"email": format!("customer{n}@example.in"), "language": if n == 2 { "hi-IN" } else { "en" }});
            o
        })
        .collect();
    let (st, body) = s.post("v1/admin/orders", Some(ADMIN), json!({"orders": orders}));
    assert_eq!(st, StatusCode::OK, "{body}");
}

#[test]
fn notifications_sent_by_email_and_sms_smtp_down_then_up_never_twice_never_for_a_refused_event() {
    let sinks = Sinks::new();
    let transports = sinks.transports();
    let s = Server::start_with(india("2026-11-23", "09:00:00"), |c| {
        c.notifications = Some(transports);
        c.public_url = "https://track.example".into();
        // The background sender stays out of the way: this test runs the rounds itself.
        c.send_every = std::time::Duration::from_secs(3600);
    });
    let token = s.day();
    with_contact(&s);
    // Shipped (orders 1..=3: Self-Delivery with a contact) and out for delivery (order 1).
    assert_eq!(status(&s.push(&token, vec![event(1, "ofd", 1, s.clock_now())])[0]), "accepted");
    // A refused event (the FBA order) is never notified.
    assert_eq!(status(&s.push(&token, vec![event(2, "ofd", 4, s.clock_now())])[0]), "rejected");

    // The SMTP sink is down: the SMS go, the e-mails wait for the retry.
    let round = sinks.send(&s.app);
    assert_eq!((round.claimed, round.sent, round.retried), (4, 4, 4), "{round:?}");
    let keys = sinks.sms_keys();
    assert_eq!(keys.len(), 4);
    assert!(keys.iter().all(|k| k.ends_with(".sms")));
    let texts: Vec<String> = sinks.sms.lock().unwrap().iter().map(|r| r.body["text"].as_str().unwrap().to_string()).collect();
    assert!(texts.iter().any(|t| t.contains("is out for delivery and arrives today") && t.contains(&tracking(1))), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("भेज दिया गया") && t.contains(&tracking(2))), "order 2's customer reads Hindi: {texts:?}");
    assert!(texts.iter().all(|t| !t.contains(&tracking(4))), "{texts:?}");

    // Up again: not before the backoff, then once.
    let inbox = track_server::sink::smtp_sink(std::net::TcpListener::bind(("127.0.0.1", sinks.smtp_port)).unwrap());
    assert_eq!(sinks.send(&s.app).claimed, 0, "the retry waits for its backoff");
    s.clock.advance(Duration::minutes(1));
    let round = sinks.send(&s.app);
    assert_eq!((round.claimed, round.sent, round.retried), (4, 4, 0), "{round:?}");
    {
        let mails = inbox.lock().unwrap();
        assert_eq!(mails.len(), 4);
        let to_1: Vec<_> = mails.iter().filter(|m| m.rcpt.iter().any(|r| r.contains("customer1@example.in"))).collect();
        assert_eq!(to_1.len(), 2, "shipped and out for delivery");
        assert!(to_1.iter().all(|m| m.data.contains("https://track.example/v1/tracking/")), "{:?}", to_1[0].data);
        assert!(mails.iter().all(|m| !m.rcpt.iter().any(|r| r.contains("customer4"))));
    }
    // Nothing left: no message goes twice.
    s.clock.advance(Duration::hours(2));
    assert_eq!(sinks.send(&s.app).claimed, 0);
    assert_eq!((inbox.lock().unwrap().len(), sinks.sms_keys().len()), (4, 4));
    // The admin take endpoint does not hand out what the server sent.
    let (_, due) = s.post("v1/admin/notifications/take", Some(ADMIN), json!({}));
    assert_eq!(due["notifications"].as_array().unwrap().len(), 0, "{due}");
}

#[test]
fn notifications_of_a_night_time_event_held_until_06_00_and_sent_once_by_two_processes() {
    let sinks = Sinks::new();
    let inbox = track_server::sink::smtp_sink(std::net::TcpListener::bind(("127.0.0.1", sinks.smtp_port)).unwrap());
    let transports = sinks.transports();
    let s = Server::start_with(india("2026-11-23", "20:00:00"), |c| {
        c.notifications = Some(transports.clone());
        c.send_every = std::time::Duration::from_secs(3600);
    });
    let token = s.day();
    with_contact(&s);
    assert_eq!(sinks.send(&s.app).sent, 6, "three orders shipped: e-mail and SMS each");
    // Out at 21:00, delivered at 21:50, synced at 22:30: held until 06:00.
    s.clock.set(india("2026-11-23", "22:30:00"));
    let r = s.push(&token, vec![event(1, "ofd", 1, india("2026-11-23", "21:00:00")), event(2, "delivered", 1, india("2026-11-23", "21:50:00"))]);
    assert!(r.iter().all(|x| status(x) == "accepted"), "{r:?}");
    assert_eq!(sinks.send(&s.app).claimed, 0, "nothing at night");
    s.clock.set(india("2026-11-24", "05:59:00"));
    assert_eq!(sinks.send(&s.app).claimed, 0, "nothing before 06:00");
    s.clock.set(india("2026-11-24", "06:00:00"));

    // A second server process on the same database: both send at once, each message goes once.
    let mut config = Config::new(s.app.store().location().clone());
    config.clock = s.clock.clone();
    config.notifications = Some(transports);
    let other = App::open(config).unwrap();
    let (a, b) = sinks.runtime.block_on(async {
        let (a, b) = tokio::join!(track_server::notify::send_due(&s.app), track_server::notify::send_due(&other));
        (a.unwrap(), b.unwrap())
    });
    assert_eq!(a.claimed + b.claimed, 2, "ofd and delivered, each claimed by one process: {a:?} {b:?}");
    assert_eq!(a.sent + b.sent, 4);
    let mails = inbox.lock().unwrap().clone();
    assert_eq!(mails.len(), 3 + 2);
    let mut keys = sinks.sms_keys();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!((n, keys.len()), (5, 5), "no SMS twice: {keys:?}");
    let delivered = mails.iter().filter(|m| m.data.contains("was delivered")).count();
    assert_eq!(delivered, 1);
    assert_eq!(sinks.send(&s.app).claimed + sinks.send(&other).claimed, 0);
}

#[test]
fn the_servers_background_sender_sends_by_its_clock() {
    let sinks = Sinks::new();
    let inbox = track_server::sink::smtp_sink(std::net::TcpListener::bind(("127.0.0.1", sinks.smtp_port)).unwrap());
    let transports = sinks.transports();
    let s = Server::start_with(india("2026-11-23", "21:00:00"), |c| {
        c.notifications = Some(transports);
        c.send_every = std::time::Duration::from_millis(50);
    });
    let token = s.day();
    let wait_for = |n: usize| {
        for _ in 0..200 {
            if inbox.lock().unwrap().len() >= n {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        inbox.lock().unwrap().len()
    };
    // Accepted at 22:30 (the phone was offline): held, whatever the sender's rounds.
    s.clock.set(india("2026-11-23", "22:30:00"));
    s.push(&token, vec![event(1, "ofd", 1, india("2026-11-23", "21:00:00"))]);
    with_contact(&s);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(inbox.lock().unwrap().len(), 0, "nothing at night");
    assert!(sinks.sms_keys().is_empty());
    // The clock reaches 06:00: the sender's next rounds send the Out for Delivery and the three
    // Shipped messages, once each.
    s.clock.set(india("2026-11-24", "06:00:00"));
    assert_eq!(wait_for(4), 4);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(inbox.lock().unwrap().len(), 4, "each message once");
    assert_eq!(sinks.sms_keys().len(), 4);
}
