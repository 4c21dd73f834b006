//! The sync client: pushes the outbox to the backend first-in first-out in batches, stores each
//! event's answer in the same transaction that changes its state, and fetches order details so the
//! itinerary works offline.
//!
//! Blocking (it runs on the app's background worker): HTTP/1.1 with `ureq` over rustls on ring,
//! certificates checked by the platform's verifier (rustls-platform-verifier: on Android the
//! bridge initialises it with the app's Context). No async runtime: the phone's library carries
//! no tokio or hyper. ureq logs whole requests (paths with tracking IDs, the session token) at
//! trace level and redacted ones at debug: an app's logger keeps the `ureq` targets at debug or
//! above (the phone logs at info, the CLI caps them).

use std::collections::HashSet;
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use chrono::Utc;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use ureq::http::{Method, Request, Response, StatusCode, Uri, header};
use ureq::tls::{RootCerts, TlsConfig};
use uuid::Uuid;

use super::backoff::{Backoff, parse_retry_after};
use super::error::SyncError;
use super::wire::{
    AccountCreated, AckStatus, ApiError, BatchResult, CreateAccount, EventBatch, Login, OrderList, PhotoStored, PositionKept,
    PositionUpdate, ProblemReportReceived, SellerMetrics, Session, TrackingView, WireEvent, WireOrder,
};
use crate::day::Day;
use crate::error::Error;
use crate::event::EventState;
use crate::order::{Customer, Order, OrderId, TrackingId};
use crate::refusal::RefusedScan;
use crate::storage::{outbox, photos, refusals, report_outbox, sync_state};

/// How the client talks to the server.
#[derive(Debug, Clone)]
pub struct SyncConfig {
    /// `https://…`; plain `http://` only to a loopback address.
    pub base_url: String,
    /// Per request, connection included.
    pub timeout: Duration,
    /// Events per `POST /v1/scan-events`.
    pub batch_size: usize,
    /// Attempts per request when the network or the server fails for a while.
    pub max_attempts: u32,
    pub backoff: Backoff,
    /// The longest single wait inside one sync; a longer Retry-After ends the sync with
    /// [`SyncError::RetryLater`], for the app's scheduler to honour.
    pub max_wait: Duration,
}

impl SyncConfig {
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            timeout: Duration::from_secs(15),
            batch_size: 100,
            max_attempts: 5,
            backoff: Backoff { base: Duration::from_millis(500), cap: Duration::from_secs(30) },
            max_wait: Duration::from_secs(60),
        }
    }
}

/// What one push did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyncReport {
    /// Events sent (counting each send).
    pub sent: u64,
    pub accepted: u64,
    pub duplicates: u64,
    pub rejected: u64,
    /// Events whose ID the server holds with other content: not recorded there, kept and reported.
    pub conflicts: u64,
    /// Events the server asked to send again later.
    pub retry_later: u64,
    /// Requests made.
    pub requests: u64,
    /// The scans the server refused in this push, with its reasons (kept on the phone:
    /// [`crate::sync::refused_scans`]).
    pub refused: Vec<RefusedScan>,
    /// Events still waiting after the push (pending, or sent without an answer).
    pub queued: u64,
    /// Proof-of-delivery photos uploaded in this push (after their events were accepted).
    pub photos_uploaded: u64,
    /// Photos the server refused for good in this push (their events stay recorded).
    pub photos_refused: u64,
    /// Photos still waiting after the push (for their event, or for a retry after a failure).
    pub photos_waiting: u64,
    /// Problem reports that reached the server in this push.
    pub reports_sent: u64,
    /// Problem reports still waiting after the push.
    pub reports_waiting: u64,
}

/// The most photos one push uploads (the rest go with the next one).
const PHOTOS_PER_PUSH: usize = 20;

/// What [`SyncClient::send_position`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PositionOutcome {
    /// No position was waiting (or parcels are no longer out, or the day closed).
    Nothing,
    /// The server keeps it for the customers' map.
    Kept,
    /// The server will not keep it (nothing out there, outside working hours, too old): forgotten.
    Dropped,
}

static CRYPTO_PROVIDER: Once = Once::new();

/// Installs rustls' ring provider for the process, once (aws-lc does not build for Android).
pub fn install_crypto_provider() {
    CRYPTO_PROVIDER.call_once(|| {
        // Err means another provider is already installed: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The client of one sync server.
pub struct SyncClient {
    http: ureq::Agent,
    /// The base URL up to its last `/` (`https://host:port/dir/`): request paths are relative
    /// to it, as a relative reference resolves against the base URL.
    base: String,
    config: SyncConfig,
    rng: Mutex<fastrand::Rng>,
}

/// The characters percent-encoded in one path segment (the URL standard's path-segment set).
const SEGMENT: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}').add(b'/').add(b'%');

/// The largest answer read (an order list of a busy seller is well under it).
const MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The checked base URL: `https://…`, or `http://…` to a loopback host; `scheme://authority/dir/`
/// (its path up to the last `/`, without query or fragment).
fn base_url(raw: &str) -> Result<String, SyncError> {
    let bad = || SyncError::BadUrl(raw.to_string());
    let uri: Uri = raw.trim().parse().map_err(|_| bad())?;
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else { return Err(bad()) };
    let (scheme, host) = (scheme.to_ascii_lowercase(), authority.host());
    if host.is_empty() {
        return Err(bad());
    }
    match scheme.as_str() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => return Err(SyncError::InsecureUrl(host.to_ascii_lowercase())),
        _ => return Err(bad()),
    }
    let path = uri.path();
    let dir = path.rfind('/').map_or("/", |end| &path[..=end]);
    let dir = if dir.starts_with('/') { dir } else { "/" };
    Ok(format!("{scheme}://{authority}{dir}"))
}

/// One request of the protocol, made again as is on each attempt.
struct Call<'a> {
    method: Method,
    url: &'a Uri,
    token: Option<&'a str>,
    /// The body and its content type.
    body: Option<(&'static str, &'a [u8])>,
}

impl<'a> Call<'a> {
    fn new(method: Method, url: &'a Uri) -> Self {
        Self { method, url, token: None, body: None }
    }

    fn token(mut self, token: &'a str) -> Self {
        self.token = Some(token);
        self
    }

    fn body(mut self, content_type: &'static str, bytes: &'a [u8]) -> Self {
        self.body = Some((content_type, bytes));
        self
    }
}

fn json_body(body: &impl Serialize) -> Result<Vec<u8>, SyncError> {
    serde_json::to_vec(body).map_err(|e| SyncError::Protocol(format!("the request could not be written: {e}")))
}

impl SyncClient {
    pub fn new(config: SyncConfig) -> Result<Self, SyncError> {
        let base = base_url(&config.base_url)?;
        install_crypto_provider();
        let tls = TlsConfig::builder()
            .root_certs(RootCerts::PlatformVerifier)
            .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .build();
        let http = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.timeout))
            // 4xx and 5xx are answers: [`read`] turns them into typed errors.
            .http_status_as_error(false)
            .user_agent(concat!("track-core/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build()
            .new_agent();
        Ok(Self { http, base, config, rng: Mutex::new(fastrand::Rng::new()) })
    }

    pub fn config(&self) -> &SyncConfig {
        &self.config
    }

    /// The URL of `path` (relative: `v1/…`) on the server.
    fn url(&self, path: &str) -> Result<Uri, SyncError> {
        let url = format!("{}{path}", self.base);
        url.parse().map_err(|_| SyncError::BadUrl(url))
    }

    /// Makes one request (one attempt).
    fn execute(&self, call: &Call) -> Result<Response<ureq::Body>, Failure> {
        let mut request = Request::builder().method(call.method.clone()).uri(call.url.clone());
        if let Some(token) = call.token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let sent = match call.body {
            Some((content_type, bytes)) => request.header(header::CONTENT_TYPE, content_type).body(bytes).map(|r| self.http.run(r)),
            None => request.body(()).map(|r| self.http.run(r)),
        };
        match sent {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(e)) => Err(SyncError::Network(describe(&e)).into()),
            // A header the token cannot be written into.
            Err(e) => Err(SyncError::Network(format!("the request could not be made: {e}")).into()),
        }
    }

    /// One request, retried with backoff while the network or the server fails for a while.
    fn send<T: DeserializeOwned>(&self, call: &Call) -> Result<T, SyncError> {
        let mut attempt = 0;
        loop {
            let outcome = self.execute(call).and_then(read::<T>);
            let (err, retry_after) = match outcome {
                Ok(v) => return Ok(v),
                Err(Failure { error, retry_after }) if error.is_transient() => (error, retry_after),
                Err(Failure { error, .. }) => return Err(error),
            };
            attempt += 1;
            if attempt >= self.config.max_attempts {
                return Err(match (err, retry_after) {
                    (_, Some(after)) => SyncError::RetryLater(after),
                    (err, None) => err,
                });
            }
            let delay = {
                let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
                self.config.backoff.delay(attempt - 1, retry_after, &mut rng)
            };
            if delay > self.config.max_wait {
                return Err(SyncError::RetryLater(delay));
            }
            log::info!("sync attempt {attempt} failed ({err}); retrying in {} ms", delay.as_millis());
            std::thread::sleep(delay);
        }
    }

    /// Creates a delivery associate's account.
    pub fn create_account(&self, body: &CreateAccount) -> Result<AccountCreated, SyncError> {
        let url = self.url("v1/accounts")?;
        let body = json_body(body)?;
        self.send(&Call::new(Method::POST, &url).body(JSON, &body))
    }

    /// Logs in with a phone number or an e-mail address.
    pub fn login(&self, body: &Login) -> Result<Session, SyncError> {
        let url = self.url("v1/sessions")?;
        let body = json_body(body)?;
        self.send(&Call::new(Method::POST, &url).body(JSON, &body))
    }

    /// Logs out: the server revokes the session's token (a later request with it is refused as
    /// [`SyncError::LoginRequired`]). Nothing on the phone changes: the outbox is kept for the
    /// next session. A token already expired or revoked is [`SyncError::LoginRequired`].
    pub fn logout(&self, token: &str) -> Result<(), SyncError> {
        let url = self.url("v1/sessions")?;
        let _: serde_json::Value = self.send(&Call::new(Method::DELETE, &url).token(token))?;
        Ok(())
    }

    /// Fetches the open orders of the DA's seller into the phone's database, so the itinerary and
    /// order details work offline. Returns how many were stored.
    pub fn fetch_orders(&self, token: &str, it: &Day) -> Result<usize, Error> {
        let url = self.url("v1/orders")?;
        let list: OrderList = self.send(&Call::new(Method::GET, &url).token(token))?;
        let orders: Vec<Order> = list.orders.iter().filter_map(|o| to_order(o).map_err(|_| log::warn!("an order from the server was skipped: its IDs are not valid")).ok()).collect();
        it.import_orders(&orders)
    }

    /// Fetches one order's details into the phone's database.
    pub fn fetch_order(&self, token: &str, tracking_id: &TrackingId, it: &Day) -> Result<(), Error> {
        let url = self.url(&format!("v1/orders/{}", segment(tracking_id.as_str())))?;
        let order: WireOrder = self.send(&Call::new(Method::GET, &url).token(token))?;
        it.import_orders(&[to_order(&order)?])?;
        Ok(())
    }

    /// The customer's view of a parcel.
    pub fn tracking(&self, tracking_id: &TrackingId) -> Result<TrackingView, SyncError> {
        let url = self.url(&format!("v1/tracking/{}", segment(tracking_id.as_str())))?;
        self.send(&Call::new(Method::GET, &url))
    }

    /// A seller's delivery metrics.
    pub fn seller_metrics(&self, token: &str, seller_id: &str) -> Result<SellerMetrics, SyncError> {
        let url = self.url(&format!("v1/sellers/{}/metrics", segment(seller_id)))?;
        self.send(&Call::new(Method::GET, &url).token(token))
    }

    /// Pushes the outbox: oldest first, in batches, until nothing is left to send or the server
    /// cannot be reached. Each answer is stored in the transaction that changes the event's state;
    /// a rejected event is marked with the server's message and does not block the others; an
    /// event the server asks to retry holds back the later events of its order until next time.
    /// Then, never before the events, the problem reports and the photo queue
    /// ([`SyncClient::upload_photos`]); their failures never fail the push.
    pub fn push(&self, token: &str, it: &Day) -> Result<SyncReport, Error> {
        let result = self.push_inner(token, it).and_then(|mut report| {
            self.send_reports(token, it, &mut report)?;
            self.upload_photos(token, it, &mut report)?;
            Ok(report)
        });
        // After the outbox: the DA's latest position, if one is waiting. Its failure fails no
        // push (it waits for the next one, or is replaced by a newer position).
        if result.is_ok() {
            if let Err(e) = self.send_position(token, it) {
                log::info!("the DA's position was not sent: {e}");
            }
        }
        let now = it.now();
        it.store().write(|db| match &result {
            Ok(_) => sync_state::record_success(db, now),
            Err(e) => sync_state::record_failure(db, &e.to_string(), now),
        })?;
        result
    }

    /// Sends the DA's latest position (`PUT /v1/positions/current`) when one is waiting
    /// ([`Day::position_to_send`]). Sent or refused for good (409, 422): forgotten; a network
    /// error or a 5xx: kept for the next sync.
    pub fn send_position(&self, token: &str, it: &Day) -> Result<PositionOutcome, Error> {
        let Some(location) = it.position_to_send()? else { return Ok(PositionOutcome::Nothing) };
        let fix_ms = location.fix_time_ms.unwrap_or_default();
        let device_id = it.store().read(sync_state::device_id)?;
        let url = self.url("v1/positions/current")?;
        let body = json_body(&PositionUpdate { device_id, location })?;
        match self.send::<PositionKept>(&Call::new(Method::PUT, &url).token(token).body(JSON, &body)) {
            Ok(_) => {
                it.position_sent(fix_ms)?;
                Ok(PositionOutcome::Kept)
            }
            Err(SyncError::Server { status: 409 | 422, code, .. }) => {
                log::info!("the server did not keep the DA's position: {code}");
                it.position_sent(fix_ms)?;
                Ok(PositionOutcome::Dropped)
            }
            Err(e) => Err(e.into()),
        }
    }

    fn push_inner(&self, token: &str, it: &Day) -> Result<SyncReport, Error> {
        let device_id = it.store().read(sync_state::device_id)?;
        let url = self.url("v1/scan-events")?;
        let mut held: HashSet<TrackingId> = HashSet::new();
        let mut report = SyncReport::default();
        let mut refused_ids: Vec<Uuid> = Vec::new();
        let limit = self.config.batch_size.clamp(1, super::wire::MAX_BATCH);
        loop {
            let batch = it.store().read(|db| outbox::next_batch(db, limit, &held))?;
            if batch.is_empty() {
                break;
            }
            let now = it.now();
            it.store().write(|db| outbox::mark_sent(db, &batch))?;
            let body = json_body(&EventBatch { device_id, events: batch.iter().map(WireEvent::from).collect() })?;
            report.sent += batch.len() as u64;
            report.requests += 1;
            let answer: BatchResult = self.send(&Call::new(Method::POST, &url).token(token).body(JSON, &body))?;
            let by_id: std::collections::HashMap<Uuid, _> = answer.results.iter().map(|r| (r.event_id, r)).collect();
            if let Some(missing) = batch.iter().find(|e| !by_id.contains_key(&e.event_id)) {
                return Err(SyncError::Protocol(format!("no answer for event #{}", missing.seq)).into());
            }
            it.store().write(|db| {
                for e in &batch {
                    let Some(r) = by_id.get(&e.event_id) else { continue };
                    let received = r.received_at.map(|t| t.timestamp_millis());
                    let (state, counter) = match r.status {
                        AckStatus::Accepted => (EventState::Acknowledged, &mut report.accepted),
                        AckStatus::Duplicate => (EventState::Acknowledged, &mut report.duplicates),
                        AckStatus::Rejected => (EventState::Rejected, &mut report.rejected),
                        AckStatus::Conflict => (EventState::Conflict, &mut report.conflicts),
                        AckStatus::Retry => {
                            held.insert(e.tracking_id.clone());
                            (EventState::Pending, &mut report.retry_later)
                        }
                    };
                    *counter += 1;
                    if matches!(r.status, AckStatus::Rejected | AckStatus::Conflict) {
                        let what = if r.status == AckStatus::Conflict { "in conflict" } else { "rejected" };
                        log::warn!("event #{} for {} {what}: {}", e.seq, e.tracking_id.redacted(), r.code.as_deref().unwrap_or("?"));
                    }
                    outbox::record_answer(db, &e.event_id, state, r.code.as_deref(), r.message.as_deref(), received)?;
                    if r.status == AckStatus::Rejected {
                        let code = r.code.as_deref().unwrap_or("");
                        refusals::record(db, &e.event_id, &e.tracking_id, code, r.message.as_deref().unwrap_or(""), now)?;
                        refused_ids.push(e.event_id);
                    }
                }
                Ok(())
            })?;
        }
        let (refused, counts) = it.store().read(|db| Ok((refusals::all(db)?, outbox::counts(db)?)))?;
        report.refused = refused.into_iter().filter(|r| refused_ids.contains(&r.event.event_id)).collect();
        report.queued = counts.pending + counts.sent;
        Ok(report)
    }
}

impl SyncClient {
    /// Sends the queued problem reports (`POST /v1/problem-reports`, idempotent by report ID).
    /// A report the server cannot take now waits for the next push; one it refuses for good is
    /// logged and kept unsent.
    fn send_reports(&self, token: &str, it: &Day, report: &mut SyncReport) -> Result<(), Error> {
        let url = self.url("v1/problem-reports")?;
        for (report_id, body) in it.store().read(report_outbox::pending)? {
            report.requests += 1;
            let sent = self.send::<ProblemReportReceived>(&Call::new(Method::POST, &url).token(token).body(JSON, body.as_bytes()));
            match sent {
                Ok(_) => {
                    let now = it.now();
                    it.store().write(|db| report_outbox::mark_sent(db, &report_id, now))?;
                    report.reports_sent += 1;
                }
                Err(SyncError::LoginRequired) => return Err(SyncError::LoginRequired.into()),
                Err(e) => {
                    log::warn!("problem report {report_id} not sent: {e}");
                    if e.is_transient() {
                        break;
                    }
                }
            }
        }
        report.reports_waiting = it.store().read(report_outbox::pending_count)?;
        Ok(())
    }

    /// Uploads the photo queue: each photo whose event the server accepted and whose backoff is
    /// over, once (`PUT /v1/scan-events/{event_id}/photo`, idempotent per event, so an upload cut
    /// by a kill or a lost answer is simply made again). A passing failure (network, 5xx, 429,
    /// 408) makes that photo wait by the sync backoff, counted in its attempts, and ends the
    /// uploads of this push; a refusal for good (not a JPEG, too large, not a delivery…) drops the
    /// photo and keeps the reason. Photos of refused events are dropped. Scan events never wait
    /// for photos.
    pub fn upload_photos(&self, token: &str, it: &Day, report: &mut SyncReport) -> Result<(), Error> {
        it.store().write(|db| photos::drop_for_refused_events(db).map(|_| ()))?;
        let due = it.store().read(|db| photos::due(db, it.now(), PHOTOS_PER_PUSH))?;
        for photo in due {
            let url = self.url(&format!("v1/scan-events/{}/photo", photo.event_id))?;
            report.requests += 1;
            let outcome =
                self.execute(&Call::new(Method::PUT, &url).token(token).body("image/jpeg", &photo.bytes)).and_then(read::<PhotoStored>);
            let now = it.now();
            match outcome {
                Ok(stored) if stored.sha256.eq_ignore_ascii_case(&photo.sha256) => {
                    it.store().write(|db| photos::uploaded(db, &photo.event_id))?;
                    report.photos_uploaded += 1;
                }
                Ok(stored) => {
                    let why = format!("the server stored another photo for this delivery (SHA-256 {})", stored.sha256);
                    log::warn!("photo of event for {} refused: {why}", photo.tracking_id.redacted());
                    it.store().write(|db| photos::refused(db, &photo.event_id, &why))?;
                    report.photos_refused += 1;
                }
                Err(Failure { error: SyncError::LoginRequired, .. }) => return Err(SyncError::LoginRequired.into()),
                Err(Failure { error, retry_after }) if error.is_transient() || matches!(error, SyncError::Server { status: 408, .. }) => {
                    let delay = {
                        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
                        self.config.backoff.delay(photo.attempts, retry_after, &mut rng)
                    };
                    let next = chrono::Duration::from_std(delay).ok().and_then(|d| now.checked_add_signed(d)).unwrap_or(chrono::DateTime::<Utc>::MAX_UTC);
                    log::info!("photo upload for {} failed ({error}); next attempt in {} ms", photo.tracking_id.redacted(), delay.as_millis());
                    it.store().write(|db| photos::failed(db, &photo.event_id, next, &error.to_string()))?;
                    // The network or the server is failing for a while: the other photos wait
                    // for the next push rather than each meet the same failure now.
                    break;
                }
                Err(Failure { error, .. }) => {
                    log::warn!("photo of event for {} refused: {error}", photo.tracking_id.redacted());
                    it.store().write(|db| photos::refused(db, &photo.event_id, &error.to_string()))?;
                    report.photos_refused += 1;
                }
            }
        }
        report.photos_waiting = it.store().read(photos::counts)?.waiting;
        Ok(())
    }
}

fn to_order(o: &WireOrder) -> Result<Order, Error> {
    Ok(Order {
        order_id: OrderId::parse(&o.order_id)?,
        tracking_id: TrackingId::parse(&o.tracking_id)?,
        channel: o.channel,
        seller: o.seller.clone(),
        customer: Customer { name: o.customer.name.clone(), address: o.customer.address.clone(), phone: o.customer.phone.clone() },
    })
}

struct Failure {
    error: SyncError,
    retry_after: Option<Duration>,
}

impl From<SyncError> for Failure {
    fn from(error: SyncError) -> Self {
        Self { error, retry_after: None }
    }
}

/// The content type of the protocol's bodies.
const JSON: &str = "application/json";

/// `text` as one path segment (percent-encoded).
fn segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// What went wrong on the way, for [`SyncError::Network`]: "timed out", "cannot connect", or the
/// error with its causes (a TLS failure names the certificate problem).
fn describe(e: &ureq::Error) -> String {
    use std::io::ErrorKind;
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => "cannot connect".into(),
        ureq::Error::Io(io) if io.kind() == ErrorKind::TimedOut => "timed out".into(),
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                ErrorKind::ConnectionRefused | ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable | ErrorKind::AddrNotAvailable
            ) =>
        {
            "cannot connect".into()
        }
        ureq::Error::Io(io) => {
            let mut s = e.to_string();
            let mut source = std::error::Error::source(io);
            while let Some(inner) = source {
                s = format!("{s}: {inner}");
                source = inner.source();
            }
            s
        }
        _ => e.to_string(),
    }
}

fn read<T: DeserializeOwned>(mut resp: Response<ureq::Body>) -> Result<T, Failure> {
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, Utc::now()));
    let body = resp.body_mut().with_config().limit(MAX_ANSWER_BYTES).read_to_vec().map_err(|e| SyncError::Network(describe(&e)))?;
    if status.is_success() {
        return serde_json::from_slice(&body).map_err(|e| SyncError::Protocol(e.to_string()).into());
    }
    let (code, message) = match serde_json::from_slice::<ApiError>(&body) {
        Ok(ApiError { error }) => (error.code, error.message),
        Err(_) => (status.as_str().to_string(), status.canonical_reason().unwrap_or("error").to_string()),
    };
    let error = match status {
        StatusCode::UNAUTHORIZED => SyncError::LoginRequired,
        StatusCode::FORBIDDEN => SyncError::Forbidden(message),
        _ => SyncError::Server { status: status.as_u16(), code, message },
    };
    Err(Failure { error, retry_after })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in ["https://sync.example.in/", "http://127.0.0.1:8080/", "http://localhost/", "http://[::1]:9/"] {
            assert!(SyncClient::new(SyncConfig::new(ok)).is_ok(), "{ok}");
        }
        assert!(matches!(SyncClient::new(SyncConfig::new("http://sync.example.in/")), Err(SyncError::InsecureUrl(h)) if h == "sync.example.in"));
        assert!(matches!(SyncClient::new(SyncConfig::new("http://10.0.0.2/")), Err(SyncError::InsecureUrl(_))));
        assert!(matches!(SyncClient::new(SyncConfig::new("ftp://x/")), Err(SyncError::BadUrl(_))));
        assert!(matches!(SyncClient::new(SyncConfig::new("not a url")), Err(SyncError::BadUrl(_))));
        assert!(matches!(SyncClient::new(SyncConfig::new("HTTP://Sync.Example.IN/")), Err(SyncError::InsecureUrl(h)) if h == "sync.example.in"));
        assert!(SyncClient::new(SyncConfig::new(" HTTPS://Sync.Example.IN ")).is_ok());
    }

    #[test]
    fn request_paths_resolve_against_the_base_url() {
        let url = |base: &str, path: &str| SyncClient::new(SyncConfig::new(base)).expect(base).url(path).expect(path).to_string();
        assert_eq!(url("http://127.0.0.1:8080", "v1/orders"), "http://127.0.0.1:8080/v1/orders");
        assert_eq!(url("https://sync.example.in/", "v1/orders"), "https://sync.example.in/v1/orders");
        // As a relative reference resolves: the base's last segment is replaced, its query dropped.
        assert_eq!(url("https://example.in/track/api?x=1", "v1/orders"), "https://example.in/track/v1/orders");
        assert_eq!(url("https://example.in/track/", "v1/orders"), "https://example.in/track/v1/orders");
        assert_eq!(url("http://[::1]:9/", "v1/sessions"), "http://[::1]:9/v1/sessions");
        assert_eq!(url("HTTPS://example.in/", "v1/sessions"), "https://example.in/v1/sessions");
    }

    /// A server on loopback that answers one request with `response` (a whole HTTP answer).
    fn answer_once(response: &'static str) -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("address"));
        std::thread::spawn(move || {
            let Ok((mut conn, _)) = listener.accept() else { return };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).is_ok_and(|n| n == 1) {
                head.push(byte[0]);
            }
            let _ = conn.write_all(response.as_bytes());
        });
        url
    }

    fn once(url: &str) -> SyncClient {
        let mut config = SyncConfig::new(url);
        config.max_attempts = 1;
        config.timeout = Duration::from_secs(10);
        SyncClient::new(config).expect("client")
    }

    #[test]
    fn answers_become_typed_errors() {
        let answer = |status: &str, headers: &str, body: &str| -> &'static str {
            format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n{body}", body.len()).leak()
        };
        let json = |code: &str, message: &str| format!(r#"{{"error":{{"code":"{code}","message":"{message}"}}}}"#);
        let logout = |response| once(&answer_once(response)).logout("a-token").expect_err("a refusal");
        assert_eq!(logout(answer("401 Unauthorized", "", &json("unauthorized", "token expired"))), SyncError::LoginRequired);
        assert_eq!(logout(answer("403 Forbidden", "", &json("forbidden", "not enrolled"))), SyncError::Forbidden("not enrolled".into()));
        assert_eq!(
            logout(answer("409 Conflict", "", &json("conflict", "event ID reused"))),
            SyncError::Server { status: 409, code: "conflict".into(), message: "event ID reused".into() }
        );
        // Not the protocol's error body: the status names it.
        assert_eq!(
            logout(answer("503 Service Unavailable", "", "<html>down</html>")),
            SyncError::Server { status: 503, code: "503".into(), message: "Service Unavailable".into() }
        );
        // A Retry-After longer than the longest wait ends the sync for the app's scheduler.
        let mut config = SyncConfig::new(answer_once(answer("429 Too Many Requests", "retry-after: 120\r\n", &json("too_many_attempts", "slow down"))));
        config.max_attempts = 3;
        let client = SyncClient::new(config).expect("client");
        assert_eq!(client.logout("a-token"), Err(SyncError::RetryLater(Duration::from_secs(120))));
        // A success whose body is not the expected JSON.
        assert!(matches!(logout(answer("200 OK", "", "not json")), SyncError::Protocol(_)));
    }

    #[test]
    fn network_failures_are_named() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address");
        assert_eq!(once(&format!("http://{closed}/")).logout("t"), Err(SyncError::Network("cannot connect".into())));
        // Accepted by the kernel, never answered.
        let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let mut config = SyncConfig::new(format!("http://{}/", silent.local_addr().expect("address")));
        config.max_attempts = 1;
        config.timeout = Duration::from_millis(300);
        assert_eq!(SyncClient::new(config).expect("client").logout("t"), Err(SyncError::Network("timed out".into())));
        // The connection closed without an answer.
        let err = once(&answer_once("")).logout("t").expect_err("no answer");
        assert!(matches!(&err, SyncError::Network(why) if !why.is_empty()), "{err:?}");
        assert!(err.is_transient());
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(segment("SELLER-1"), "SELLER-1");
        assert_eq!(segment("a/b c?d#e%"), "a%2Fb%20c%3Fd%23e%25");
        assert_eq!(segment("दिल्ली"), "%E0%A4%A6%E0%A4%BF%E0%A4%B2%E0%A5%8D%E0%A4%B2%E0%A5%80");
    }
}
