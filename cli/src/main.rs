//! `track`: the developers' command for the track core.

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use track_core::{Clock, Day, ManualClock, Marketplace, SystemClock};

mod day;
mod decode;
mod report;
mod seller;
mod serve;
mod show;
mod sinks;
mod sync;
mod validate;

/// Plays and inspects a delivery associate's day through the track core.
///
/// Every command that touches a database takes `--db FILE` (created when missing); with
/// TRACK_DB_KEY (64 hex digits) set, customer details in it are sealed with that key. Times are
/// local to the marketplace (`--tz`, default Asia/Kolkata; scanning hours 06:00 to 22:00).
/// Errors go to stderr and end with a non-zero exit status.
#[derive(Parser)]
#[command(name = "track", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Log level for the core's logs on stderr (error, warn, info, debug).
    #[arg(long, global = true, default_value = "warn", value_parser = parse_level)]
    log: log::LevelFilter,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import orders from a JSON file (an array of orders; see fixtures/demo/orders.json).
    Import(day::ImportArgs),
    /// Play a day from a script: lines like `09:05 ofd TRACKING`, `09:06 confirm`,
    /// `11:40 deliver TRACKING customer [photo=FILE.jpg]`, `12:10 undeliverable TRACKING customer-not-available`,
    /// `13:00 reject TRACKING damaged`, `22:00 close`. A line holding only a date (YYYY-MM-DD)
    /// starts that day. Refused scans are reported and the script goes on.
    Day(day::DayArgs),
    /// Show a day's itinerary.
    Itinerary(show::ItineraryArgs),
    /// Show one order's details and its events.
    Order(show::OrderArgs),
    /// Show a day's summary: outcomes and the same-day workflow rate.
    Summary(show::SummaryArgs),
    /// Read the barcodes of image files and tell which is the tracking ID.
    Decode(decode::DecodeArgs),
    /// Check tracking IDs against the carrier rules (or a bulk CSV with --csv).
    /// Exit 0 when every ID or row is valid, 1 otherwise.
    Validate(validate::ValidateArgs),
    /// Create a delivery associate's account on the sync server.
    Account(sync::AccountArgs),
    /// Log in to the sync server; prints the session token.
    Login(sync::LoginArgs),
    /// Push the database's recorded scans to the sync server (and fetch orders with --fetch).
    /// Exits 3 when events are still pending afterwards.
    Sync(sync::SyncArgs),
    /// Show the customer's tracking timeline of parcels, from the sync server.
    Tracking(sync::TrackingArgs),
    /// Show a seller's delivery metrics from the sync server.
    Metrics(sync::MetricsArgs),
    /// Run the reference sync server.
    Serve(serve::ServeArgs),
    /// Seed a sync server with a seller and its orders (admin).
    Seed(serve::SeedArgs),
    /// The seller's delivery associates on the sync server (admin): `add-da`, `remove-da`, `das`.
    /// Only a DA whose phone the seller registered sees its orders.
    Seller(seller::SellerArgs),
    /// Problem reports: `file` one from the phone's database (sent with the next sync), `show`
    /// one by its ID from the sync server (support, admin token).
    Report(report::ReportArgs),
    /// Loopback SMTP sink and SMS webhook receiver for the demo: prints what arrives.
    Sinks(sinks::SinksArgs),
}

/// Options shared by the commands that open a database.
#[derive(Args, Clone)]
pub struct DbArgs {
    /// The database file (created when missing).
    #[arg(long, value_name = "FILE")]
    pub db: std::path::PathBuf,
    /// The marketplace's time zone (IANA name).
    #[arg(long, default_value = "Asia/Kolkata", value_name = "TZ")]
    pub tz: String,
}

impl DbArgs {
    pub fn marketplace(&self) -> Result<Marketplace, String> {
        Marketplace::in_zone(&self.tz).map_err(|e| e.to_string())
    }

    /// Opens the itinerary with the system clock, or a fixed local time `at` ("YYYY-MM-DD HH:MM").
    pub fn open(&self, at: Option<&str>) -> Result<Day, String> {
        let market = self.marketplace()?;
        let clock: Arc<dyn Clock> = match at {
            None => Arc::new(SystemClock),
            Some(at) => Arc::new(ManualClock::new(parse_local(&market, at)?)),
        };
        Day::open_with(&self.db, &self.store_options()?, clock, market).map_err(|e| e.to_string())
    }

    /// How every command opens the database: sealed with TRACK_DB_KEY when it is set.
    pub fn store_options(&self) -> Result<track_core::StoreOptions, String> {
        Ok(track_core::StoreOptions { key: db_key()?, ..Default::default() })
    }
}

/// The key that seals customer details, from TRACK_DB_KEY (64 hex digits); none stores them plain.
fn db_key() -> Result<Option<track_core::vault::CustomerKey>, String> {
    let Ok(hex) = std::env::var("TRACK_DB_KEY") else { return Ok(None) };
    let hex = hex.trim();
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
        .collect();
    let bytes = bytes.filter(|b| b.len() == 32).ok_or("TRACK_DB_KEY must be 64 hex digits (a 256-bit key)")?;
    track_core::vault::CustomerKey::from_bytes(&bytes).map(Some).map_err(|e| e.to_string())
}

/// Parses a local "YYYY-MM-DD HH:MM" (or with a `T`) in the marketplace's time zone.
pub fn parse_local(market: &Marketplace, s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    let s = s.trim().replace('T', " ");
    let (d, t) = s.split_once(' ').ok_or_else(|| format!("{s:?} is not a local time: expected YYYY-MM-DD HH:MM"))?;
    let day = d.parse().map_err(|_| format!("{d:?} is not a date: expected YYYY-MM-DD"))?;
    Ok(market.local_instant(day, day::parse_time(t)?))
}

fn parse_level(s: &str) -> Result<log::LevelFilter, String> {
    s.parse().map_err(|_| format!("{s:?} is not a log level: expected off, error, warn, info, debug or trace"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log);
    let result = match &cli.command {
        Command::Import(a) => day::import(a),
        Command::Day(a) => day::run(a),
        Command::Itinerary(a) => show::itinerary(a),
        Command::Order(a) => show::order(a),
        Command::Summary(a) => show::summary(a),
        Command::Decode(a) => decode::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Account(a) => sync::account(a),
        Command::Login(a) => sync::login(a),
        Command::Sync(a) => sync::sync(a),
        Command::Tracking(a) => sync::tracking(a),
        Command::Metrics(a) => sync::metrics(a),
        Command::Serve(a) => serve::serve(a),
        Command::Seed(a) => serve::seed(a),
        Command::Seller(a) => seller::run(a),
        Command::Report(a) => report::run(a),
        Command::Sinks(a) => sinks::run(a),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("track: {message}");
            ExitCode::FAILURE
        }
    }
}

struct StderrLogger(log::LevelFilter);

impl log::Log for StderrLogger {
    fn enabled(&self, m: &log::Metadata<'_>) -> bool {
        // The sync client's HTTP library (ureq) logs whole requests at trace level: their paths
        // hold tracking IDs, their headers the session token. Up to debug it logs them redacted.
        let cap = if m.target().starts_with("ureq") { self.0.min(log::LevelFilter::Debug) } else { self.0 };
        m.level() <= cap
    }
    fn log(&self, r: &log::Record<'_>) {
        if self.enabled(r.metadata()) {
            eprintln!("[{} {}] {}", r.level(), r.target(), r.args());
        }
    }
    fn flush(&self) {}
}

fn init_logging(level: log::LevelFilter) {
    let logger: &'static StderrLogger = Box::leak(Box::new(StderrLogger(level)));
    if log::set_logger(logger).is_ok() {
        log::set_max_level(level);
    }
}
