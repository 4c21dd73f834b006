//! `track seller add-da | remove-da | das`: the seller registers the phone numbers of its
//! delivery associates on the sync server (with the admin token). Only a registered DA sees the
//! seller's orders; removing one ends its sessions.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use track_server::admin_client::AdminClient;
use track_server::enrol::DaPhone;

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
    }
}
