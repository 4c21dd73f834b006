//! `track serve` (the reference sync server) and `track seed` (its admin seeding, for demos).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use track_core::order::Order;
use track_core::{Clock, ManualClock, Marketplace, SystemClock};
use track_server::admin::{OrderBatch, OrderSpec, SellerSpec};
use track_server::admin_client::{AdminClient, AdminError};

#[derive(Args)]
pub struct ServeArgs {
    /// The server's database: a SQLite file (created when missing), or a PostgreSQL URL
    /// (postgres://USER:PASSWORD@HOST:PORT/DATABASE; the database must exist).
    #[arg(long, value_name = "FILE|URL")]
    pub db: std::path::PathBuf,
    /// Where to listen: HOST:PORT (port 0 picks a free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: String,
    /// The token of the admin endpoints (seeding); without it they are off.
    #[arg(long, env = "TRACK_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// How long a DA's session lasts, in hours.
    #[arg(long, default_value_t = 12)]
    pub session_hours: u64,
    /// Run the server's clock from this local time (India) instead of the system clock, for
    /// demos and tests ("YYYY-MM-DD HH:MM"); the clock does not move.
    #[arg(long, value_name = "LOCAL TIME")]
    pub at: Option<String>,
    /// The most connections served at once (keep it below the open-file limit); more wait.
    #[arg(long, default_value_t = 128, value_name = "N")]
    pub max_connections: usize,
    /// Seconds a client has to send a request's headers before its connection is closed.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub header_timeout: u64,
    /// Seconds a connection may sit idle (no request in progress, nothing read or written).
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub idle_timeout: u64,
    /// Where proof-of-delivery photos are kept: a folder (default: FILE.photos beside a SQLite
    /// database, track-photos with PostgreSQL), or s3://BUCKET/PREFIX (an S3-compatible store set
    /// up by the AWS_* environment variables; needs the server's `s3` feature).
    #[arg(long, value_name = "DIR|URL")]
    pub photos: Option<String>,
}

pub fn serve(a: &ServeArgs) -> Result<ExitCode, String> {
    let clock: Arc<dyn Clock> = match &a.at {
        Some(at) => Arc::new(ManualClock::new(crate::parse_local(&Marketplace::india(), at)?)),
        None => Arc::new(SystemClock),
    };
    let mut config = track_server::Config::new(&a.db);
    config.admin_token = a.admin_token.clone().filter(|t| !t.is_empty());
    config.session_ttl = Duration::from_secs(a.session_hours.max(1) * 3600);
    config.clock = clock;
    config.max_connections = a.max_connections.max(1);
    config.header_read_timeout = Duration::from_secs(a.header_timeout.max(1));
    config.idle_timeout = Duration::from_secs(a.idle_timeout.max(1));
    config.photo_store = a.photos.as_deref().map(track_server::photos::PhotoStore::parse);
    track_server::run(config, &a.listen, |addr| {
        println!("listening on http://{addr}/");
        let _ = std::io::stdout().flush();
    })
    .map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub server: crate::sync::ServerArgs,
    /// The server's admin token.
    #[arg(long, env = "TRACK_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: String,
    /// The seller, as JSON (see fixtures/demo/seller.json).
    #[arg(long, value_name = "FILE")]
    pub seller: std::path::PathBuf,
    /// The seller's orders, as for `track import` (see fixtures/demo/orders.json).
    #[arg(long, value_name = "FILE")]
    pub orders: std::path::PathBuf,
    /// When the orders shipped, local time in India ("YYYY-MM-DD HH:MM"; default: the server's now).
    #[arg(long, value_name = "LOCAL TIME")]
    pub shipped_at: Option<String>,
}

fn read<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn seed(a: &SeedArgs) -> Result<ExitCode, String> {
    let seller: SellerSpec = read(&a.seller)?;
    let orders: Vec<Order> = read(&a.orders)?;
    let shipped_at = a.shipped_at.as_deref().map(|t| crate::parse_local(&Marketplace::india(), t)).transpose()?;
    let batch = OrderBatch { orders: orders.iter().map(|o| OrderSpec::from_order(o, &seller.id, shipped_at)).collect() };
    let admin = AdminClient::new(&a.server.server, &a.admin_token).map_err(|e| e.to_string())?;
    // A refusal reads as before: the endpoint, the status and the server's answer.
    let shown = |e: AdminError| match e {
        AdminError::Refused { path, status, body, .. } => format!("{path}: {status}: {body}"),
        other => other.to_string(),
    };
    admin.put_seller(&seller).map_err(shown)?;
    admin.put_orders(&batch).map_err(shown)?;
    println!("seeded seller {} with {} orders", seller.id, batch.orders.len());
    Ok(ExitCode::SUCCESS)
}
