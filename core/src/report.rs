//! Problem reports: the DA raises a problem from the app; the core gives it a unique report ID to
//! quote to support and collects a diagnostic bundle (versions, outbox counts, the kinds of recent
//! errors) that holds no customer data: no names, addresses, phones, tracking IDs or messages.
//! Owns the report's bundle; the errors it counts are kept by [`crate::storage::reports`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::error::Error;
use crate::storage::outbox::{self, OutboxCounts};
pub use crate::storage::reports::ErrorCount;
use crate::storage::{report_outbox, reports, sync_state};

/// Support answers a problem report within this many business days (what the DA is promised).
pub const ANSWER_WITHIN_BUSINESS_DAYS: u32 = 3;
/// The largest bundle taken (JSON), on the phone and the server.
pub const MAX_REPORT_BYTES: usize = 64 * 1024;

/// A problem report's bundle: also the body of `POST /v1/problem-reports` (unknown fields are
/// refused, so nothing else, customer data least of all, rides along).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemReport {
    /// `TRK-XXXX-XXXX-XXXX`, unique, to quote to support.
    pub report_id: String,
    pub created_at: DateTime<Utc>,
    pub app_version: String,
    pub core_version: String,
    pub schema_version: i64,
    pub outbox: OutboxCounts,
    pub last_sync_success: Option<DateTime<Utc>>,
    pub last_sync_failed: bool,
    pub recent_errors: Vec<ErrorCount>,
}

/// Whether `id` is a report ID as [`report_id`] makes them: `TRK-` and three groups of four
/// characters of Crockford's base 32 (upper case).
pub fn is_report_id(id: &str) -> bool {
    let Some(rest) = id.strip_prefix("TRK-") else { return false };
    let groups: Vec<&str> = rest.split('-').collect();
    groups.len() == 3
        && groups.iter().all(|g| g.len() == 4 && g.bytes().all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)))
}

/// A report ID: 60 random bits in Crockford's base 32 (no I, L, O, U to misread).
fn report_id() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bits = u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap_or([0; 8]));
    let chars: String = (0..12).map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect();
    format!("TRK-{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12])
}

impl Day {
    /// A problem report with a fresh ID and its diagnostic bundle.
    pub fn problem_report(&self, app_version: &str) -> Result<ProblemReport, Error> {
        let app_version: String = app_version.chars().filter(|c| c.is_ascii_graphic()).take(40).collect();
        let (outbox, schema_version, sync, recent_errors) = self.store().read(|db| {
            Ok((outbox::counts(db)?, reports::schema_version(db)?, sync_state::get(db)?, reports::recent_errors(db)?))
        })?;
        let (ok, err_at) = (sync.last_success, sync.last_error_at);
        Ok(ProblemReport {
            report_id: report_id(),
            created_at: self.now(),
            app_version,
            core_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version,
            outbox,
            last_sync_success: ok,
            last_sync_failed: match (ok, err_at) {
                (Some(s), Some(e)) => e > s,
                (None, Some(_)) => true,
                _ => false,
            },
            recent_errors,
        })
    }

    /// Files a problem report: a fresh report (as [`Day::problem_report`]) queued to reach
    /// support with the next sync (`POST /v1/problem-reports`). The DA quotes its ID; support
    /// answers within [`ANSWER_WITHIN_BUSINESS_DAYS`] business days.
    pub fn file_problem_report(&self, app_version: &str) -> Result<ProblemReport, Error> {
        let report = self.problem_report(app_version)?;
        let body = serde_json::to_string(&report).map_err(|e| Error::InvalidArgument(format!("the report cannot be written: {e}")))?;
        let now = self.now();
        self.store().write(|db| report_outbox::enqueue(db, &report.report_id, &body, now))?;
        log::info!("problem report {} queued for support", report.report_id);
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_ids_have_one_shape() {
        for _ in 0..50 {
            assert!(is_report_id(&report_id()));
        }
        for bad in ["", "TRK-", "TRK-ABCD-EFGH", "TRK-ABCD-EFGH-IJKL", "trk-ABCD-EFGH-JKMN", "TRK-ABCD-EFGH-JKMNP", "XYZ-ABCD-EFGH-JKMN"] {
            assert!(!is_report_id(bad), "{bad}");
        }
    }
}
