//! `track validate`: tracking IDs checked against the carrier rules, one by one or a bulk CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use track_core::tracking::{self, Candidate};

/// Exit status 0 when every ID (or CSV row) is valid, 1 otherwise.
#[derive(Args)]
pub struct ValidateArgs {
    /// One JSON object per ID (or CSV row) on its own line.
    #[arg(long)]
    pub json: bool,
    /// The carrier the seller named (a code, a name or an alias: "FedEx", "Blue Dart", "india-post"…).
    #[arg(long, value_name = "NAME")]
    pub carrier: Option<String>,
    /// A CSV file with the header `order_id,carrier,tracking_id[,ship_date]`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["carrier", "ids"])]
    pub csv: Option<PathBuf>,
    /// Tracking IDs.
    #[arg(required_unless_present = "csv")]
    pub ids: Vec<String>,
}

#[derive(Serialize)]
struct CarrierLine {
    carrier: &'static str,
    kind: &'static str,
    kind_id: &'static str,
    check_digit: bool,
}

fn carriers(c: &[Candidate]) -> Vec<CarrierLine> {
    c.iter()
        .map(|c| CarrierLine {
            carrier: c.carrier.code(),
            kind: c.kind_name,
            kind_id: c.kind,
            check_digit: c.check_digit,
        })
        .collect()
}

#[derive(Serialize)]
struct IdLine<'a> {
    input: &'a str,
    normalized: Option<String>,
    valid: bool,
    carriers: Vec<CarrierLine>,
    error: Option<String>,
}

pub fn run(a: &ValidateArgs) -> Result<ExitCode, String> {
    if let Some(path) = &a.csv {
        return csv(path, a.json);
    }
    let carrier = a
        .carrier
        .as_deref()
        .map(tracking::carrier_named)
        .transpose()
        .map_err(|e| e.to_string())?;
    let mut all_valid = true;
    for input in &a.ids {
        let detected = tracking::detect(input);
        let (normalized, candidates) = match &detected {
            Ok((n, c)) => (Some(n.clone()), c.clone()),
            Err(_) => (None, Vec::new()),
        };
        let (valid, error) = match (carrier, &detected) {
            (_, Err(e)) => (false, Some(e.to_string())),
            (Some(carrier), Ok(_)) => match tracking::validate(carrier, input) {
                Ok(_) => (true, None),
                Err(e) => (false, Some(e.to_string())),
            },
            (None, Ok((n, c))) if c.is_empty() => (
                false,
                Some(tracking::TrackingError::Unknown { id: n.clone() }.to_string()),
            ),
            (None, Ok(_)) => (true, None),
        };
        all_valid &= valid;
        if a.json {
            let line = IdLine {
                input,
                normalized,
                valid,
                carriers: carriers(&candidates),
                error,
            };
            println!(
                "{}",
                serde_json::to_string(&line).map_err(|e| e.to_string())?
            );
        } else {
            let shown = normalized.as_deref().unwrap_or(input);
            match error {
                Some(e) => println!("{shown}: INVALID: {e}"),
                None => {
                    let list: Vec<String> = candidates
                        .iter()
                        .map(|c| {
                            format!(
                                "{} {}{}",
                                c.carrier.label(),
                                c.kind_name,
                                if c.check_digit {
                                    " (check digit verified)"
                                } else {
                                    " (shape only)"
                                }
                            )
                        })
                        .collect();
                    println!("{shown}: valid: {}", list.join("; "));
                }
            }
        }
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn csv(path: &PathBuf, json: bool) -> Result<ExitCode, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let rows =
        tracking::bulk::validate_csv(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let invalid = rows.iter().filter(|r| r.error.is_some()).count();
    for r in &rows {
        if json {
            println!("{}", serde_json::to_string(r).map_err(|e| e.to_string())?);
        } else if let Some(e) = &r.error {
            println!("line {}: {}: INVALID: {e}", r.line, r.order_id);
        }
    }
    if !json {
        println!(
            "{} rows: {} valid, {invalid} invalid",
            rows.len(),
            rows.len() - invalid
        );
    }
    Ok(if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
