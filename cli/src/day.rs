//! `track import` and `track day`: load orders and play a day from a script.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use clap::Args;
use serde_json::{Value, json};
use track_core::event::{Location, Recipient, RecipientKind, RejectReason, ScanExtras, UndeliverableReason};
use track_core::order::Order;
use track_core::{Day, ManualClock, OfdScan};

use crate::DbArgs;

#[derive(Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// A JSON array of orders: order_id, tracking_id, channel, seller, customer {name, address, phone}.
    pub orders: PathBuf,
}

#[derive(Args)]
pub struct DayArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The local day the script starts on (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// One JSON object per script line.
    #[arg(long)]
    pub json: bool,
    /// Exit with status 1 when any scan was refused.
    #[arg(long)]
    pub strict: bool,
    /// The day script.
    pub script: PathBuf,
}

pub fn import(args: &ImportArgs) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(&args.orders)
        .map_err(|e| format!("cannot read orders file {}: {e}", args.orders.display()))?;
    let orders: Vec<Order> = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a JSON array of orders: {e}", args.orders.display()))?;
    let it = args.db.open(None)?;
    let n = it.import_orders(&orders).map_err(|e| e.to_string())?;
    println!("imported {n} orders into {}", args.db.db.display());
    Ok(ExitCode::SUCCESS)
}

/// One command of a day script.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Ofd(String),
    Confirm,
    Cancel,
    Deliver { tracking: String, label: String, recipient: Recipient, photo: Option<String>, place: Option<Location> },
    /// The DA's position for the customers' map (`position LAT,LON`).
    Position(Location),
    Undeliverable(String, UndeliverableReason),
    Reject(String, RejectReason),
    Close,
}

#[derive(Debug)]
struct Line {
    number: usize,
    day: NaiveDate,
    time: NaiveTime,
    text: String,
    step: Step,
}

/// Parses `H:MM`, `HH:MM` or `HH:MM:SS`.
pub fn parse_time(s: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .map_err(|_| format!("{s:?} is not a time: expected HH:MM"))
}

/// The largest day script read: a day of a few hundred scans is a few tens of KiB.
pub const MAX_SCRIPT_BYTES: u64 = 1024 * 1024;

/// How much of a bad line an error shows.
const SHOWN_CHARS: usize = 80;

/// A line as an error shows it: at most [`SHOWN_CHARS`] characters, then how long it was.
fn shown(content: &str) -> String {
    match content.char_indices().nth(SHOWN_CHARS) {
        None => format!("{content:?}"),
        Some((cut, _)) => format!("{:?}… ({} bytes in all)", &content[..cut], content.len()),
    }
}

/// Reads a day script: at most [`MAX_SCRIPT_BYTES`], UTF-8, a byte-order mark allowed.
fn read_script(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| format!("cannot read day script {}: {e}", path.display());
    let mut bytes = Vec::new();
    std::fs::File::open(path).map_err(cannot)?.take(MAX_SCRIPT_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_SCRIPT_BYTES {
        return Err(format!(
            "day script {} is larger than {} KiB: a day script holds one short command per line",
            path.display(),
            MAX_SCRIPT_BYTES / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|e| format!("day script {} is not UTF-8 text (byte {})", path.display(), e.utf8_error().valid_up_to()))
}

fn parse_script(text: &str, mut day: NaiveDate) -> Result<Vec<Line>, String> {
    let mut lines = Vec::new();
    // Editors on Windows start UTF-8 files with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let content = raw.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let err = |m: String| format!("line {number}: {m}: {}", shown(content));
        let words: Vec<&str> = content.split_whitespace().collect();
        if let [only] = words.as_slice() {
            if let Ok(d) = only.parse::<NaiveDate>() {
                day = d;
                continue;
            }
        }
        let (time, rest) = match words.split_first() {
            Some((t, rest)) => (parse_time(t).map_err(err)?, rest),
            None => continue,
        };
        let arg = |k: usize, what: &str| rest.get(k).copied().ok_or_else(|| err(format!("missing {what}")));
        let step = match rest.first().copied() {
            Some("ofd") => Step::Ofd(arg(1, "tracking ID")?.to_string()),
            Some("confirm") => Step::Confirm,
            Some("cancel") => Step::Cancel,
            Some("close") => Step::Close,
            Some("deliver") => {
                let tracking = arg(1, "tracking ID")?.to_string();
                // `label=X` (anywhere after the tracking ID) is the label actually scanned.
                let (labels, words): (Vec<&str>, Vec<&str>) =
                    rest.iter().skip(2).partition(|w| w.starts_with("label="));
                let label = labels.last().map_or(tracking.clone(), |l| l["label=".len()..].to_string());
                // `photo=FILE` (a JPEG, relative to the script): the proof-of-delivery photo.
                let (photos, words): (Vec<&str>, Vec<&str>) = words.into_iter().partition(|w| w.starts_with("photo="));
                let photo = photos.last().map(|p| p["photo=".len()..].to_string());
                // `at=LAT,LON` is where the phone was (its location goes with the scan).
                let (places, words): (Vec<&str>, Vec<&str>) = words.into_iter().partition(|w| w.starts_with("at="));
                let place = places.last().map(|p| parse_place(&p["at=".len()..])).transpose().map_err(err)?;
                let (kind, name) = words.split_first().ok_or_else(|| err("missing recipient".into()))?;
                let kind = RecipientKind::parse(kind).map_err(|e| err(e.to_string()))?;
                let recipient = Recipient::new(kind, Some(&name.join(" "))).map_err(|e| err(e.to_string()))?;
                Step::Deliver { tracking, label, recipient, photo, place }
            }
            Some("position") => Step::Position(parse_place(arg(1, "LAT,LON")?).map_err(err)?),
            Some("undeliverable") => Step::Undeliverable(
                arg(1, "tracking ID")?.to_string(),
                UndeliverableReason::parse(arg(2, "reason")?).map_err(|e| err(e.to_string()))?,
            ),
            Some("reject") => Step::Reject(
                arg(1, "tracking ID")?.to_string(),
                RejectReason::parse(arg(2, "reason")?).map_err(|e| err(e.to_string()))?,
            ),
            Some(other) => {
                return Err(err(format!(
                    "unknown command {other:?} (expected ofd, confirm, cancel, deliver, undeliverable, reject, position, close)"
                )));
            }
            None => return Err(err("a time needs a command".into())),
        };
        lines.push(Line { number, day, time, text: content.to_string(), step });
    }
    Ok(lines)
}

/// A place as `LAT,LON` (degrees), taken at 10 m accuracy.
fn parse_place(s: &str) -> Result<Location, String> {
    let (lat, lon) = s.split_once(',').ok_or_else(|| format!("{s:?} is not a place: expected LAT,LON"))?;
    let number = |v: &str| v.trim().parse::<f64>().map_err(|_| format!("{v:?} is not a number of degrees"));
    Location::new(number(lat)?, number(lon)?, 10.0).map_err(|e| e.to_string())
}

/// A label as the script gives it: the text read from it, or `@FILE`, an image of the label
/// (relative to the script's folder) decoded the way the camera's frames are.
fn read_label(token: &str, dir: &std::path::Path) -> Result<String, track_core::Error> {
    let Some(file) = token.strip_prefix('@') else { return Ok(token.to_string()) };
    let decoder = track_core::scan::Decoder::new(track_core::scan::DecodeOptions::still());
    let found = decoder.decode_file(dir.join(file)).map_err(|e| track_core::Error::InvalidArgument(e.to_string()))?;
    let label = track_core::scan::label::read_label(&found)?;
    Ok(label.tracking_id.to_string())
}

fn play(it: &Day, step: &Step, dir: &std::path::Path) -> Result<(String, Value), track_core::Error> {
    let none = ScanExtras::default();
    Ok(match step {
        Step::Ofd(t) => match it.scan_ofd(&read_label(t, dir)?)? {
            OfdScan::Added { count } => (format!("added to the batch ({count} scanned)"), json!({"outcome": "added", "count": count})),
            OfdScan::AlreadyScanned { count } => (
                format!("already scanned ({count} in the batch)"),
                json!({"outcome": "already-scanned", "count": count}),
            ),
            OfdScan::AlreadyOutForDelivery => {
                ("already Out for Delivery today".into(), json!({"outcome": "already-out-for-delivery"}))
            }
        },
        Step::Confirm => {
            let events = it.confirm_ofd(&none)?;
            (format!("{} orders Out for Delivery", events.len()), json!({"events": events}))
        }
        Step::Cancel => {
            let n = it.cancel_ofd()?;
            (format!("batch of {n} discarded"), json!({"discarded": n}))
        }
        Step::Deliver { tracking, label, recipient, photo, place } => {
            let label = read_label(label, dir)?;
            let extras = ScanExtras { location: place.map(|p| p.fixed_at(it.now().timestamp_millis())), ..ScanExtras::default() };
            let e = match photo {
                Some(photo) => it.deliver_with_photo(tracking, &label, recipient, &extras, &dir.join(photo), None)?,
                None => it.deliver(tracking, &label, recipient, &extras)?,
            };
            let to = recipient.kind.label();
            let with_photo = if photo.is_some() { ", with its photo" } else { "" };
            (format!("delivered to {to} (event #{}{with_photo})", e.seq), json!({"event": e}))
        }
        Step::Undeliverable(t, reason) => {
            let e = it.mark_undeliverable(t, *reason, &none)?;
            (format!("undeliverable: {} (event #{})", reason.label(), e.seq), json!({"event": e}))
        }
        Step::Reject(t, reason) => {
            let e = it.reject(t, *reason, &none)?;
            (format!("{}: back to the seller (event #{})", reason.label(), e.seq), json!({"event": e}))
        }
        Step::Position(place) => {
            let kept = it.update_position(place.fixed_at(it.now().timestamp_millis()))?;
            let text = if kept { "position kept for the customers' map" } else { "position not kept (no parcel out, or outside working hours)" };
            (text.to_string(), json!({"kept": kept}))
        }
        Step::Close => {
            let events = it.close_day()?;
            (format!("day closed: {} orders left the itinerary", events.len()), json!({"events": events}))
        }
    })
}

pub fn run(args: &DayArgs) -> Result<ExitCode, String> {
    let market = args.db.marketplace()?;
    let text = read_script(&args.script)?;
    let start = args.date.unwrap_or_else(|| market.day_of(chrono::Utc::now()));
    let lines = parse_script(&text, start).map_err(|e| format!("{}: {e}", args.script.display()))?;
    let clock = Arc::new(ManualClock::new(market.local_instant(start, market.opens_at())));
    let it = Day::open_with(&args.db.db, &args.db.store_options()?, clock.clone(), market.clone()).map_err(|e| e.to_string())?;
    let mut refused = 0;
    for line in &lines {
        let at = market.local_instant(line.day, line.time);
        clock.set(at);
        let result = play(&it, &line.step, args.script.parent().unwrap_or(std::path::Path::new(".")));
        // A storage error is not a refused scan: nothing more can be recorded, so the day stops.
        if let Err(track_core::Error::Storage(e)) = &result {
            return Err(format!(
                "line {} ({}): {e}; the script stopped there ({} of {} lines played)",
                line.number,
                line.text,
                lines.iter().take_while(|l| l.number < line.number).count(),
                lines.len()
            ));
        }
        if result.is_err() {
            refused += 1;
        }
        if args.json {
            let local = at.with_timezone(&market.offset(at)).to_rfc3339();
            let obj = match result {
                Ok((_, v)) => json!({"line": line.number, "at": local, "command": line.text, "ok": true, "result": v, "error": null}),
                Err(e) => json!({"line": line.number, "at": local, "command": line.text, "ok": false, "result": null, "error": e.to_string()}),
            };
            println!("{obj}");
        } else {
            match result {
                Ok((msg, _)) => println!("{} {}  ->  {msg}", line.day, line.text),
                Err(e) => println!("{} {}  ->  REFUSED: {e}", line.day, line.text),
            }
        }
    }
    if !args.json {
        println!("{} lines played, {refused} refused", lines.len());
    }
    Ok(if args.strict && refused > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn scripts_parse_with_days_comments_and_names() {
        let s = "# a day\n09:05 ofd SD1234567890IN\n09:06 confirm\n\n2026-11-24\n11:40 deliver SD1234567890IN other Ravi label=SD9 Kumar # at the gate\n12:10 undeliverable X123456 customer-not-available\n13:00 reject X123456 damaged\n22:00 close\n";
        let lines = parse_script(s, d("2026-11-23")).unwrap();
        assert_eq!(lines.len(), 6);
        assert_eq!(lines[0].step, Step::Ofd("SD1234567890IN".into()));
        assert_eq!(lines[1].day, d("2026-11-23"));
        assert_eq!(lines[2].day, d("2026-11-24"));
        assert_eq!(lines[2].number, 6);
        match &lines[2].step {
            Step::Deliver { recipient, label, .. } => {
                assert_eq!(recipient.name.as_deref(), Some("Ravi Kumar"));
                assert_eq!(label, "SD9");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(lines[3].step, Step::Undeliverable("X123456".into(), UndeliverableReason::CustomerNotAvailable));
    }

    #[test]
    fn script_errors_name_the_line() {
        for (s, want) in [
            ("9.05 ofd X", "line 1"),
            ("09:05 fly X", "unknown command"),
            ("09:05 ofd", "missing tracking ID"),
            ("\n09:05 deliver X other", "line 2"),
            ("09:05 reject X lost", "not-required"),
            ("25:00 confirm", "not a time"),
        ] {
            let err = parse_script(s, d("2026-11-23")).unwrap_err();
            assert!(err.contains(want), "{s:?}: {err}");
        }
    }
}
