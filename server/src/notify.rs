//! Customer notifications for Out for Delivery, Delivered, Undeliverable and Rejected: produced
//! when the event is accepted and held back outside working hours (06:00 to 22:00 local), so no
//! customer's phone buzzes at night. A customer gets at most one Undeliverable notification per
//! order per local day (the day it is sent on).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use track_core::Marketplace;
use track_core::event::ScanKind;
use track_core::order::TrackingId;

use crate::app::App;
use crate::args;
use crate::store::Tx;
use crate::error::Failure;

/// When a notification produced at `now` may be sent: now during working hours, else at the next
/// opening.
pub fn send_after(market: &Marketplace, now: DateTime<Utc>) -> DateTime<Utc> {
    if market.is_open(now) {
        return now;
    }
    let today = market.day_of(now);
    let opening = market.local_instant(today, market.opens_at());
    if now < opening {
        opening
    } else {
        today.succ_opt().map(|d| market.local_instant(d, market.opens_at())).unwrap_or(opening)
    }
}

/// Queues the customer's notification of an accepted event, if its kind has one.
pub(crate) fn schedule(
    tx: &Tx<'_>,
    market: &Marketplace,
    event_id: &str,
    tracking_id: &TrackingId,
    kind: ScanKind,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    if !matches!(kind, ScanKind::OutForDelivery | ScanKind::Delivered | ScanKind::Undeliverable | ScanKind::Rejected) {
        return Ok(());
    }
    let after = send_after(market, now);
    if kind == ScanKind::Undeliverable {
        let (from, to) = market.day_range(market.day_of(after));
        let sent_that_day: i64 = tx.query_row(
            "SELECT COUNT(*) FROM notifications WHERE tracking_id = ?1 AND kind = ?2 AND send_after_ms >= ?3 AND send_after_ms < ?4",
            args![tracking_id.as_str(), kind.code(), from.timestamp_millis(), to.timestamp_millis()],
            |r| r.get(0),
        )?;
        if sent_that_day > 0 {
            log::info!("undeliverable notification for {} skipped: the customer has one for that day", tracking_id.redacted());
            return Ok(());
        }
    }
    tx.defer(
        "INSERT INTO notifications (event_id, tracking_id, kind, created_at_ms, send_after_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
        args![event_id, tracking_id.as_str(), kind.code(), now.timestamp_millis(), after.timestamp_millis()],
    )?;
    Ok(())
}

/// One notification handed to the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub tracking_id: String,
    pub kind: ScanKind,
    pub created_at: DateTime<Utc>,
    pub send_after: DateTime<Utc>,
}

impl App {
    /// Takes the notifications due now (marking them sent) for the sender to deliver.
    pub fn take_due_notifications(&self) -> Result<Vec<Notification>, Failure> {
        let now = self.now().timestamp_millis();
        self.write(|tx| {
            // Each due notification is handed to one sender.
            tx.lock("notifications")?;
            let rows = tx.query(
                "SELECT tracking_id, kind, created_at_ms, send_after_ms FROM notifications
                 WHERE sent_at_ms IS NULL AND send_after_ms <= ?1 ORDER BY send_after_ms, id",
                args![now],
                |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?, r.get::<i64>(2)?, r.get::<i64>(3)?)),
            )?;
            let mut due = Vec::new();
            for (tracking_id, kind, created, after) in rows {
                let kind = ScanKind::parse(&kind).map_err(|e| Failure::internal(e.to_string()))?;
                let (Some(created_at), Some(send_after)) = (DateTime::from_timestamp_millis(created), DateTime::from_timestamp_millis(after)) else {
                    continue;
                };
                due.push(Notification { tracking_id, kind, created_at, send_after });
            }
            tx.execute("UPDATE notifications SET sent_at_ms = ?1 WHERE sent_at_ms IS NULL AND send_after_ms <= ?1", args![now])?;
            Ok(due)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_outside_working_hours() {
        let m = Marketplace::india();
        let at = |d: &str, t: &str| m.local_instant(d.parse().unwrap(), t.parse().unwrap());
        assert_eq!(send_after(&m, at("2026-11-23", "05:59:00")), at("2026-11-23", "06:00:00"));
        assert_eq!(send_after(&m, at("2026-11-23", "06:00:00")), at("2026-11-23", "06:00:00"));
        assert_eq!(send_after(&m, at("2026-11-23", "21:59:00")), at("2026-11-23", "21:59:00"));
        assert_eq!(send_after(&m, at("2026-11-23", "22:00:00")), at("2026-11-24", "06:00:00"));
        assert_eq!(send_after(&m, at("2026-11-23", "23:30:00")), at("2026-11-24", "06:00:00"));
    }
}
