//! Problem reports: the DA raises a problem from the app; the core gives it a unique report ID to
//! quote to support and collects a diagnostic bundle (versions, outbox counts, the kinds of recent
//! errors) that holds no customer data: no names, addresses, phones, tracking IDs or messages.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Error;
use crate::itinerary::Itinerary;
use crate::outbox::OutboxCounts;

/// How many recent errors are kept.
const KEEP_ERRORS: i64 = 50;

/// Recent errors of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorCount {
    pub kind: String,
    pub count: u32,
    pub last_at: Option<DateTime<Utc>>,
}

/// A problem report's bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemReport {
    /// `TRK-XXXX-XXXX-XXXX`, unique, to quote to support.
    pub report_id: String,
    pub created_at: DateTime<Utc>,
    pub app_version: String,
    pub core_version: &'static str,
    pub schema_version: i64,
    pub outbox: OutboxCounts,
    pub last_sync_success: Option<DateTime<Utc>>,
    pub last_sync_failed: bool,
    pub recent_errors: Vec<ErrorCount>,
}

/// A report ID: 60 random bits in Crockford's base 32 (no I, L, O, U to misread).
fn report_id() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bits = u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap_or([0; 8]));
    let chars: String = (0..12).map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect();
    format!("TRK-{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12])
}

impl Itinerary {
    /// Records the kind of an error the DA met (never its message), for problem reports.
    pub fn record_error(&self, error: &Error) {
        let now = self.now().timestamp_millis();
        let result = self.with_connection(|c| {
            c.execute("INSERT INTO error_log (at_ms, kind) VALUES (?1, ?2)", rusqlite::params![now, error.kind()])?;
            c.execute("DELETE FROM error_log WHERE id <= (SELECT MAX(id) FROM error_log) - ?1", [KEEP_ERRORS])?;
            Ok(())
        });
        if let Err(e) = result {
            log::warn!("could not record an error for problem reports: {}", e.kind());
        }
    }

    /// A problem report with a fresh ID and its diagnostic bundle.
    pub fn problem_report(&self, app_version: &str) -> Result<ProblemReport, Error> {
        let outbox = self.outbox_counts()?;
        let app_version: String = app_version.chars().filter(|c| c.is_ascii_graphic()).take(40).collect();
        self.with_connection(|c| {
            let schema_version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let (ok, err_at): (Option<i64>, Option<i64>) =
                c.query_row("SELECT last_success_ms, last_error_at_ms FROM sync_state WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let mut stmt = c.prepare("SELECT kind, COUNT(*), MAX(at_ms) FROM error_log GROUP BY kind ORDER BY COUNT(*) DESC, kind")?;
            let recent_errors = stmt
                .query_map([], |r| Ok(ErrorCount { kind: r.get(0)?, count: r.get(1)?, last_at: r.get::<_, Option<i64>>(2)?.and_then(DateTime::from_timestamp_millis) }))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ProblemReport {
                report_id: report_id(),
                created_at: self.now(),
                app_version,
                core_version: env!("CARGO_PKG_VERSION"),
                schema_version,
                outbox,
                last_sync_success: ok.and_then(DateTime::from_timestamp_millis),
                last_sync_failed: match (ok, err_at) {
                    (Some(s), Some(e)) => e > s,
                    (None, Some(_)) => true,
                    _ => false,
                },
                recent_errors,
            })
        })
    }
}
