//! `track report file | show`: the DA files a problem report (an ID to quote and a diagnostic
//! bundle without customer data, queued to reach support with the next `track sync`); support
//! reads it by ID from the sync server (with the admin token).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use track_core::report::ANSWER_WITHIN_BUSINESS_DAYS;
use track_server::admin_client::AdminClient;

#[derive(Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// File a problem report from the phone's database: prints its ID; `track sync` sends it.
    File(FileArgs),
    /// Show a problem report by its ID, from the sync server (admin token).
    Show(ShowArgs),
}

#[derive(Args)]
pub struct FileArgs {
    #[command(flatten)]
    pub db: crate::DbArgs,
    /// The app's version, for the bundle.
    #[arg(long, default_value = concat!("track-cli/", env!("CARGO_PKG_VERSION")))]
    pub app_version: String,
    /// Local time of the report ("YYYY-MM-DD HH:MM"; default: now).
    #[arg(long, value_name = "LOCAL TIME")]
    pub at: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub server: crate::sync::ServerArgs,
    /// The server's admin token.
    #[arg(long, env = "TRACK_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: String,
    /// The report ID the DA quoted (TRK-XXXX-XXXX-XXXX).
    pub report_id: String,
    #[arg(long)]
    pub json: bool,
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string_pretty(v).map_err(|e| e.to_string())
}

pub fn run(a: &ReportArgs) -> Result<ExitCode, String> {
    match &a.command {
        ReportCommand::File(f) => {
            let it = f.db.open(f.at.as_deref())?;
            let report = it.file_problem_report(&f.app_version).map_err(|e| e.to_string())?;
            if f.json {
                println!("{}", json(&report)?);
            } else {
                println!("problem report {} filed; it goes to support with the next sync", report.report_id);
                println!(
                    "quote {} to support: you get an answer within {ANSWER_WITHIN_BUSINESS_DAYS} business days",
                    report.report_id
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        ReportCommand::Show(s) => {
            let admin = AdminClient::new(&s.server.server, &s.admin_token).map_err(|e| e.to_string())?;
            let found = admin.problem_report(&s.report_id).map_err(|e| e.to_string())?;
            if s.json {
                println!("{}", json(&found)?);
                return Ok(ExitCode::SUCCESS);
            }
            let r = &found.report;
            let da = [found.da_name.as_deref(), found.da_phone.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
            println!("problem report {} (received {})", found.report_id, found.received_at.format("%Y-%m-%d %H:%M UTC"));
            println!("  from DA {} ({da}) of seller {}", found.da_id, found.seller_id);
            println!("  answer due within {} business days", found.answer_within_business_days);
            println!("  filed {} with app {}, core {}, schema {}", r.created_at.format("%Y-%m-%d %H:%M UTC"), r.app_version, r.core_version, r.schema_version);
            let o = &r.outbox;
            println!(
                "  outbox: {} pending, {} sent, {} acknowledged, {} rejected, {} in conflict",
                o.pending, o.sent, o.acknowledged, o.rejected, o.conflict
            );
            let last = r.last_sync_success.map_or("never".to_string(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string());
            println!("  last successful sync: {last}{}", if r.last_sync_failed { " (the last attempt failed)" } else { "" });
            if r.recent_errors.is_empty() {
                println!("  no recent errors");
            }
            for e in &r.recent_errors {
                println!("  error {}: {} times", e.kind, e.count);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
