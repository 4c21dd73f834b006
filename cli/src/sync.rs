//! `track account`, `track login`, `track sync`, `track tracking` and `track metrics`: the sync
//! client of the core, driven from the command line against a sync server.

use std::process::ExitCode;

use clap::Args;
use serde_json::json;
use track_core::order::TrackingId;
use track_core::sync::wire::{CreateAccount, Login};
use track_core::sync::{SyncClient, SyncConfig};

use crate::DbArgs;

/// The server to talk to.
#[derive(Args, Clone)]
pub struct ServerArgs {
    /// The sync server's base URL (https, or http to a loopback address).
    #[arg(long, env = "TRACK_SERVER", value_name = "URL", default_value = "http://127.0.0.1:8080/")]
    pub server: String,
}

impl ServerArgs {
    fn client(&self) -> Result<SyncClient, String> {
        SyncClient::new(SyncConfig::new(self.server.clone())).map_err(|e| e.to_string())
    }
}

#[derive(Args)]
pub struct AccountArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    /// The DA's name.
    #[arg(long)]
    pub name: String,
    /// An Indian mobile number (+91 and 10 digits).
    #[arg(long)]
    pub phone: String,
    #[arg(long)]
    pub email: Option<String>,
    /// The password (or set TRACK_PASSWORD).
    #[arg(long, env = "TRACK_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// The seller the DA delivers for.
    #[arg(long)]
    pub seller: String,
}

#[derive(Args)]
pub struct LoginArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    /// The phone number or e-mail address of the account.
    #[arg(long)]
    pub login: String,
    #[arg(long, env = "TRACK_PASSWORD", hide_env_values = true)]
    pub password: String,
    #[arg(long)]
    pub seller: String,
    /// Print the session as JSON instead of the bare token.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct SyncArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub server: ServerArgs,
    /// The session token from `track login` (or set TRACK_TOKEN).
    #[arg(long, env = "TRACK_TOKEN", hide_env_values = true)]
    pub token: String,
    /// Also fetch the seller's open orders into the database first (for the itinerary offline).
    #[arg(long)]
    pub fetch: bool,
    /// Events per request.
    #[arg(long, default_value_t = 100)]
    pub batch: usize,
    /// The local time to record the sync at ("YYYY-MM-DD HH:MM", default: now).
    #[arg(long, value_name = "LOCAL TIME")]
    pub at: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct TrackingArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    #[arg(long)]
    pub json: bool,
    /// Tracking IDs.
    #[arg(required = true)]
    pub tracking_ids: Vec<String>,
}

#[derive(Args)]
pub struct MetricsArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    #[arg(long, env = "TRACK_TOKEN", hide_env_values = true)]
    pub token: String,
    #[arg(long)]
    pub json: bool,
    /// The seller's ID.
    pub seller: String,
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string(v).map_err(|e| e.to_string())
}

pub fn account(a: &AccountArgs) -> Result<ExitCode, String> {
    let body = CreateAccount {
        name: a.name.clone(),
        phone: a.phone.clone(),
        email: a.email.clone(),
        password: a.password.clone(),
        seller_id: a.seller.clone(),
    };
    let created = a.server.client()?.create_account(&body).map_err(|e| e.to_string())?;
    println!("{}", created.da_id);
    Ok(ExitCode::SUCCESS)
}

pub fn login(a: &LoginArgs) -> Result<ExitCode, String> {
    let body = Login { login: a.login.clone(), password: a.password.clone(), seller_id: a.seller.clone() };
    let session = a.server.client()?.login(&body).map_err(|e| e.to_string())?;
    if a.json {
        println!("{}", to_json(&session)?);
    } else {
        println!("{}", session.token);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn sync(a: &SyncArgs) -> Result<ExitCode, String> {
    let it = a.db.open(a.at.as_deref())?;
    let mut config = SyncConfig::new(a.server.server.clone());
    config.batch_size = a.batch;
    let client = SyncClient::new(config).map_err(|e| e.to_string())?;
    let fetched = match a.fetch.then(|| client.fetch_orders(&a.token, &it)) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(e)) => return not_synced(&it, &e),
    };
    let report = match client.push(&a.token, &it) {
        Ok(report) => report,
        Err(e) => return not_synced(&it, &e),
    };
    let status = track_core::sync::status(&it).map_err(|e| e.to_string())?;
    let rejected = track_core::sync::rejected_events(&it).map_err(|e| e.to_string())?;
    let conflicts = track_core::sync::conflicting_events(&it).map_err(|e| e.to_string())?;
    if a.json {
        println!(
            "{}",
            to_json(&json!({"fetched": fetched, "report": report, "status": status, "rejected": rejected, "conflicts": conflicts}))?
        );
    } else {
        if let Some(n) = fetched {
            println!("fetched {n} orders");
        }
        println!(
            "sent {} events in {} requests: {} accepted, {} duplicates, {} rejected, {} in conflict, {} to retry; {} still pending",
            report.sent,
            report.requests,
            report.accepted,
            report.duplicates,
            report.rejected,
            report.conflicts,
            report.retry_later,
            status.pending
        );
        if report.photos_uploaded + report.photos_refused + status.photos_waiting > 0 {
            println!(
                "photos: {} uploaded, {} refused, {} waiting",
                report.photos_uploaded, report.photos_refused, status.photos_waiting
            );
        }
        if report.reports_sent + status.reports_waiting > 0 {
            println!("problem reports: {} sent to support, {} waiting", report.reports_sent, status.reports_waiting);
        }
        for r in &rejected {
            let e = &r.event;
            println!("  rejected: event #{} {} of {}: {} ({})", e.seq, e.kind.label(), e.tracking_id.redacted(), r.message, r.code);
        }
        for c in &conflicts {
            let e = &c.event;
            println!("  CONFLICT: event #{} ({} {}, {}): not recorded by the server: {}", e.seq, e.kind.code(), e.tracking_id.redacted(), c.code, c.message);
        }
    }
    Ok(pending_exit(status.pending))
}

/// Exit 3 while events are still pending (documented: `track sync --help`).
fn pending_exit(pending: u64) -> ExitCode {
    if pending == 0 { ExitCode::SUCCESS } else { ExitCode::from(3) }
}

/// A sync that stopped early (server unreachable, login needed): the reason on stderr, and the
/// exit status says whether events are still waiting.
fn not_synced(it: &track_core::Day, error: &track_core::Error) -> Result<ExitCode, String> {
    let status = track_core::sync::status(it).map_err(|e| e.to_string())?;
    eprintln!("track: {error}");
    eprintln!("track: {} events still pending", status.pending);
    Ok(if status.pending == 0 { ExitCode::FAILURE } else { pending_exit(status.pending) })
}

pub fn tracking(a: &TrackingArgs) -> Result<ExitCode, String> {
    let client = a.server.client()?;
    for raw in &a.tracking_ids {
        let id = TrackingId::parse(raw).map_err(|e| e.to_string())?;
        let view = client.tracking(&id).map_err(|e| format!("{}: {e}", id.redacted()))?;
        if a.json {
            println!("{}", to_json(&view)?);
            continue;
        }
        println!("{} — {}", view.tracking_id, to_json(&view.status)?.trim_matches('"'));
        for step in &view.timeline {
            let offset = chrono::FixedOffset::east_opt(step.local_offset_s).unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"));
            let mut line = format!("  {}  {}", step.at.with_timezone(&offset).format("%Y-%m-%d %H:%M"), to_json(&step.status)?.trim_matches('"'));
            if let Some(r) = &step.recipient {
                line.push_str(&format!(" to {}", to_json(r)?.trim_matches('"')));
            }
            if let Some(r) = &step.reason {
                line.push_str(&format!(" ({r})"));
            }
            if let Some(d) = step.next_attempt {
                line.push_str(&format!(", next attempt {d}"));
            }
            println!("{line}");
            if let Some(url) = &step.photo_url {
                // The server's path, made absolute: what the customer's page links.
                println!("    photo: {}{}", a.server.server.trim_end_matches('/'), url);
            }
        }
        let local = |t: chrono::DateTime<chrono::Utc>| {
            let offset = view.timeline.last().and_then(|s| chrono::FixedOffset::east_opt(s.local_offset_s));
            offset.map_or_else(|| t.format("%H:%M UTC").to_string(), |o| t.with_timezone(&o).format("%H:%M").to_string())
        };
        if let Some(w) = view.arrival {
            println!("  arriving between {} and {}", local(w.from), local(w.to));
        }
        if let Some(p) = view.da_position {
            println!(
                "  your delivery associate: {:.5}, {:.5} (±{:.0} m), {} min ago",
                p.place.latitude,
                p.place.longitude,
                p.place.accuracy_m,
                p.age_s / 60
            );
        }
        if let Some(p) = view.delivered_here {
            println!("  delivered here: {:.5}, {:.5} (±{:.0} m)", p.latitude, p.longitude, p.accuracy_m);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn metrics(a: &MetricsArgs) -> Result<ExitCode, String> {
    let m = a.server.client()?.seller_metrics(&a.token, &a.seller).map_err(|e| e.to_string())?;
    if a.json {
        println!("{}", to_json(&m)?);
        return Ok(ExitCode::SUCCESS);
    }
    let pct = |r: Option<f64>| r.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_else(|| "n/a".into());
    println!("Seller {} over {} days", m.seller_id, m.window_days);
    println!("  same-day workflows: {} of {} ({})", m.same_day_workflows, m.workflows, pct(m.same_day_rate));
    println!(
        "  valid tracking rate: {} of {} ({}){}",
        m.valid_tracking,
        m.shipments,
        pct(m.valid_tracking_rate),
        if m.valid_tracking_at_risk { " — AT RISK (below 95%)" } else { "" }
    );
    Ok(ExitCode::SUCCESS)
}
