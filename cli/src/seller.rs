//! `track seller …`: the seller's side of the sync server (with the admin token). `add-da`,
//! `remove-da`, `das`: the phone numbers of its delivery associates (only a registered DA sees the
//! seller's orders; removing one ends its sessions). `shipment-new`, `shipments`, `shipment`,
//! `add-boxes`, `box`, `box-csv`, `pro-number`, `carrier`, `window`, `ready`, `received`: Send to
//! Amazon shipments and their tracking. `confirm-tracking`: an order's tracking ID and carrier.
//! `tracking-metrics`: the Valid Tracking Rate and the missing-tracking defect rate.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use track_core::Marketplace;
use track_core::tracking::shipment::Mode;
use track_server::admin_client::AdminClient;
use track_server::enrol::DaPhone;
use track_server::shipments::{
    AddBoxes, BoxId, BoxTracking, CarrierChange, NewShipment, ProNumber, SellerTrackingMetrics, ShipmentView, TrackingEntry, WindowSpec,
};

#[derive(Args)]
pub struct SellerArgs {
    #[command(subcommand)]
    pub command: SellerCommand,
}

#[derive(Subcommand)]
pub enum SellerCommand {
    /// Register a DA's phone number with the seller: the DA's account then sees the seller's orders.
    AddDa(DaArgs),
    /// Remove a DA's phone number from the seller: its sessions end and it sees no more orders.
    RemoveDa(DaArgs),
    /// List the phone numbers the seller registered.
    Das(SellerOnly),
    /// Create a Send to Amazon shipment: small parcel (boxes, a tracking ID each) or pallet (a PRO number).
    ShipmentNew(NewShipmentArgs),
    /// List the seller's shipments.
    Shipments(SellerOnly),
    /// Show one shipment with its boxes.
    Shipment(ShipmentArgs),
    /// Add boxes to a small-parcel shipment (while it is being prepared or ready to ship).
    AddBoxes(AddBoxesArgs),
    /// Set (or with --clear remove) one box's tracking ID; the same ID on two boxes is refused.
    Box(BoxArgs),
    /// Set the boxes' tracking IDs from a CSV file (`box,tracking_id`): every line or none.
    BoxCsv(BoxCsvArgs),
    /// Set a pallet shipment's PRO / freight bill number.
    ProNumber(ProArgs),
    /// Change the carrier before delivery (a table carrier, or `other` with --other-name).
    Carrier(CarrierArgs),
    /// Set the delivery window (local times); editable until it starts.
    Window(WindowArgs),
    /// Mark the shipment Ready to ship: it becomes Shipped once its tracking is complete.
    Ready(ShipmentArgs),
    /// Record the fulfilment centre's receipt of the shipment (delivered).
    Received(ShipmentArgs),
    /// Confirm or correct an order's tracking ID and carrier (after delivery it does not count).
    ConfirmTracking(ConfirmArgs),
    /// The seller's Valid Tracking Rate (30 days, target 95 %) and missing-tracking defect rate.
    TrackingMetrics(SellerOnly),
}

#[derive(Args)]
pub struct ShipmentArgs {
    #[command(flatten)]
    pub seller: SellerOnly,
    /// The shipment's ID (such as FBA15XYZ).
    #[arg(long)]
    pub shipment: String,
}

/// A carrier as the seller names it.
#[derive(Args)]
pub struct CarrierName {
    /// A carrier of the table (code, name or alias), or `other`.
    #[arg(long)]
    pub carrier: String,
    /// The name of an `other` carrier (shape checks only for its IDs).
    #[arg(long)]
    pub other_name: Option<String>,
}

#[derive(Args)]
pub struct NewShipmentArgs {
    #[command(flatten)]
    pub shipment: ShipmentArgs,
    /// small-parcel or pallet.
    #[arg(long, value_parser = parse_mode)]
    pub mode: Mode,
    #[command(flatten)]
    pub carrier: CarrierName,
    /// Small parcel: the number of boxes.
    #[arg(long)]
    pub boxes: Option<usize>,
}

#[derive(Args)]
pub struct AddBoxesArgs {
    #[command(flatten)]
    pub shipment: ShipmentArgs,
    #[arg(long)]
    pub count: usize,
}

#[derive(Args)]
pub struct BoxArgs {
    #[command(flatten)]
    pub shipment: ShipmentArgs,
    /// The box number (1, 2, 3…).
    #[arg(long = "box")]
    pub box_no: usize,
    /// The box's tracking ID, as on its label.
    #[arg(long, required_unless_present = "clear", allow_hyphen_values = true)]
    pub tracking_id: Option<String>,
    /// Remove the box's tracking ID instead.
    #[arg(long, conflicts_with = "tracking_id")]
    pub clear: bool,
}

#[derive(Args)]
pub struct BoxCsvArgs {
    #[command(flatten)]
    pub shipment: ShipmentArgs,
    /// The CSV file: a `box,tracking_id` header, then one box per line.
    pub file: std::path::PathBuf,
}

#[derive(Args)]
pub struct ProArgs {
    #[command(flatten)]
    pub shipment: ShipmentArgs,
    #[arg(long)]
    pub pro_number: String,
}

#[derive(Args)]
pub struct CarrierArgs {
    #[command(flatten)]
    pub shipment: ShipmentArgs,
    #[command(flatten)]
    pub carrier: CarrierName,
    /// A box's new tracking ID with the change, as BOX=ID (repeat for several boxes).
    #[arg(long = "box-id", value_parser = parse_box_id)]
    pub box_ids: Vec<BoxId>,
}

#[derive(Args)]
pub struct WindowArgs {
    #[command(flatten)]
    pub shipment: ShipmentArgs,
    /// The window's start, local time "YYYY-MM-DD HH:MM" (Asia/Kolkata).
    #[arg(long)]
    pub start: String,
    /// The window's end, local time "YYYY-MM-DD HH:MM".
    #[arg(long)]
    pub end: String,
}

#[derive(Args)]
pub struct ConfirmArgs {
    #[command(flatten)]
    pub seller: SellerOnly,
    /// The order's ID (such as 402-5510230-8812340).
    #[arg(long)]
    pub order: String,
    #[command(flatten)]
    pub carrier: CarrierName,
    #[arg(long, allow_hyphen_values = true)]
    pub tracking_id: String,
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    Mode::parse(s).map_err(|e| e.0)
}

fn parse_box_id(s: &str) -> Result<BoxId, String> {
    let (n, id) = s.split_once('=').ok_or_else(|| format!("{s:?} is not BOX=TRACKING_ID"))?;
    let box_no = n.trim().parse().map_err(|_| format!("{n:?} is not a box number"))?;
    Ok(BoxId { box_no, tracking_id: id.to_string() })
}

/// A shipment as text: its line, then one line per box.
fn shipment_text(v: &ShipmentView) -> String {
    let market = Marketplace::india();
    let local = |t: chrono::DateTime<chrono::Utc>| {
        market.local_datetime(t).map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| t.to_rfc3339())
    };
    let mut out = format!("{}  {}  {}  {}", v.shipment_id, v.mode.label(), v.carrier, v.status.label());
    if let Some(w) = &v.window {
        out += &format!("  window {} to {}{}", local(w.start), local(w.end), if w.locked { " (locked)" } else { "" });
    }
    if let Some(pro) = &v.pro_number {
        out += &format!("\n  PRO {pro}");
    }
    for b in &v.boxes {
        out += &format!("\n  box {}  {}", b.box_no, b.tracking_id.as_deref().unwrap_or("—"));
    }
    if let Some(missing) = &v.missing {
        out += &format!("\n  missing: {missing}");
    }
    out
}

fn metrics_text(m: &SellerTrackingMetrics) -> String {
    let pct = |r: Option<f64>| r.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_else(|| "n/a".into());
    let v = &m.valid_tracking_rate;
    let d = &m.missing_tracking_defects;
    format!(
        "Seller {} over 30 days\n  valid tracking rate: {} of {} ({}), target {}{}\n  missing-tracking defects: {} of {} shipments received ({}), coaching level {}",
        m.seller_id,
        v.valid,
        v.shipments,
        pct(v.rate),
        pct(Some(v.target)),
        if v.at_risk { " — AT RISK" } else { "" },
        d.defects,
        d.shipments,
        pct(d.rate),
        d.level.label()
    )
}

#[derive(Args)]
pub struct SellerOnly {
    #[command(flatten)]
    pub server: crate::sync::ServerArgs,
    /// The server's admin token.
    #[arg(long, env = "TRACK_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: String,
    /// The seller's ID.
    #[arg(long)]
    pub seller: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct DaArgs {
    #[command(flatten)]
    pub seller: SellerOnly,
    /// The DA's Indian mobile number (+91 and 10 digits).
    #[arg(long)]
    pub phone: String,
}

/// The admin client of the server named by `a`; an error reads as the DA's message.
fn admin(a: &SellerOnly) -> Result<AdminClient, String> {
    AdminClient::new(&a.server.server, &a.admin_token).map_err(|e| e.to_string())
}

fn print<T: serde::Serialize>(json: bool, v: &T, text: String) -> Result<ExitCode, String> {
    if json {
        println!("{}", serde_json::to_string(v).map_err(|e| e.to_string())?);
    } else {
        println!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(a: &SellerArgs) -> Result<ExitCode, String> {
    match &a.command {
        SellerCommand::AddDa(d) => {
            let body = DaPhone { phone: d.phone.clone() };
            let added = admin(&d.seller)?.add_da(&d.seller.seller, &body).map_err(|e| e.to_string())?;
            let text = format!("{} {} as a DA of {}", added.phone, if added.added { "registered" } else { "was already registered" }, added.seller_id);
            print(d.seller.json, &added, text)
        }
        SellerCommand::RemoveDa(d) => {
            let phone = track_server::auth::normalize_phone(&d.phone).ok_or_else(|| format!("{:?} is not an Indian mobile number (+91 and 10 digits)", d.phone))?;
            let removed = admin(&d.seller)?.remove_da(&d.seller.seller, &phone).map_err(|e| e.to_string())?;
            let text = if removed.removed {
                format!("{} removed from {}'s DAs; {} sessions ended", removed.phone, removed.seller_id, removed.sessions_ended)
            } else {
                format!("{} was not a DA of {}; {} sessions ended", removed.phone, removed.seller_id, removed.sessions_ended)
            };
            print(d.seller.json, &removed, text)
        }
        SellerCommand::Das(s) => {
            let roster = admin(s)?.das(&s.seller).map_err(|e| e.to_string())?;
            let text = if roster.phones.is_empty() { format!("{} has registered no DA", roster.seller_id) } else { roster.phones.join("\n") };
            print(s.json, &roster, text)
        }
        SellerCommand::ShipmentNew(a) => {
            let req = NewShipment {
                shipment_id: a.shipment.shipment.clone(),
                mode: a.mode,
                carrier: a.carrier.carrier.clone(),
                other_carrier_name: a.carrier.other_name.clone(),
                boxes: a.boxes,
            };
            shipment_answer(&a.shipment, |c, seller, _| c.create_shipment(seller, &req))
        }
        SellerCommand::Shipments(s) => {
            let list = admin(s)?.shipments(&s.seller).map_err(|e| e.to_string())?;
            let text = if list.shipments.is_empty() {
                format!("{} has no shipment", list.seller_id)
            } else {
                list.shipments.iter().map(shipment_text).collect::<Vec<_>>().join("\n")
            };
            print(s.json, &list, text)
        }
        SellerCommand::Shipment(a) => shipment_answer(a, |c, seller, id| c.shipment(seller, id)),
        SellerCommand::AddBoxes(a) => shipment_answer(&a.shipment, |c, seller, id| c.add_boxes(seller, id, &AddBoxes { count: a.count })),
        SellerCommand::Box(a) => match &a.tracking_id {
            Some(t) if !a.clear => shipment_answer(&a.shipment, |c, seller, id| c.set_box(seller, id, a.box_no, &BoxTracking { tracking_id: t.clone() })),
            _ => shipment_answer(&a.shipment, |c, seller, id| c.clear_box(seller, id, a.box_no)),
        },
        SellerCommand::BoxCsv(a) => {
            let bytes = std::fs::read(&a.file).map_err(|e| format!("cannot read {}: {e}", a.file.display()))?;
            let s = &a.shipment.seller;
            let applied = admin(s)?.box_file(&s.seller, &a.shipment.shipment, bytes).map_err(|e| e.to_string())?;
            let text = format!("{} boxes set from {}\n{}", applied.applied, a.file.display(), shipment_text(&applied.shipment));
            print(s.json, &applied, text)
        }
        SellerCommand::ProNumber(a) => {
            shipment_answer(&a.shipment, |c, seller, id| c.set_pro(seller, id, &ProNumber { pro_number: a.pro_number.clone() }))
        }
        SellerCommand::Carrier(a) => {
            let req = CarrierChange { carrier: a.carrier.carrier.clone(), other_carrier_name: a.carrier.other_name.clone(), boxes: a.box_ids.clone() };
            shipment_answer(&a.shipment, |c, seller, id| c.change_carrier(seller, id, &req))
        }
        SellerCommand::Window(a) => {
            let market = Marketplace::india();
            let req = WindowSpec { start: crate::parse_local(&market, &a.start)?, end: crate::parse_local(&market, &a.end)? };
            shipment_answer(&a.shipment, |c, seller, id| c.set_window(seller, id, &req))
        }
        SellerCommand::Ready(a) => shipment_answer(a, |c, seller, id| c.ready(seller, id)),
        SellerCommand::Received(a) => shipment_answer(a, |c, seller, id| c.received(seller, id)),
        SellerCommand::ConfirmTracking(a) => {
            let req = TrackingEntry { carrier: a.carrier.carrier.clone(), other_carrier_name: a.carrier.other_name.clone(), tracking_id: a.tracking_id.clone() };
            let c = admin(&a.seller)?.confirm_tracking(&a.seller.seller, &a.order, &req).map_err(|e| e.to_string())?;
            let text = format!("order {}: {} {} — {}", c.order_id, c.carrier, c.tracking_id, c.message);
            print(a.seller.json, &c, text)
        }
        SellerCommand::TrackingMetrics(s) => {
            let m = admin(s)?.tracking_metrics(&s.seller).map_err(|e| e.to_string())?;
            print(s.json, &m, metrics_text(&m))
        }
    }
}

/// Runs one shipment request and prints the shipment.
fn shipment_answer(
    a: &ShipmentArgs,
    call: impl FnOnce(&AdminClient, &str, &str) -> Result<ShipmentView, track_server::admin_client::AdminError>,
) -> Result<ExitCode, String> {
    let view = call(&admin(&a.seller)?, &a.seller.seller, &a.shipment).map_err(|e| e.to_string())?;
    print(a.seller.json, &view, shipment_text(&view))
}
