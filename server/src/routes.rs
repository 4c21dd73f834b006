//! The HTTP layer: thin handlers that read the request, call [`App`] on a blocking thread and
//! write its answer or its [`Failure`] as JSON.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, QueryRejection};
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use track_core::sync::wire::{ApiError, ApiErrorBody, CreateAccount, EventBatch, Login};

use crate::admin::{OrderBatch, SellerSpec};
use crate::enrol::DaPhone;
use crate::shipments::{
    AddBoxes, BoxFileApplied, BoxTracking, CarrierChange, NewShipment, ProNumber, SellerTrackingMetrics, ShipmentList, ShipmentView,
    TrackingConfirmation, TrackingEntry, WindowSpec,
};
use crate::app::App;
use crate::error::Failure;

/// The OpenAPI description of the protocol, served at `/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("../../docs/openapi.json");

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = self.retry_after;
        let body = ApiError { error: ApiErrorBody { code: self.code.to_string(), message: self.message } };
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, secs.into());
        }
        response
    }
}

type Reply<T> = Result<Json<T>, Failure>;

/// Runs blocking work (SQLite, password hashing) off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, Failure> + Send + 'static) -> Reply<T> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map(Json),
        Err(e) => {
            log::error!("a request handler failed: {e}");
            Err(Failure::internal("the server failed while handling this request"))
        }
    }
}

/// A JSON body, or a 400 (413 when too large) that says what is wrong with it.
fn body<T>(parsed: Result<Json<T>, JsonRejection>) -> Result<T, Failure> {
    parsed.map(|Json(v)| v).map_err(|rejection| {
        let status = rejection.status().as_u16();
        let code = if status == 413 { "body_too_large" } else { "malformed_body" };
        Failure::new(if status == 413 { 413 } else { 400 }, code, rejection.body_text())
    })
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string()).filter(|t| !t.is_empty())
}

async fn create_account(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Result<Json<CreateAccount>, JsonRejection>,
) -> Response {
    let req = match body(req) {
        Ok(r) => r,
        Err(f) => return f.into_response(),
    };
    match blocking(move || app.create_account(&req, &peer.ip().to_string())).await {
        Ok(created) => (StatusCode::CREATED, created).into_response(),
        Err(f) => f.into_response(),
    }
}

async fn login(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Result<Json<Login>, JsonRejection>,
) -> Reply<track_core::sync::wire::Session> {
    let req = body(req)?;
    blocking(move || app.login(&req, &peer.ip().to_string())).await
}

#[derive(Serialize)]
struct LoggedOut {
    revoked: bool,
}

async fn logout(State(app): State<Arc<App>>, headers: HeaderMap) -> Reply<LoggedOut> {
    let token = bearer(&headers);
    blocking(move || {
        app.authenticate(token.as_deref())?;
        app.revoke(token.as_deref().unwrap_or_default())?;
        Ok(LoggedOut { revoked: true })
    })
    .await
}

async fn orders(State(app): State<Arc<App>>, headers: HeaderMap) -> Reply<track_core::sync::wire::OrderList> {
    let token = bearer(&headers);
    blocking(move || app.open_orders(&app.authorize(token.as_deref())?)).await
}

async fn order(State(app): State<Arc<App>>, headers: HeaderMap, Path(tracking_id): Path<String>) -> Reply<track_core::sync::wire::WireOrder> {
    let token = bearer(&headers);
    blocking(move || app.order(&app.authorize(token.as_deref())?, &tracking_id)).await
}

async fn scan_events(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    req: Result<Json<EventBatch>, JsonRejection>,
) -> Reply<track_core::sync::wire::BatchResult> {
    let token = bearer(&headers);
    // One blocking task for the gate and the intake (one hop off the async workers, not two).
    blocking(move || {
        // Who is asking comes first: a stranger learns nothing about the body.
        let caller = app.authorize(token.as_deref())?;
        let batch = body(req)?;
        app.ingest(&caller, &batch)
    })
    .await
}

async fn put_position(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    req: Result<Json<track_core::sync::wire::PositionUpdate>, JsonRejection>,
) -> Reply<track_core::sync::wire::PositionKept> {
    let token = bearer(&headers);
    // Who is asking comes first, as for scan events.
    let caller = {
        let app = app.clone();
        blocking(move || app.authorize(token.as_deref())).await?.0
    };
    let update = body(req)?;
    blocking(move || app.put_position(&caller, &update)).await
}

async fn tracking(State(app): State<Arc<App>>, Path(tracking_id): Path<String>) -> Reply<track_core::sync::wire::TrackingView> {
    blocking(move || app.tracking(&tracking_id)).await
}

async fn metrics(State(app): State<Arc<App>>, headers: HeaderMap, Path(seller_id): Path<String>) -> Reply<track_core::sync::wire::SellerMetrics> {
    let token = bearer(&headers);
    blocking(move || app.seller_metrics(&app.authorize(token.as_deref())?, &seller_id)).await
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn put_seller(State(app): State<Arc<App>>, headers: HeaderMap, req: Result<Json<SellerSpec>, JsonRejection>) -> Reply<crate::admin::Stored> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    blocking(move || app.put_seller(&req)).await
}

async fn put_orders(State(app): State<Arc<App>>, headers: HeaderMap, req: Result<Json<OrderBatch>, JsonRejection>) -> Reply<crate::admin::Stored> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    blocking(move || app.put_orders(&req)).await
}

async fn add_da(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(seller_id): Path<String>,
    req: Result<Json<DaPhone>, JsonRejection>,
) -> Reply<crate::enrol::DaAdded> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    blocking(move || app.add_da(&seller_id, &req.phone)).await
}

async fn remove_da(State(app): State<Arc<App>>, headers: HeaderMap, Path((seller_id, phone)): Path<(String, String)>) -> Reply<crate::enrol::DaRemoved> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.remove_da(&seller_id, &phone)).await
}

async fn das_of(State(app): State<Arc<App>>, headers: HeaderMap, Path(seller_id): Path<String>) -> Reply<crate::enrol::DaRoster> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.das_of(&seller_id)).await
}

async fn create_shipment(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(seller_id): Path<String>,
    req: Result<Json<NewShipment>, JsonRejection>,
) -> Response {
    let created = async {
        app.authenticate_admin(bearer(&headers).as_deref())?;
        let req = body(req)?;
        blocking(move || app.create_shipment(&seller_id, &req)).await
    };
    match created.await {
        Ok(view) => (StatusCode::CREATED, view).into_response(),
        Err(f) => f.into_response(),
    }
}

async fn shipments(State(app): State<Arc<App>>, headers: HeaderMap, Path(seller_id): Path<String>) -> Reply<ShipmentList> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.shipments(&seller_id)).await
}

async fn shipment(State(app): State<Arc<App>>, headers: HeaderMap, Path((seller_id, shipment_id)): Path<(String, String)>) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.shipment(&seller_id, &shipment_id)).await
}

async fn add_boxes(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((seller_id, shipment_id)): Path<(String, String)>,
    req: Result<Json<AddBoxes>, JsonRejection>,
) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    blocking(move || app.add_boxes(&seller_id, &shipment_id, &req)).await
}

/// A box number from a path: 1, 2, 3…; anything else is no box (422 `no_such_box`).
fn box_no(raw: &str) -> Result<usize, Failure> {
    raw.parse().map_err(|_| Failure::new(422, "no_such_box", format!("{raw:?} is not a box number: boxes are numbered 1, 2, 3…")))
}

async fn set_box(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((seller_id, shipment_id, n)): Path<(String, String, String)>,
    req: Result<Json<BoxTracking>, JsonRejection>,
) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    let n = box_no(&n)?;
    blocking(move || app.set_box_tracking(&seller_id, &shipment_id, n, &req)).await
}

async fn clear_box(State(app): State<Arc<App>>, headers: HeaderMap, Path((seller_id, shipment_id, n)): Path<(String, String, String)>) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let n = box_no(&n)?;
    blocking(move || app.clear_box_tracking(&seller_id, &shipment_id, n)).await
}

/// A box tracking file: `text/csv`, `box,tracking_id`.
async fn box_file(State(app): State<Arc<App>>, headers: HeaderMap, Path((seller_id, shipment_id)): Path<(String, String)>, csv: Bytes) -> Reply<BoxFileApplied> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.apply_box_file(&seller_id, &shipment_id, &csv)).await
}

async fn set_pro(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((seller_id, shipment_id)): Path<(String, String)>,
    req: Result<Json<ProNumber>, JsonRejection>,
) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    blocking(move || app.set_pro_number(&seller_id, &shipment_id, &req)).await
}

async fn change_carrier(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((seller_id, shipment_id)): Path<(String, String)>,
    req: Result<Json<CarrierChange>, JsonRejection>,
) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    blocking(move || app.change_carrier(&seller_id, &shipment_id, &req)).await
}

async fn set_window(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((seller_id, shipment_id)): Path<(String, String)>,
    req: Result<Json<WindowSpec>, JsonRejection>,
) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    blocking(move || app.set_window(&seller_id, &shipment_id, &req)).await
}

async fn ready_to_ship(State(app): State<Arc<App>>, headers: HeaderMap, Path((seller_id, shipment_id)): Path<(String, String)>) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.mark_ready_to_ship(&seller_id, &shipment_id)).await
}

async fn received(State(app): State<Arc<App>>, headers: HeaderMap, Path((seller_id, shipment_id)): Path<(String, String)>) -> Reply<ShipmentView> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.receive_shipment(&seller_id, &shipment_id)).await
}

async fn confirm_tracking(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((seller_id, order_id)): Path<(String, String)>,
    req: Result<Json<TrackingEntry>, JsonRejection>,
) -> Reply<TrackingConfirmation> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    let req = body(req)?;
    blocking(move || app.confirm_tracking(&seller_id, &order_id, &req)).await
}

async fn tracking_metrics(State(app): State<Arc<App>>, headers: HeaderMap, Path(seller_id): Path<String>) -> Reply<SellerTrackingMetrics> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.seller_tracking_metrics(&seller_id)).await
}

#[derive(Deserialize)]
struct EventQuery {
    tracking_id: Option<String>,
}

async fn events(State(app): State<Arc<App>>, headers: HeaderMap, Query(q): Query<EventQuery>) -> Reply<crate::admin::EventList> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.events(q.tracking_id.as_deref())).await
}

#[derive(Serialize)]
struct Due {
    notifications: Vec<crate::notify::Notification>,
}

async fn take_notifications(State(app): State<Arc<App>>, headers: HeaderMap) -> Reply<Due> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || Ok(Due { notifications: app.take_due_notifications()? })).await
}

/// Who is asking, from the bearer token: first, so a stranger learns nothing about the body.
async fn caller(app: &Arc<App>, headers: &HeaderMap) -> Result<crate::auth::Caller, Failure> {
    let token = bearer(headers);
    let app = app.clone();
    Ok(blocking(move || app.authorize(token.as_deref())).await?.0)
}

fn created_or_ok<T: Serialize>(created: bool, body: T) -> Response {
    (if created { StatusCode::CREATED } else { StatusCode::OK }, Json(body)).into_response()
}

/// `PUT /v1/scan-events/{event_id}/photo`: the photo of a Delivered scan, a JPEG body.
async fn put_photo(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(event_id): Path<String>,
    upload: Result<Bytes, BytesRejection>,
) -> Response {
    let result = async {
        let caller = caller(&app, &headers).await?;
        let jpeg = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("image/jpeg")));
        if !jpeg {
            return Err(Failure::new(415, "photo_not_jpeg", "send the photo as a JPEG, with Content-Type: image/jpeg"));
        }
        let upload = upload.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Failure::new(413, "photo_too_large", format!("a photo is at most {} bytes: take it at a lower resolution", crate::photos::MAX_PHOTO_BYTES))
            } else {
                Failure::new(400, "invalid_photo", rejection.body_text())
            }
        })?;
        let id = {
            let (app, caller) = (app.clone(), caller.clone());
            blocking(move || app.check_photo_upload(&caller, &event_id)).await?.0
        };
        app.clone().upload_photo(caller, id, upload).await
    }
    .await;
    match result {
        Ok((created, stored)) => created_or_ok(created, stored),
        Err(f) => f.into_response(),
    }
}

#[derive(Deserialize)]
struct PhotoQuery {
    expires: Option<i64>,
    sig: Option<String>,
}

/// `GET /v1/tracking/{tracking_id}/photos/{event_id}?expires=…&sig=…`: the customer's photo.
async fn customer_photo(
    State(app): State<Arc<App>>,
    Path((tracking_id, event_id)): Path<(String, String)>,
    query: Result<Query<PhotoQuery>, QueryRejection>,
) -> Response {
    let (expires, sig) = match query {
        Ok(Query(q)) => (q.expires, q.sig),
        Err(_) => (None, None),
    };
    match app.customer_photo(tracking_id, event_id, expires, sig).await {
        Ok(jpeg) => ([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "private, max-age=3600")], jpeg).into_response(),
        Err(f) => f.into_response(),
    }
}

/// `POST /v1/problem-reports`: a DA's problem report for support.
async fn problem_report(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    req: Result<Json<track_core::report::ProblemReport>, JsonRejection>,
) -> Response {
    let result = async {
        let caller = caller(&app, &headers).await?;
        let report = body(req)?;
        Ok::<_, Failure>(blocking(move || app.receive_problem_report(&caller, &report)).await?.0)
    }
    .await;
    match result {
        Ok((created, received)) => created_or_ok(created, received),
        Err(f) => f.into_response(),
    }
}

async fn admin_problem_report(State(app): State<Arc<App>>, headers: HeaderMap, Path(report_id): Path<String>) -> Reply<crate::reports::ProblemReportRecord> {
    app.authenticate_admin(bearer(&headers).as_deref())?;
    blocking(move || app.problem_report(&report_id)).await
}

async fn not_found() -> Failure {
    Failure::not_found("no such endpoint: see /v1/openapi.json")
}

/// Every route of the protocol.
pub fn router(app: Arc<App>) -> Router {
    let limit = app.config().body_limit;
    let timeout = app.config().request_timeout;
    Router::new()
        .route("/v1/accounts", post(create_account))
        .route("/v1/sessions", post(login).delete(logout))
        .route("/v1/orders", get(orders))
        .route("/v1/orders/{tracking_id}", get(order))
        .route("/v1/scan-events", post(scan_events))
        .route(
            "/v1/scan-events/{event_id}/photo",
            // Room for the largest photo and a little more, so a larger one reads as too large.
            put(put_photo).layer(DefaultBodyLimit::max(crate::photos::MAX_PHOTO_BYTES + 1)),
        )
        .route("/v1/problem-reports", post(problem_report))
        .route("/v1/positions/current", put(put_position))
        .route("/v1/tracking/{tracking_id}", get(tracking))
        .route("/v1/tracking/{tracking_id}/photos/{event_id}", get(customer_photo))
        .route("/v1/sellers/{seller_id}/metrics", get(metrics))
        .route("/v1/sellers/{seller_id}/das", post(add_da).get(das_of))
        .route("/v1/sellers/{seller_id}/das/{phone}", delete(remove_da))
        .route("/v1/sellers/{seller_id}/shipments", post(create_shipment).get(shipments))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}", get(shipment))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}/boxes", post(add_boxes))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}/boxes/{box_no}", put(set_box).delete(clear_box))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}/box-tracking", post(box_file))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}/pro-number", put(set_pro))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}/carrier", put(change_carrier))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}/window", put(set_window))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}/ready", post(ready_to_ship))
        .route("/v1/sellers/{seller_id}/shipments/{shipment_id}/received", post(received))
        .route("/v1/sellers/{seller_id}/orders/{order_id}/tracking", put(confirm_tracking))
        .route("/v1/sellers/{seller_id}/tracking-metrics", get(tracking_metrics))
        .route("/v1/openapi.json", get(openapi))
        .route("/v1/admin/sellers", post(put_seller))
        .route("/v1/admin/orders", post(put_orders))
        .route("/v1/admin/events", get(events))
        .route("/v1/admin/notifications/take", post(take_notifications))
        .route("/v1/admin/problem-reports/{report_id}", get(admin_problem_report))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .with_state(app)
}
