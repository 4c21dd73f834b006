//! The customer's arrival window for an order out for delivery, from its DA's pace today: the
//! time the DA has taken per stop so far (since the day's first Out for Delivery scan, over the
//! final scans made since), times the stops still out with that DA. The route's order is not
//! known, so the window runs from now to when the DA would finish the stops left, rounded out to
//! half hours and cut at the close of working hours. After the close there is no window: the
//! order is delayed.

use chrono::{DateTime, Duration, DurationRound, Utc};
use serde::{Deserialize, Serialize};

use crate::marketplace::Marketplace;

/// The pace assumed before the DA's first final scan of the day.
pub const DEFAULT_MINUTES_PER_STOP: i64 = 20;
/// Bounds of the pace: a stop takes at least this long ...
pub const MIN_MINUTES_PER_STOP: i64 = 5;
/// ... and at most this long (a long break does not push the window past all sense).
pub const MAX_MINUTES_PER_STOP: i64 = 90;
/// The narrowest window shown.
pub const MIN_WINDOW_MINUTES: i64 = 60;

/// The DA's day so far, as the server knows it from the accepted scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayProgress {
    /// The DA's first Out for Delivery scan today.
    pub out_since: DateTime<Utc>,
    /// Final scans (Delivered, Undeliverable, Rejected) the DA made since.
    pub stops_done: u32,
    /// Orders still out with the DA, this one included.
    pub stops_left: u32,
}

/// When the parcel should arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrivalWindow {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// The DA's minutes per stop so far, bounded.
pub fn minutes_per_stop(progress: &DayProgress, now: DateTime<Utc>) -> i64 {
    if progress.stops_done == 0 {
        return DEFAULT_MINUTES_PER_STOP;
    }
    let spent = (now - progress.out_since).num_minutes().max(0);
    (spent / i64::from(progress.stops_done)).clamp(MIN_MINUTES_PER_STOP, MAX_MINUTES_PER_STOP)
}

/// The window for an order still out with the DA, or `None` once working hours have closed (or
/// before they open: the DA is not out then).
pub fn arrival_window(market: &Marketplace, progress: &DayProgress, now: DateTime<Utc>) -> Option<ArrivalWindow> {
    if !market.is_open(now) {
        return None;
    }
    let close = market.close_instant(market.day_of(now));
    let per_stop = minutes_per_stop(progress, now);
    let left = i64::from(progress.stops_left.max(1));
    let finish = now + Duration::minutes(per_stop.saturating_mul(left).max(MIN_WINDOW_MINUTES));
    let half_hour = Duration::minutes(30);
    let from = now.duration_trunc(half_hour).unwrap_or(now);
    let to = finish.duration_round_up(half_hour).unwrap_or(finish).min(close);
    (to > now).then_some(ArrivalWindow { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: &str) -> DateTime<Utc> {
        Marketplace::india().local_instant("2026-11-23".parse().unwrap(), t.parse().unwrap())
    }

    #[test]
    fn the_window_follows_the_das_pace() {
        let m = Marketplace::india();
        // Out at 09:00, 6 stops done by 11:00: 20 minutes a stop; 4 left: until 12:20, rounded to 12:30.
        let p = DayProgress { out_since: at("09:00:00"), stops_done: 6, stops_left: 4 };
        assert_eq!(minutes_per_stop(&p, at("11:00:00")), 20);
        assert_eq!(arrival_window(&m, &p, at("11:00:00")), Some(ArrivalWindow { from: at("11:00:00"), to: at("12:30:00") }));
        // Ten minutes later: 130 minutes over 6 stops is 21 a stop; 84 minutes from 11:10 is 12:34.
        assert_eq!(arrival_window(&m, &p, at("11:10:00")), Some(ArrivalWindow { from: at("11:00:00"), to: at("13:00:00") }));
        // A slow DA (an hour a stop) with 12 left: cut at the close of working hours.
        let slow = DayProgress { out_since: at("09:00:00"), stops_done: 2, stops_left: 12 };
        assert_eq!(arrival_window(&m, &slow, at("11:00:00")).map(|w| w.to), Some(at("22:00:00")));
        // One stop left, a fast DA: still an hour's window.
        let fast = DayProgress { out_since: at("09:00:00"), stops_done: 30, stops_left: 1 };
        assert_eq!(minutes_per_stop(&fast, at("11:00:00")), MIN_MINUTES_PER_STOP);
        assert_eq!(arrival_window(&m, &fast, at("11:00:00")).map(|w| w.to), Some(at("12:00:00")));
    }

    #[test]
    fn no_final_scan_yet_uses_the_default_pace_and_bounds_hold() {
        let m = Marketplace::india();
        let p = DayProgress { out_since: at("09:00:00"), stops_done: 0, stops_left: 3 };
        assert_eq!(arrival_window(&m, &p, at("09:05:00")), Some(ArrivalWindow { from: at("09:00:00"), to: at("10:30:00") }));
        // A long lunch does not make a stop longer than the bound.
        let lunch = DayProgress { out_since: at("09:00:00"), stops_done: 1, stops_left: 2 };
        assert_eq!(minutes_per_stop(&lunch, at("15:00:00")), MAX_MINUTES_PER_STOP);
        // A scan time after now (a phone clock ahead) gives no negative pace.
        let ahead = DayProgress { out_since: at("12:00:00"), stops_done: 3, stops_left: 1 };
        assert_eq!(minutes_per_stop(&ahead, at("11:00:00")), MIN_MINUTES_PER_STOP);
        // Huge counts do not overflow.
        let huge = DayProgress { out_since: at("09:00:00"), stops_done: u32::MAX, stops_left: u32::MAX };
        assert_eq!(arrival_window(&m, &huge, at("12:00:00")).map(|w| w.to), Some(at("22:00:00")));
    }

    #[test]
    fn no_window_outside_working_hours() {
        let m = Marketplace::india();
        let p = DayProgress { out_since: at("09:00:00"), stops_done: 6, stops_left: 4 };
        assert_eq!(arrival_window(&m, &p, at("22:00:00")), None);
        assert_eq!(arrival_window(&m, &p, at("05:30:00")), None);
        // Just before the close: the window ends at the close.
        assert_eq!(arrival_window(&m, &p, at("21:50:00")), Some(ArrivalWindow { from: at("21:30:00"), to: at("22:00:00") }));
    }
}
