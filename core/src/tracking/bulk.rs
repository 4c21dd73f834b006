//! Bulk upload: a CSV of order ID, carrier, tracking ID (and optional ship date) validated row by
//! row, and a shipment's box tracking file (box number, tracking ID; applied by
//! [`super::shipment::Shipment::apply_box_csv`]). A file that is not UTF-8 CSV or whose header is
//! wrong is refused as a whole with a clear error; otherwise every row gets its own result with its
//! line number. Owns the one reader of the seller's CSV files.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Candidate, carrier_named, normalize, validate};
use crate::order::OrderId;

/// The header the file must start with (case and surrounding spaces ignored).
pub const HEADER: [&str; 3] = ["order_id", "carrier", "tracking_id"];
pub const OPTIONAL: &str = "ship_date";
/// The header of a shipment's box tracking file.
pub const BOX_HEADER: [&str; 2] = ["box", "tracking_id"];

/// Why the whole file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BulkError {
    #[error("the file is empty: expected a header line `order_id,carrier,tracking_id[,ship_date]`")]
    Empty,
    #[error("the file is UTF-16 (or another non-UTF-8 encoding): save it as \"CSV UTF-8\"")]
    NotUtf8File,
    #[error("line {line}: the text is not UTF-8: save the file as \"CSV UTF-8\"")]
    NotUtf8 { line: u64 },
    #[error(
        "the header is {found:?}: expected `order_id,carrier,tracking_id` optionally followed by `ship_date`"
    )]
    BadHeader { found: String },
    #[error("the header is {found:?}: expected `box,tracking_id`")]
    BadBoxHeader { found: String },
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
}

impl BulkError {
    /// A stable code for the wire and the seller tools.
    pub fn code(&self) -> &'static str {
        match self {
            BulkError::Empty => "empty_csv",
            BulkError::NotUtf8File | BulkError::NotUtf8 { .. } => "csv_not_utf8",
            BulkError::BadHeader { .. } | BulkError::BadBoxHeader { .. } => "bad_csv_header",
            BulkError::Csv { .. } => "malformed_csv",
        }
    }
}

/// One row of a box tracking file: its line and the box number with the tracking ID as written
/// (not trimmed: the seller's entry check refuses spaces around an ID), or why the row is unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxRow {
    pub line: u64,
    pub entry: Result<(usize, String), String>,
}

/// The result of one row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowResult {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub order_id: String,
    pub tracking_id: Option<String>,
    pub candidate: Option<Candidate>,
    pub error: Option<String>,
}

fn field(rec: &csv::ByteRecord, i: usize, line: u64) -> Result<String, BulkError> {
    let raw = rec.get(i).unwrap_or_default();
    std::str::from_utf8(raw)
        .map(|s| s.trim().to_string())
        .map_err(|_| BulkError::NotUtf8 { line })
}

/// A CSV file's data rows after its header: each with its line in the file (the header is line
/// 1), blank rows left out.
struct Rows {
    /// The header's names, trimmed and lower-cased.
    names: Vec<String>,
    rows: Vec<(u64, csv::ByteRecord)>,
}

/// The one reader of the seller's CSV files: refuses a file that is UTF-16, empty or broken
/// (with its line), drops a byte-order mark, and numbers each row by its line in the file.
fn read_rows(bytes: &[u8]) -> Result<Rows, BulkError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(BulkError::NotUtf8File);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Err(BulkError::Empty),
        Some(Err(e)) => {
            return Err(BulkError::Csv {
                line: 1,
                message: e.to_string(),
            });
        }
        Some(Ok(h)) => h,
    };
    let names: Vec<String> = (0..header.len())
        .map(|i| field(&header, i, 1).map(|s| s.to_ascii_lowercase()))
        .collect::<Result<_, _>>()?;
    // Line numbers counted from the bytes (the reader's own count skips blank lines).
    let (mut counted_to, mut newlines) = (0usize, 0u64);
    let mut line_at = |offset: u64| -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        // A record's position may be that of the blank lines before it.
        while bytes
            .get(offset)
            .is_some_and(|b| matches!(b, b'\n' | b'\r'))
        {
            offset += 1;
        }
        if offset > counted_to {
            newlines += bytes[counted_to..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            counted_to = offset;
        }
        newlines + 1
    };
    let mut rows = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                return Err(BulkError::Csv {
                    line,
                    message: e.to_string(),
                });
            }
        };
        let line = rec.position().map_or(0, |p| line_at(p.byte()));
        if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        rows.push((line, rec));
    }
    Ok(Rows { names, rows })
}

/// The rows of a box tracking file (`box,tracking_id`).
pub fn box_rows(bytes: &[u8]) -> Result<Vec<BoxRow>, BulkError> {
    let Rows { names, rows } = read_rows(bytes)?;
    if names != BOX_HEADER {
        return Err(BulkError::BadBoxHeader { found: names.join(",") });
    }
    rows.into_iter()
        .map(|(line, rec)| {
            let entry = if rec.len() == BOX_HEADER.len() {
                let box_no = field(&rec, 0, line)?;
                let raw = rec.get(1).unwrap_or_default();
                let id = std::str::from_utf8(raw).map_err(|_| BulkError::NotUtf8 { line })?.to_string();
                box_no
                    .parse::<usize>()
                    .map(|n| (n, id))
                    .map_err(|_| format!("box {box_no:?} is not a box number: expected 1, 2, 3…"))
            } else {
                Err(format!("{} fields: expected 2 (box, tracking_id)", rec.len()))
            };
            Ok(BoxRow { line, entry })
        })
        .collect()
}

/// Validates every row of a CSV file's bytes.
pub fn validate_csv(bytes: &[u8]) -> Result<Vec<RowResult>, BulkError> {
    let Rows { names, rows } = read_rows(bytes)?;
    let with_date = match names.as_slice() {
        [a, b, c] if [a, b, c] == HEADER => false,
        [a, b, c, d] if [a, b, c] == HEADER && d == OPTIONAL => true,
        _ => {
            return Err(BulkError::BadHeader {
                found: names.join(","),
            });
        }
    };
    // A file names few carriers: look each name up once.
    let mut carriers: std::collections::HashMap<String, Result<super::Carrier, String>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    for (line, rec) in rows {
        let order_id = field(&rec, 0, line)?;
        let carrier = field(&rec, 1, line)?;
        let tracking = field(&rec, 2, line)?;
        let date = if with_date {
            field(&rec, 3, line)?
        } else {
            String::new()
        };
        let mut row = RowResult {
            line,
            order_id: order_id.clone(),
            tracking_id: None,
            candidate: None,
            error: None,
        };
        let checked = (|| -> Result<Candidate, String> {
            if rec.len() > if with_date { 4 } else { 3 } {
                return Err(format!(
                    "{} fields: expected {}",
                    rec.len(),
                    if with_date { 4 } else { 3 }
                ));
            }
            OrderId::parse(&order_id).map_err(|e| e.to_string())?;
            if !date.is_empty() {
                NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
                    format!("ship date {date:?} is not a date: expected YYYY-MM-DD")
                })?;
            }
            if tracking.is_empty() {
                return Err(
                    "the tracking ID is missing: the order counts against the Valid Tracking Rate"
                        .into(),
                );
            }
            let carrier = carriers
                .entry(carrier.clone())
                .or_insert_with(|| carrier_named(&carrier).map_err(|e| e.to_string()))
                .clone()?;
            validate(carrier, &tracking).map_err(|e| e.to_string())
        })();
        row.tracking_id = normalize(&tracking).ok();
        match checked {
            Ok(c) => row.candidate = Some(c),
            Err(e) => row.error = Some(e),
        }
        out.push(row);
    }
    Ok(out)
}
