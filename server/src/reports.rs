//! Problem reports that reach support: a DA's phone sends its report (the ID the DA quotes and a
//! diagnostic bundle without customer data) with `POST /v1/problem-reports`, once per report ID
//! (the same report again is a success, another report under the same ID a conflict); support
//! reads it back by ID behind the admin token (`GET /v1/admin/problem-reports/{report_id}`,
//! `track report show ID`). Owns the `problem_reports` table.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use track_core::report::{ANSWER_WITHIN_BUSINESS_DAYS, MAX_REPORT_BYTES, ProblemReport, is_report_id};
use track_core::sync::wire::ProblemReportReceived;

use crate::app::App;
use crate::args;
use crate::auth::Caller;
use crate::error::Failure;

/// A stored report's row: DA, seller, bundle, receive time, the DA's name and phone.
type ReportRow = (String, String, String, i64, Option<String>, Option<String>);

/// The most error kinds a bundle lists.
const MAX_ERROR_KINDS: usize = 100;
/// The longest version or error kind.
const MAX_LABEL_CHARS: usize = 64;

/// `GET /v1/admin/problem-reports/{report_id}`: a report as support sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemReportRecord {
    pub report_id: String,
    pub received_at: DateTime<Utc>,
    pub seller_id: String,
    pub da_id: String,
    /// The DA's name and phone, for support's answer (not customer data).
    pub da_name: Option<String>,
    pub da_phone: Option<String>,
    pub answer_within_business_days: u32,
    pub report: ProblemReport,
}

fn label_ok(s: &str) -> bool {
    s.chars().count() <= MAX_LABEL_CHARS && s.chars().all(|c| c.is_ascii_graphic() || c == ' ')
}

/// Checks a report's bundle: its ID's shape and that it holds only short labels and counts
/// (`deny_unknown_fields` already refused anything else).
fn check(report: &ProblemReport) -> Result<(), Failure> {
    if !is_report_id(&report.report_id) {
        return Err(Failure::new(422, "invalid_report_id", "a report ID is TRK- and three groups of 4 characters (0-9, A-Z without I, L, O, U)"));
    }
    let bad = |what: &str| Err(Failure::new(422, "invalid_report", format!("the report's {what} is not valid")));
    if !label_ok(&report.app_version) || !label_ok(&report.core_version) {
        return bad("version");
    }
    if report.recent_errors.len() > MAX_ERROR_KINDS || !report.recent_errors.iter().all(|e| label_ok(&e.kind)) {
        return bad("list of recent errors");
    }
    let times = [Some(report.created_at), report.last_sync_success].into_iter().chain(report.recent_errors.iter().map(|e| e.last_at));
    for t in times.flatten() {
        if track_core::clock::check_instant(t).is_err() {
            return bad("time");
        }
    }
    Ok(())
}

impl App {
    /// `POST /v1/problem-reports`: records the caller's report. `Ok((true, …))` when recorded now,
    /// `(false, …)` when the same report was recorded before.
    pub fn receive_problem_report(&self, caller: &Caller, report: &ProblemReport) -> Result<(bool, ProblemReportReceived), Failure> {
        check(report)?;
        let bundle = serde_json::to_string(report).map_err(|e| Failure::internal(e.to_string()))?;
        if bundle.len() > MAX_REPORT_BYTES {
            return Err(Failure::new(413, "report_too_large", format!("a report's bundle is at most {MAX_REPORT_BYTES} bytes")));
        }
        let now = self.now().timestamp_millis();
        let (created, da_id, stored, received_ms) = self.write(|tx| {
            let created = tx.execute(
                "INSERT INTO problem_reports (report_id, da_id, seller_id, bundle, received_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (report_id) DO NOTHING",
                args![report.report_id, caller.da_id, caller.seller_id, bundle, now],
            )? == 1;
            let (da_id, stored, received): (String, String, i64) = tx.query_row(
                "SELECT da_id, bundle, received_at_ms FROM problem_reports WHERE report_id = ?1",
                args![report.report_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            Ok((created, da_id, stored, received))
        })?;
        if da_id != caller.da_id || stored != bundle {
            return Err(Failure::new(409, "report_id_taken", "another report was already sent with this report ID: file a new report"));
        }
        if created {
            log::info!("problem report {} received", report.report_id);
        }
        let received_at = DateTime::from_timestamp_millis(received_ms).ok_or_else(|| Failure::internal("a stored receive time is out of range"))?;
        Ok((created, ProblemReportReceived { report_id: report.report_id.clone(), received_at, answer_within_business_days: ANSWER_WITHIN_BUSINESS_DAYS }))
    }

    /// `GET /v1/admin/problem-reports/{report_id}`: a report for support.
    pub fn problem_report(&self, report_id: &str) -> Result<ProblemReportRecord, Failure> {
        let id = report_id.trim().to_ascii_uppercase();
        let not_found = || Failure::new(404, "unknown_report", format!("no problem report has ID {id}: check the ID the DA quoted"));
        if !is_report_id(&id) {
            return Err(not_found());
        }
        let row: Option<ReportRow> = self.read(|tx| {
            Ok(tx.query_opt(
                "SELECT p.da_id, p.seller_id, p.bundle, p.received_at_ms, d.name, d.phone FROM problem_reports p
                 LEFT JOIN das d ON d.id = p.da_id WHERE p.report_id = ?1",
                args![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )?)
        })?;
        let (da_id, seller_id, bundle, received_ms, da_name, da_phone) = row.ok_or_else(not_found)?;
        let report: ProblemReport = serde_json::from_str(&bundle).map_err(|e| Failure::internal(format!("a stored report is unreadable: {e}")))?;
        Ok(ProblemReportRecord {
            report_id: id,
            received_at: DateTime::from_timestamp_millis(received_ms).ok_or_else(|| Failure::internal("a stored receive time is out of range"))?,
            seller_id,
            da_id,
            da_name,
            da_phone,
            answer_within_business_days: ANSWER_WITHIN_BUSINESS_DAYS,
            report,
        })
    }
}
