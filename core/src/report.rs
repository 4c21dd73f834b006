//! Problem reports: the DA raises a problem from the app; the core gives it a unique report ID to
//! quote to support and collects a diagnostic bundle (versions, outbox counts, the kinds of recent
//! errors) that holds no customer data: no names, addresses, phones, tracking IDs or messages.
//! Owns the report's bundle; the errors it counts are kept by [`crate::storage::reports`].

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::day::Day;
use crate::error::Error;
use crate::storage::outbox::{self, OutboxCounts};
pub use crate::storage::reports::ErrorCount;
use crate::storage::{reports, sync_state};

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
            core_version: env!("CARGO_PKG_VERSION"),
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
}
