//! Bulk upload: a CSV of order ID, carrier, tracking ID (and optional ship date) validated row by
//! row. A file that is not UTF-8 CSV or whose header is wrong is refused as a whole with a clear
//! error; otherwise every row gets its own result with its line number.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Candidate, carrier_named, normalize, validate};
use crate::order::OrderId;

/// The header the file must start with (case and surrounding spaces ignored).
pub const HEADER: [&str; 3] = ["order_id", "carrier", "tracking_id"];
pub const OPTIONAL: &str = "ship_date";

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
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
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

/// Validates every row of a CSV file's bytes.
pub fn validate_csv(bytes: &[u8]) -> Result<Vec<RowResult>, BulkError> {
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
    let with_date = match names.as_slice() {
        [a, b, c] if [a, b, c] == HEADER => false,
        [a, b, c, d] if [a, b, c] == HEADER && d == OPTIONAL => true,
        _ => {
            return Err(BulkError::BadHeader {
                found: names.join(","),
            });
        }
    };
    // Line numbers counted from the bytes (the reader's own count skips blank lines).
    let (mut counted_to, mut newlines) = (0usize, 0u64);
    let mut line_at = |offset: u64| -> u64 {
        let mut offset = (offset as usize).min(bytes.len());
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
    // A file names few carriers: look each name up once.
    let mut carriers: std::collections::HashMap<String, Result<super::Carrier, String>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
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
