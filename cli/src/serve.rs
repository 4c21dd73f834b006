//! `track serve` (the reference sync server) and `track seed` (its admin seeding, for demos).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use track_core::order::Order;
use track_core::{Clock, ManualClock, Marketplace, SystemClock};
use track_server::admin::{CustomerContact, OrderBatch, OrderSpec, SellerSpec};
use track_server::admin_client::{AdminClient, AdminError};

#[derive(Args)]
pub struct ServeArgs {
    /// The server's database: a SQLite file (created when missing), or a PostgreSQL URL
    /// (postgres://USER:PASSWORD@HOST:PORT/DATABASE; the database must exist).
    #[arg(long, value_name = "FILE|URL")]
    pub db: std::path::PathBuf,
    /// Where to listen: HOST:PORT (port 0 picks a free port; the address is printed). Not used
    /// when a service manager hands over a listening socket (systemd socket activation, LISTEN_FDS).
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
    /// The server's public address, for the tracking page the customers' messages link.
    #[arg(long, env = "TRACK_PUBLIC_URL", default_value = "http://127.0.0.1:8080", value_name = "URL")]
    pub public_url: String,
    /// The SMTP server of the customers' e-mail (without it no e-mail is sent). The login is
    /// taken from TRACK_SMTP_USER and TRACK_SMTP_PASSWORD.
    #[arg(long, env = "TRACK_SMTP_HOST", value_name = "HOST")]
    pub smtp_host: Option<String>,
    #[arg(long, env = "TRACK_SMTP_PORT", default_value_t = 587, value_name = "PORT")]
    pub smtp_port: u16,
    /// none (plain, loopback only), starttls or tls.
    #[arg(long, env = "TRACK_SMTP_SECURITY", default_value = "starttls", value_name = "MODE")]
    pub smtp_security: String,
    /// The sender of the customers' e-mail.
    #[arg(long, env = "TRACK_SMTP_FROM", default_value = "Track <no-reply@track.example>", value_name = "MAILBOX")]
    pub smtp_from: String,
    /// The SMS gateway's webhook (without it no SMS is sent).
    #[arg(long, env = "TRACK_SMS_WEBHOOK", value_name = "URL")]
    pub sms_webhook: Option<String>,
    /// The header the SMS gateway authenticates with, as `Name: value`.
    #[arg(long, env = "TRACK_SMS_AUTH_HEADER", hide_env_values = true, value_name = "HEADER")]
    pub sms_auth_header: Option<String>,
    /// How often the server looks for notifications to send, in seconds.
    #[arg(long, default_value_t = 15, value_name = "SECONDS")]
    pub send_every: u64,
}

/// A header given as `Name: value`.
pub fn auth_header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s.split_once(':').ok_or("an auth header is given as \"Name: value\"")?;
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() || value.is_empty() {
        return Err("an auth header is given as \"Name: value\", both non-empty".into());
    }
    Ok((name.to_string(), value.to_string()))
}

fn transports(a: &ServeArgs) -> Result<Option<track_server::Transports>, String> {
    use track_server::outbound::{SmsWebhook, SmtpConfig, SmtpSecurity};
    let smtp = match &a.smtp_host {
        None => None,
        Some(host) => {
            let security = match a.smtp_security.to_ascii_lowercase().as_str() {
                "none" => SmtpSecurity::None,
                "starttls" => SmtpSecurity::StartTls,
                "tls" => SmtpSecurity::Tls,
                other => return Err(format!("--smtp-security {other:?}: expected none, starttls or tls")),
            };
            let credentials = match (std::env::var("TRACK_SMTP_USER"), std::env::var("TRACK_SMTP_PASSWORD")) {
                (Ok(user), Ok(password)) if !user.is_empty() => Some((user, password)),
                _ => None,
            };
            Some(SmtpConfig { host: host.clone(), port: a.smtp_port, security, from: a.smtp_from.clone(), credentials })
        }
    };
    let sms = match &a.sms_webhook {
        None => None,
        Some(url) => Some(SmsWebhook { url: url.clone(), auth_header: a.sms_auth_header.as_deref().map(auth_header).transpose()? }),
    };
    Ok((smtp.is_some() || sms.is_some()).then_some(track_server::Transports { smtp, sms }))
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
    config.notifications = transports(a)?;
    config.public_url = a.public_url.clone();
    config.send_every = Duration::from_secs(a.send_every.max(1));
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
    /// The customers' contacts for the messages, as JSON: {"ORDER-ID": {"email": ..., "language": ...}}.
    #[arg(long, value_name = "FILE")]
    pub contacts: Option<std::path::PathBuf>,
}

fn read<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn seed(a: &SeedArgs) -> Result<ExitCode, String> {
    let seller: SellerSpec = read(&a.seller)?;
    let orders: Vec<Order> = read(&a.orders)?;
    let shipped_at = a.shipped_at.as_deref().map(|t| crate::parse_local(&Marketplace::india(), t)).transpose()?;
    let mut contacts: std::collections::HashMap<String, CustomerContact> = match &a.contacts {
        Some(path) => read(path)?,
        None => Default::default(),
    };
    let batch = OrderBatch {
        orders: orders
            .iter()
            .map(|o| OrderSpec { contact: contacts.remove(o.order_id.as_str()), ..OrderSpec::from_order(o, &seller.id, shipped_at) })
            .collect(),
    };
    if let Some(unknown) = contacts.keys().next() {
        return Err(format!("the contacts name order {unknown}, which is not among the orders"));
    }
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
