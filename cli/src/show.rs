//! `track itinerary`, `track order` and `track summary`.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::DbArgs;

#[derive(Args)]
pub struct ItineraryArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The local day (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// The local time to read at ("YYYY-MM-DD HH:MM", default: now); the day closes at 22:00.
    #[arg(long, value_name = "LOCAL TIME")]
    pub at: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct OrderArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_name = "LOCAL TIME")]
    pub at: Option<String>,
    #[arg(long)]
    pub json: bool,
    /// The order's tracking ID.
    pub tracking_id: String,
}

#[derive(Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    #[arg(long, value_name = "LOCAL TIME")]
    pub at: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string(v).map_err(|e| e.to_string())
}

pub fn itinerary(a: &ItineraryArgs) -> Result<ExitCode, String> {
    let it = a.db.open(a.at.as_deref())?;
    let day = a.date.unwrap_or_else(|| it.today());
    let entries = it.entries(Some(day)).map_err(|e| e.to_string())?;
    if a.json {
        println!("{}", to_json(&json!({"day": day, "entries": entries}))?);
    } else {
        println!("Itinerary for {day}: {} orders", entries.len());
        for e in &entries {
            println!(
                "  {:<22} {:<20} {:<17} attempts {}  {} — {}",
                e.tracking_id, e.order_id, e.status.label(), e.attempts, e.customer_name, e.address
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn order(a: &OrderArgs) -> Result<ExitCode, String> {
    let it = a.db.open(a.at.as_deref())?;
    let d = it.order_details(&a.tracking_id).map_err(|e| e.to_string())?;
    if a.json {
        println!("{}", to_json(&d)?);
    } else {
        println!("Order {} (tracking {})", d.order_id, d.tracking_id);
        println!("  channel   {}   seller {}", d.channel.label(), d.seller);
        println!("  customer  {}", d.customer_name);
        println!("  address   {}", d.address);
        println!("  phone     {} ({})", d.phone, d.phone_uri.as_deref().unwrap_or("no number to call"));
        println!("  status    {}   attempts {}", d.status.label(), d.attempts);
        for e in &d.events {
            let detail = e.reason.clone().or_else(|| e.recipient.as_ref().map(|r| r.kind.label().to_string()));
            println!("  #{:<5} {} {}{}", e.seq, e.local_time().format("%Y-%m-%d %H:%M"), e.kind.label(),
                detail.map(|d| format!(" ({d})")).unwrap_or_default());
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn summary(a: &SummaryArgs) -> Result<ExitCode, String> {
    let it = a.db.open(a.at.as_deref())?;
    let s = it.summary(a.date).map_err(|e| e.to_string())?;
    let outbox = it.outbox_counts().map_err(|e| e.to_string())?;
    if a.json {
        println!("{}", to_json(&json!({"summary": s, "outbox": outbox}))?);
    } else {
        println!("Summary for {}", s.day);
        println!("  out for delivery  {}", s.out_for_delivery);
        println!("  delivered         {}", s.delivered);
        println!("  undeliverable     {}", s.undeliverable);
        println!("  rejected          {}", s.rejected);
        println!("  left itinerary    {}", s.left_itinerary);
        println!("  still out         {}", s.still_out);
        match s.success_rate {
            Some(r) => println!("  same-day workflows {} of {} ({:.1}%)", s.successful, s.out_for_delivery, r * 100.0),
            None => println!("  same-day workflows: none started"),
        }
        println!("  outbox: {} pending, {} acknowledged", outbox.pending, outbox.acknowledged);
    }
    Ok(ExitCode::SUCCESS)
}
