//! `track seller add-da | remove-da | das`: the seller registers the phone numbers of its
//! delivery associates on the sync server (with the admin token). Only a registered DA sees the
//! seller's orders; removing one ends its sessions.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use track_server::enrol::{DaAdded, DaPhone, DaRemoved, DaRoster};

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

/// One admin request; the server's JSON answer, or its error message.
fn call<T: serde::de::DeserializeOwned>(a: &SellerOnly, method: reqwest::Method, path: &str, body: Option<&DaPhone>) -> Result<T, String> {
    track_core::sync::install_crypto_provider();
    let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(30)).build().map_err(|e| e.to_string())?;
    let base = reqwest::Url::parse(&a.server.server).map_err(|e| format!("{:?} is not a URL: {e}", a.server.server))?;
    let mut url = base.join("v1/sellers/").map_err(|e| e.to_string())?;
    url.path_segments_mut().map_err(|_| format!("{} cannot hold a path", a.server.server))?.pop_if_empty().push(&a.seller).extend(path.split('/'));
    let mut req = http.request(method, url).bearer_auth(&a.admin_token);
    if let Some(b) = body {
        req = req.header("content-type", "application/json").body(serde_json::to_string(b).map_err(|e| e.to_string())?);
    }
    let resp = req.send().map_err(|e| format!("cannot reach the server: {e}"))?;
    let status = resp.status();
    let text = resp.text().unwrap_or_default();
    if !status.is_success() {
        let message = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
            .unwrap_or_else(|| text.chars().take(200).collect());
        return Err(format!("the server refused ({}): {message}", status.as_u16()));
    }
    serde_json::from_str(&text).map_err(|e| format!("the server's answer is unreadable: {e}"))
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
            let added: DaAdded = call(&d.seller, reqwest::Method::POST, "das", Some(&body))?;
            let text = format!("{} {} as a DA of {}", added.phone, if added.added { "registered" } else { "was already registered" }, added.seller_id);
            print(d.seller.json, &added, text)
        }
        SellerCommand::RemoveDa(d) => {
            let phone = track_server::auth::normalize_phone(&d.phone).ok_or_else(|| format!("{:?} is not an Indian mobile number (+91 and 10 digits)", d.phone))?;
            let removed: DaRemoved = call(&d.seller, reqwest::Method::DELETE, &format!("das/{phone}"), None)?;
            let text = if removed.removed {
                format!("{} removed from {}'s DAs; {} sessions ended", removed.phone, removed.seller_id, removed.sessions_ended)
            } else {
                format!("{} was not a DA of {}; {} sessions ended", removed.phone, removed.seller_id, removed.sessions_ended)
            };
            print(d.seller.json, &removed, text)
        }
        SellerCommand::Das(s) => {
            let roster: DaRoster = call(s, reqwest::Method::GET, "das", None)?;
            let text = if roster.phones.is_empty() { format!("{} has registered no DA", roster.seller_id) } else { roster.phones.join("\n") };
            print(s.json, &roster, text)
        }
    }
}
