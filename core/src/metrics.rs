//! Delivery metrics: a workflow runs from an Out for Delivery scan to the order's final scan
//! (Delivered, Undeliverable or Rejected) of that itinerary. It is successful when both fall on the
//! same local day, before working hours close.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use crate::error::Error;
use crate::event::ScanKind;
use crate::marketplace::Marketplace;
use crate::order::TrackingId;

/// The counts of one local day's workflows (those whose Out for Delivery scan fell on that day).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailySummary {
    pub day: NaiveDate,
    /// Workflows started: Out for Delivery scans confirmed that day.
    pub out_for_delivery: u32,
    pub delivered: u32,
    pub undeliverable: u32,
    pub rejected: u32,
    /// Still out when working hours closed: they left the itinerary without a final scan.
    pub left_itinerary: u32,
    /// Still out now (the day has not closed yet).
    pub still_out: u32,
    /// Workflows whose final scan fell on the same local day before closing time.
    pub successful: u32,
    /// `successful / out_for_delivery`, or `None` on a day with no workflow.
    pub success_rate: Option<f64>,
}

/// Opens a workflow for an Out for Delivery event.
pub(crate) fn start_workflow(
    tx: &Transaction<'_>,
    tracking_id: &TrackingId,
    ofd_seq: i64,
    day: NaiveDate,
    at: DateTime<Utc>,
) -> Result<i64, Error> {
    tx.execute(
        "INSERT INTO workflows (tracking_id, ofd_seq, ofd_day, ofd_at_ms) VALUES (?1, ?2, ?3, ?4)",
        params![tracking_id.as_str(), ofd_seq, day.to_string(), at.timestamp_millis()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Records a workflow's outcome. A same-day re-attempt replaces an Undeliverable outcome.
pub(crate) fn end_workflow(
    tx: &Transaction<'_>,
    workflow_id: i64,
    outcome: ScanKind,
    at: DateTime<Utc>,
    market: &Marketplace,
) -> Result<(), Error> {
    let in_hours = outcome.is_final_scan() && market.is_open(at);
    tx.execute(
        "UPDATE workflows SET outcome = ?2, outcome_at_ms = ?3, outcome_day = ?4, outcome_in_hours = ?5 WHERE id = ?1",
        params![workflow_id, outcome.code(), at.timestamp_millis(), market.day_of(at).to_string(), in_hours],
    )?;
    Ok(())
}

/// The summary of one local day.
pub fn daily_summary(conn: &Connection, day: NaiveDate) -> Result<DailySummary, Error> {
    let mut s = DailySummary {
        day,
        out_for_delivery: 0,
        delivered: 0,
        undeliverable: 0,
        rejected: 0,
        left_itinerary: 0,
        still_out: 0,
        successful: 0,
        success_rate: None,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT outcome, outcome_day = ofd_day AND outcome_in_hours = 1 AS same_day, COUNT(*)
         FROM workflows WHERE ofd_day = ?1 GROUP BY outcome, same_day",
    )?;
    let mut rows = stmt.query(params![day.to_string()])?;
    while let Some(r) = rows.next()? {
        let outcome: Option<String> = r.get(0)?;
        let same_day: Option<bool> = r.get(1)?;
        let n = u32::try_from(r.get::<_, i64>(2)?).unwrap_or(u32::MAX);
        s.out_for_delivery += n;
        let kind = outcome.as_deref().map(ScanKind::parse).transpose()?;
        match kind {
            None => s.still_out += n,
            Some(ScanKind::Delivered) => s.delivered += n,
            Some(ScanKind::Undeliverable) => s.undeliverable += n,
            Some(ScanKind::Rejected) => s.rejected += n,
            Some(ScanKind::LeftItinerary) | Some(ScanKind::OutForDelivery) => s.left_itinerary += n,
        }
        if kind.is_some_and(ScanKind::is_final_scan) && same_day == Some(true) {
            s.successful += n;
        }
    }
    if s.out_for_delivery > 0 {
        s.success_rate = Some(f64::from(s.successful) / f64::from(s.out_for_delivery));
    }
    Ok(s)
}

/// Whether a workflow that went out at `ofd_at` and ended with a final scan at `final_at` is
/// successful: both on the same local day, the final scan before working hours close. The one rule
/// shared by the phone's daily summary and the server's seller metrics.
pub fn is_same_day(market: &Marketplace, ofd_at: DateTime<Utc>, final_at: DateTime<Utc>) -> bool {
    final_at >= ofd_at && market.day_of(ofd_at) == market.day_of(final_at) && market.is_open(final_at)
}
