//! The one client of the admin endpoints (behind the admin token): seeding sellers and orders,
//! registering a seller's DAs, the seller's shipments and tracking details, reading recorded events. Used by the CLI and the cross-crate tests;
//! behind the `admin-client` feature.

use std::time::Duration;

use reqwest::blocking::{Client, RequestBuilder};
use reqwest::{Method, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::admin::{EventList, OrderBatch, SellerSpec, Stored};
use crate::enrol::{DaAdded, DaPhone, DaRemoved, DaRoster};
use crate::shipments::{
    AddBoxes, BoxFileApplied, BoxTracking, CarrierChange, NewShipment, ProNumber, SellerTrackingMetrics, ShipmentList, ShipmentView,
    TrackingConfirmation, TrackingEntry, WindowSpec,
};

/// Why an admin request failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{url:?} is not a URL: {detail}")]
    BadUrl { url: String, detail: String },
    #[error("cannot reach the server: {0}")]
    Unreachable(String),
    /// The server answered with an error: its status, its message (from the error body) and the
    /// body as sent.
    #[error("the server refused ({}): {message}", .status.as_u16())]
    Refused { path: String, status: reqwest::StatusCode, message: String, body: String },
    #[error("the server's answer is unreadable: {0}")]
    Unreadable(String),
}

/// The admin endpoints of one server.
pub struct AdminClient {
    http: Client,
    base: Url,
    token: String,
}

impl AdminClient {
    /// A client of the server at `base_url` with the admin `token`.
    pub fn new(base_url: &str, token: &str) -> Result<Self, AdminError> {
        track_core::sync::install_crypto_provider();
        let http = Client::builder().timeout(Duration::from_secs(30)).build().map_err(|e| AdminError::Unreachable(e.to_string()))?;
        let base = Url::parse(base_url).map_err(|e| AdminError::BadUrl { url: base_url.to_string(), detail: e.to_string() })?;
        Ok(Self { http, base, token: token.to_string() })
    }

    fn url(&self, segments: &[&str]) -> Result<Url, AdminError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| AdminError::BadUrl { url: self.base.to_string(), detail: "it cannot hold a path".into() })?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    fn send<T: DeserializeOwned>(&self, path: &str, request: RequestBuilder) -> Result<T, AdminError> {
        let resp = request.bearer_auth(&self.token).send().map_err(|e| AdminError::Unreachable(e.to_string()))?;
        let status = resp.status();
        let body = resp.text().unwrap_or_default();
        if !status.is_success() {
            let message = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
                .unwrap_or_else(|| body.chars().take(200).collect());
            return Err(AdminError::Refused { path: path.to_string(), status, message, body });
        }
        serde_json::from_str(&body).map_err(|e| AdminError::Unreadable(e.to_string()))
    }

    fn with_body<B: Serialize>(&self, method: Method, url: Url, body: &B) -> Result<RequestBuilder, AdminError> {
        let json = serde_json::to_string(body).map_err(|e| AdminError::Unreadable(e.to_string()))?;
        Ok(self.http.request(method, url).header("content-type", "application/json").body(json))
    }

    /// `POST /v1/admin/sellers`: creates or updates a seller.
    pub fn put_seller(&self, seller: &SellerSpec) -> Result<Stored, AdminError> {
        let url = self.url(&["v1", "admin", "sellers"])?;
        self.send("v1/admin/sellers", self.with_body(Method::POST, url, seller)?)
    }

    /// `POST /v1/admin/orders`: creates or updates orders.
    pub fn put_orders(&self, batch: &OrderBatch) -> Result<Stored, AdminError> {
        let url = self.url(&["v1", "admin", "orders"])?;
        self.send("v1/admin/orders", self.with_body(Method::POST, url, batch)?)
    }

    /// `GET /v1/admin/events`: the recorded events (of one tracking ID when given).
    pub fn events(&self, tracking_id: Option<&str>) -> Result<EventList, AdminError> {
        let mut url = self.url(&["v1", "admin", "events"])?;
        if let Some(t) = tracking_id {
            url.query_pairs_mut().append_pair("tracking_id", t);
        }
        self.send("v1/admin/events", self.http.get(url))
    }

    /// `POST /v1/sellers/{seller}/das`: registers a DA's phone with a seller.
    pub fn add_da(&self, seller: &str, phone: &DaPhone) -> Result<DaAdded, AdminError> {
        let url = self.url(&["v1", "sellers", seller, "das"])?;
        self.send("das", self.with_body(Method::POST, url, phone)?)
    }

    /// `DELETE /v1/sellers/{seller}/das/{phone}`: removes a DA's phone (and ends its sessions).
    pub fn remove_da(&self, seller: &str, phone: &str) -> Result<DaRemoved, AdminError> {
        let url = self.url(&["v1", "sellers", seller, "das", phone])?;
        self.send("das", self.http.delete(url))
    }

    /// `GET /v1/sellers/{seller}/das`: the registered phones.
    pub fn das(&self, seller: &str) -> Result<DaRoster, AdminError> {
        let url = self.url(&["v1", "sellers", seller, "das"])?;
        self.send("das", self.http.get(url))
    }

    fn shipment_url(&self, seller: &str, shipment: &str, rest: &[&str]) -> Result<Url, AdminError> {
        let mut segments = vec!["v1", "sellers", seller, "shipments", shipment];
        segments.extend_from_slice(rest);
        self.url(&segments)
    }

    /// `POST /v1/sellers/{seller}/shipments`: creates a shipment.
    pub fn create_shipment(&self, seller: &str, req: &NewShipment) -> Result<ShipmentView, AdminError> {
        let url = self.url(&["v1", "sellers", seller, "shipments"])?;
        self.send("shipments", self.with_body(Method::POST, url, req)?)
    }

    /// `GET /v1/sellers/{seller}/shipments`: the seller's shipments.
    pub fn shipments(&self, seller: &str) -> Result<ShipmentList, AdminError> {
        let url = self.url(&["v1", "sellers", seller, "shipments"])?;
        self.send("shipments", self.http.get(url))
    }

    /// `GET /v1/sellers/{seller}/shipments/{shipment}`: one shipment with its boxes.
    pub fn shipment(&self, seller: &str, shipment: &str) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &[])?;
        self.send("shipment", self.http.get(url))
    }

    /// `POST …/boxes`: adds boxes.
    pub fn add_boxes(&self, seller: &str, shipment: &str, req: &AddBoxes) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &["boxes"])?;
        self.send("boxes", self.with_body(Method::POST, url, req)?)
    }

    /// `PUT …/boxes/{box}`: sets a box's tracking ID.
    pub fn set_box(&self, seller: &str, shipment: &str, box_no: usize, req: &BoxTracking) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &["boxes", &box_no.to_string()])?;
        self.send("box", self.with_body(Method::PUT, url, req)?)
    }

    /// `DELETE …/boxes/{box}`: removes a box's tracking ID.
    pub fn clear_box(&self, seller: &str, shipment: &str, box_no: usize) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &["boxes", &box_no.to_string()])?;
        self.send("box", self.http.delete(url))
    }

    /// `POST …/box-tracking`: a box tracking file (`box,tracking_id`), every line or none.
    pub fn box_file(&self, seller: &str, shipment: &str, csv: Vec<u8>) -> Result<BoxFileApplied, AdminError> {
        let url = self.shipment_url(seller, shipment, &["box-tracking"])?;
        self.send("box-tracking", self.http.post(url).header("content-type", "text/csv").body(csv))
    }

    /// `PUT …/pro-number`: a pallet shipment's PRO / freight bill number.
    pub fn set_pro(&self, seller: &str, shipment: &str, req: &ProNumber) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &["pro-number"])?;
        self.send("pro-number", self.with_body(Method::PUT, url, req)?)
    }

    /// `PUT …/carrier`: changes the carrier before delivery.
    pub fn change_carrier(&self, seller: &str, shipment: &str, req: &CarrierChange) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &["carrier"])?;
        self.send("carrier", self.with_body(Method::PUT, url, req)?)
    }

    /// `PUT …/window`: the delivery window, until it starts.
    pub fn set_window(&self, seller: &str, shipment: &str, req: &WindowSpec) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &["window"])?;
        self.send("window", self.with_body(Method::PUT, url, req)?)
    }

    /// `POST …/ready`: Ready to ship (Shipped once its tracking is complete).
    pub fn ready(&self, seller: &str, shipment: &str) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &["ready"])?;
        self.send("ready", self.http.post(url))
    }

    /// `POST …/received`: the fulfilment centre received the shipment.
    pub fn received(&self, seller: &str, shipment: &str) -> Result<ShipmentView, AdminError> {
        let url = self.shipment_url(seller, shipment, &["received"])?;
        self.send("received", self.http.post(url))
    }

    /// `PUT /v1/sellers/{seller}/orders/{order}/tracking`: confirms or corrects an order's tracking.
    pub fn confirm_tracking(&self, seller: &str, order_id: &str, req: &TrackingEntry) -> Result<TrackingConfirmation, AdminError> {
        let url = self.url(&["v1", "sellers", seller, "orders", order_id, "tracking"])?;
        self.send("tracking", self.with_body(Method::PUT, url, req)?)
    }

    /// `GET /v1/sellers/{seller}/tracking-metrics`: Valid Tracking Rate and missing-tracking defects.
    pub fn tracking_metrics(&self, seller: &str) -> Result<SellerTrackingMetrics, AdminError> {
        let url = self.url(&["v1", "sellers", seller, "tracking-metrics"])?;
        self.send("tracking-metrics", self.http.get(url))
    }
}
