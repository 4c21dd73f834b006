//! Delivery metrics: a workflow runs from an Out for Delivery scan to the order's final scan
//! (Delivered, Undeliverable or Rejected) of that itinerary. It is successful when both fall on the
//! same local day, before working hours close. Owns the daily summary's counts and the same-day
//! rule; the workflows themselves are stored by [`crate::storage::workflows`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::event::ScanKind;
use crate::marketplace::Marketplace;
use crate::storage::workflows::OutcomeCount;

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

/// Whether a workflow's outcome counts as within working hours: a final scan while open.
pub(crate) fn outcome_in_hours(market: &Marketplace, outcome: ScanKind, at: DateTime<Utc>) -> bool {
    outcome.is_final_scan() && market.is_open(at)
}

/// The summary of one local day, from its workflows grouped by outcome.
pub(crate) fn daily_summary(day: NaiveDate, outcomes: &[OutcomeCount]) -> DailySummary {
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
    for o in outcomes {
        let n = o.count;
        s.out_for_delivery = s.out_for_delivery.saturating_add(n);
        let slot = match o.outcome {
            None => &mut s.still_out,
            Some(ScanKind::Delivered) => &mut s.delivered,
            Some(ScanKind::Undeliverable) => &mut s.undeliverable,
            Some(ScanKind::Rejected) => &mut s.rejected,
            Some(ScanKind::LeftItinerary) | Some(ScanKind::OutForDelivery) => &mut s.left_itinerary,
        };
        *slot = slot.saturating_add(n);
        if o.outcome.is_some_and(ScanKind::is_final_scan) && o.same_day {
            s.successful = s.successful.saturating_add(n);
        }
    }
    if s.out_for_delivery > 0 {
        s.success_rate = Some(f64::from(s.successful) / f64::from(s.out_for_delivery));
    }
    s
}

/// Whether a workflow that went out at `ofd_at` and ended with a final scan at `final_at` is
/// successful: both on the same local day, the final scan before working hours close. The one rule
/// shared by the phone's daily summary and the server's seller metrics.
pub fn is_same_day(market: &Marketplace, ofd_at: DateTime<Utc>, final_at: DateTime<Utc>) -> bool {
    final_at >= ofd_at && market.day_of(ofd_at) == market.day_of(final_at) && market.is_open(final_at)
}
