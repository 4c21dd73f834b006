//! Where the parcel is and when it comes: the DAs' positions (`PUT /v1/positions/current`, one
//! row per DA, the latest kept) and the live part of the customer's view of an order out for
//! delivery: the arrival window from the DA's pace today ([`track_core::eta`]) and, while the DA
//! is active inside working hours, the DA's last position and its age; for a delivered order, the
//! place of the Delivered scan. Nothing about the DA after the order's final scan or outside
//! working hours. Positions are never logged.

use chrono::{DateTime, Duration, Utc};
use track_core::Marketplace;
use track_core::eta::{ArrivalWindow, DayProgress, arrival_window};
use track_core::event::ScanKind;
use track_core::order::OrderStatus;
use track_core::sync::wire::{DaPosition, Place, PositionKept, PositionUpdate};

use crate::app::App;
use crate::args;
use crate::auth::Caller;
use crate::error::Failure;
use crate::events::MAX_AHEAD;
use crate::store::{DbError, Tx};

/// A position older than this says the DA is not active (the phone stopped sending): not shown.
pub const ACTIVE_FOR: Duration = Duration::minutes(30);

/// The live part of an order's view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Live {
    pub arrival: Option<ArrivalWindow>,
    pub da_position: Option<DaPosition>,
    pub delivered_here: Option<Place>,
}

impl App {
    /// Keeps the caller's latest position: while parcels are out with the DA, fixed inside
    /// working hours and not older than [`ACTIVE_FOR`] nor ahead of the server's clock.
    pub fn put_position(&self, caller: &Caller, update: &PositionUpdate) -> Result<PositionKept, Failure> {
        let now = self.now();
        let invalid = |m: String| Failure::new(422, "invalid_location", m);
        let location = update.location.checked().map_err(|e| invalid(e.to_string()))?;
        let fix_ms = location.fix_time_ms.ok_or_else(|| invalid("a position needs its fix time (fix_time_ms)".into()))?;
        let fixed_at = DateTime::from_timestamp_millis(fix_ms).ok_or_else(|| invalid(format!("the fix time {fix_ms} ms is not a time")))?;
        track_core::clock::check_instant(fixed_at).map_err(|e| invalid(format!("fix_time_ms: {e}")))?;
        if fixed_at > now + MAX_AHEAD {
            return Err(invalid(format!(
                "the fix time is more than {} minutes ahead of the server's clock: set the phone's clock to the network time",
                MAX_AHEAD.num_minutes()
            )));
        }
        if fixed_at < now - ACTIVE_FOR {
            return Err(invalid(format!("the position is more than {} minutes old: send the latest one", ACTIVE_FOR.num_minutes())));
        }
        let device = update.device_id.to_string();
        self.write(|tx| {
            let market = self.market_of(tx, &caller.seller_id)?;
            if !market.is_open(fixed_at) || !market.is_open(now) {
                return Err(Failure::new(
                    409,
                    "outside_working_hours",
                    "positions are kept only inside working hours: the phone stops sending when the day closes",
                ));
            }
            let out: i64 = tx.query_row(
                "SELECT COUNT(*) FROM orders WHERE da_id = ?1 AND status = ?2",
                args![caller.da_id, OrderStatus::OutForDelivery.code()],
                |r| r.get(0),
            )?;
            if out == 0 {
                return Err(Failure::new(409, "nothing_out", "no parcel is out for delivery with you: positions are kept only while one is"));
            }
            tx.execute(
                "INSERT INTO positions (da_id, device_id, latitude, longitude, accuracy_m, fix_ms, received_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (da_id) DO UPDATE SET device_id = ?2, latitude = ?3, longitude = ?4, accuracy_m = ?5, fix_ms = ?6,
                     received_at_ms = ?7
                 WHERE positions.fix_ms <= ?6",
                args![caller.da_id, device, location.latitude, location.longitude, location.accuracy_m, fix_ms, now.timestamp_millis()],
            )?;
            Ok(PositionKept { kept: true })
        })
    }

    /// The live part of the view of the order `tracking_id`, at `now`. `arriving_today`: the
    /// view's status is Arriving today (out for delivery today, before the close).
    pub(crate) fn live(&self, tx: &Tx<'_>, market: &Marketplace, tracking_id: &str, arriving_today: bool, now: DateTime<Utc>) -> Result<Live, Failure> {
        let mut live = Live { delivered_here: delivered_here(tx, tracking_id)?, ..Live::default() };
        if !arriving_today || !market.is_open(now) {
            return Ok(live);
        }
        let da: Option<(Option<String>, String)> =
            tx.query_opt("SELECT da_id, status FROM orders WHERE tracking_id = ?1", args![tracking_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let Some((Some(da), status)) = da else { return Ok(live) };
        if status != OrderStatus::OutForDelivery.code() {
            return Ok(live);
        }
        live.arrival = day_progress(tx, market, &da, now)?.and_then(|p| arrival_window(market, &p, now));
        live.da_position = position(tx, market, &da, now)?;
        Ok(live)
    }
}

/// The DA's day so far: the first accepted Out for Delivery scan today, the final scans since,
/// the orders still out.
fn day_progress(tx: &Tx<'_>, market: &Marketplace, da: &str, now: DateTime<Utc>) -> Result<Option<DayProgress>, DbError> {
    let (from, to) = market.day_range(market.day_of(now));
    let first: Option<i64> = tx.query_row(
        "SELECT MIN(device_time_ms) FROM events WHERE da_id = ?1 AND outcome = 'accepted' AND kind = ?2 AND device_time_ms >= ?3 AND device_time_ms < ?4",
        args![da, ScanKind::OutForDelivery.code(), from.timestamp_millis(), to.timestamp_millis()],
        |r| r.get(0),
    )?;
    let Some(out_since) = first.and_then(DateTime::from_timestamp_millis) else { return Ok(None) };
    let done: i64 = tx.query_row(
        "SELECT COUNT(*) FROM events WHERE da_id = ?1 AND outcome = 'accepted' AND kind IN (?2, ?3, ?4)
           AND device_time_ms >= ?5 AND device_time_ms < ?6",
        args![
            da,
            ScanKind::Delivered.code(),
            ScanKind::Undeliverable.code(),
            ScanKind::Rejected.code(),
            out_since.timestamp_millis(),
            to.timestamp_millis()
        ],
        |r| r.get(0),
    )?;
    let left: i64 = tx.query_row(
        "SELECT COUNT(*) FROM orders WHERE da_id = ?1 AND status = ?2",
        args![da, OrderStatus::OutForDelivery.code()],
        |r| r.get(0),
    )?;
    let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    Ok(Some(DayProgress { out_since, stops_done: count(done), stops_left: count(left) }))
}

/// The DA's last position, when it was fixed today inside working hours and is recent.
fn position(tx: &Tx<'_>, market: &Marketplace, da: &str, now: DateTime<Utc>) -> Result<Option<DaPosition>, DbError> {
    let row: Option<(f64, f64, f64, i64)> = tx.query_opt(
        "SELECT latitude, longitude, accuracy_m, fix_ms FROM positions WHERE da_id = ?1",
        args![da],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let Some((latitude, longitude, accuracy_m, fix_ms)) = row else { return Ok(None) };
    let Some(fixed_at) = DateTime::from_timestamp_millis(fix_ms) else { return Ok(None) };
    let age = (now - fixed_at).max(Duration::zero());
    let shown = age <= ACTIVE_FOR && market.is_open(fixed_at) && market.day_of(fixed_at) == market.day_of(now);
    Ok(shown.then_some(DaPosition { place: Place { latitude, longitude, accuracy_m }, fixed_at, age_s: age.num_seconds() }))
}

/// Where the order's accepted Delivered scan happened, when the phone sent a location.
fn delivered_here(tx: &Tx<'_>, tracking_id: &str) -> Result<Option<Place>, DbError> {
    let rows: Vec<(Option<f64>, Option<f64>, Option<f64>)> = tx.query(
        "SELECT latitude, longitude, accuracy_m FROM events WHERE tracking_id = ?1 AND outcome = 'accepted' AND kind = ?2
         ORDER BY received_at_ms DESC, seq DESC",
        args![tracking_id, ScanKind::Delivered.code()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(rows.into_iter().next().and_then(|(lat, lon, acc)| {
        let location = track_core::event::Location::new(lat?, lon?, acc?).ok()?;
        Some(Place { latitude: location.latitude, longitude: location.longitude, accuracy_m: location.accuracy_m })
    }))
}
