//! A marketplace's local time zone, scanning hours and delivery-attempt limit: the day rules.
//!
//! Every function here is total: any instant chrono can represent gives an answer, never a panic
//! (times from outside are bounded first, see [`crate::clock::check_instant`]).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{BadScan, Error};

/// Where the DA works: the time zone that defines "the day" and the hours in which scanning is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marketplace {
    tz: Tz,
    open: NaiveTime,
    close: NaiveTime,
    max_attempts_per_day: u32,
}

/// Delivery attempts (Delivered, Undeliverable or Rejected scans) allowed per order per local day,
/// unless a marketplace sets another limit.
pub const DEFAULT_MAX_ATTEMPTS_PER_DAY: u32 = 3;

impl Default for Marketplace {
    fn default() -> Self {
        Self::india()
    }
}

/// A marketplace's entry in [`MARKETPLACES`]: its code, time zone and working hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarketplaceEntry {
    pub code: &'static str,
    pub time_zone: Tz,
    /// Opening time (hour, minute), local.
    pub opens: (u32, u32),
    /// Closing time (hour, minute), local.
    pub closes: (u32, u32),
}

/// The one table of marketplaces (time zone and working hours): every crate reads hours and zones
/// from here.
pub const MARKETPLACES: &[MarketplaceEntry] =
    &[MarketplaceEntry { code: "in", time_zone: chrono_tz::Asia::Kolkata, opens: (6, 0), closes: (22, 0) }];

impl Marketplace {
    /// India (Asia/Kolkata), scanning from 06:00 to 22:00.
    pub fn india() -> Self {
        Self::from_entry(&MARKETPLACES[0])
    }

    fn from_entry(e: &MarketplaceEntry) -> Self {
        Self {
            tz: e.time_zone,
            open: hm(e.opens.0, e.opens.1),
            close: hm(e.closes.0, e.closes.1),
            max_attempts_per_day: DEFAULT_MAX_ATTEMPTS_PER_DAY,
        }
    }

    /// India's working hours in the IANA time zone `tz` (a seller's or a device's zone).
    pub fn in_zone(tz: &str) -> Result<Self, Error> {
        let india = Self::india();
        Self::new(tz, india.open, india.close)
    }

    /// A marketplace in the IANA time zone `tz` (such as "Asia/Kolkata"), open from `open` until `close`.
    pub fn new(tz: &str, open: NaiveTime, close: NaiveTime) -> Result<Self, Error> {
        let tz: Tz = tz.parse().map_err(|_| {
            Error::InvalidArgument(format!("unknown time zone {tz:?}: expected an IANA name such as Asia/Kolkata"))
        })?;
        if open >= close {
            return Err(Error::InvalidArgument(format!(
                "working hours must open before they close (got {} to {})",
                open.format("%H:%M"),
                close.format("%H:%M")
            )));
        }
        Ok(Self { tz, open, close, max_attempts_per_day: DEFAULT_MAX_ATTEMPTS_PER_DAY })
    }

    /// The same marketplace with another limit of delivery attempts per order per local day
    /// (at least 1).
    pub fn with_max_attempts_per_day(mut self, limit: u32) -> Result<Self, Error> {
        if limit == 0 {
            return Err(Error::InvalidArgument("the daily delivery-attempt limit must allow at least one attempt".into()));
        }
        self.max_attempts_per_day = limit;
        Ok(self)
    }

    /// Delivery attempts allowed per order per local day.
    pub fn max_attempts_per_day(&self) -> u32 {
        self.max_attempts_per_day
    }

    /// The attempt rule, shared by the phone and the server: `Ok` when an order that had
    /// `made_today` attempts on this local day may have another.
    pub fn check_attempt(&self, tracking_id: &str, made_today: u32) -> Result<(), BadScan> {
        if made_today < self.max_attempts_per_day {
            Ok(())
        } else {
            Err(BadScan::AttemptsExhausted { tracking_id: tracking_id.to_string(), limit: self.max_attempts_per_day })
        }
    }

    /// The instants a local day runs from (inclusive) and to (exclusive), in UTC, for counting
    /// what happened on that day. Total: at the ends of the calendar the range is cut short.
    pub fn day_range(&self, day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = self.local_instant(day, NaiveTime::MIN);
        let end = day.succ_opt().map(|next| self.local_instant(next, NaiveTime::MIN)).unwrap_or(DateTime::<Utc>::MAX_UTC);
        (start, end.max(start))
    }

    pub fn time_zone(&self) -> &str {
        self.tz.name()
    }

    pub fn opens_at(&self) -> NaiveTime {
        self.open
    }

    pub fn closes_at(&self) -> NaiveTime {
        self.close
    }

    /// The local date and time of an instant; `None` only within hours of the last (or first)
    /// instant chrono can represent, where the local date does not exist.
    pub fn local_datetime(&self, at: DateTime<Utc>) -> Option<NaiveDateTime> {
        at.naive_utc().checked_add_offset(self.offset(at))
    }

    /// The local day an instant belongs to (the UTC day where the local one cannot be represented).
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        self.local_datetime(at).map_or_else(|| at.date_naive(), |l| l.date())
    }

    /// The local wall-clock time of an instant (the UTC time where the local one cannot be represented).
    pub fn local_time(&self, at: DateTime<Utc>) -> NaiveTime {
        self.local_datetime(at).map_or_else(|| at.time(), |l| l.time())
    }

    /// The local offset from UTC at an instant, in seconds (stored with every event).
    pub fn offset_seconds(&self, at: DateTime<Utc>) -> i32 {
        self.offset(at).local_minus_utc()
    }

    /// The fixed offset in force at an instant.
    pub fn offset(&self, at: DateTime<Utc>) -> FixedOffset {
        self.tz.offset_from_utc_datetime(&at.naive_utc()).fix()
    }

    /// Whether scanning is allowed at this instant: `open <= local time < close`.
    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        let t = self.local_time(at);
        self.open <= t && t < self.close
    }

    /// `Ok` inside working hours, else the error that names them. A clock outside the years
    /// 2000 to 2100 is refused first: nothing it timed would be accepted by the backend.
    pub fn check_open(&self, at: DateTime<Utc>) -> Result<(), Error> {
        crate::clock::check_instant(at)?;
        if self.is_open(at) {
            Ok(())
        } else {
            Err(Error::OutsideWorkingHours {
                open: self.open.format("%H:%M").to_string(),
                close: self.close.format("%H:%M").to_string(),
                now: self.local_time(at).format("%H:%M").to_string(),
                time_zone: self.tz.name().to_string(),
            })
        }
    }

    /// Working hours as the DA's notice shows them at `at`: open now and until when, or when
    /// scanning opens next (today, or tomorrow after the close).
    pub fn working_hours(&self, at: DateTime<Utc>) -> WorkingHours {
        let today = self.day_of(at);
        let open = self.is_open(at);
        let day = if !open && self.local_time(at) >= self.close { today.succ_opt().unwrap_or(today) } else { today };
        let (opens_at, closes_at) = (self.local_instant(day, self.open), self.local_instant(day, self.close));
        let seconds = |until: DateTime<Utc>| until.signed_duration_since(at).num_seconds().max(0);
        WorkingHours {
            open,
            now: at,
            opens_at,
            closes_at,
            seconds_until_close: open.then(|| seconds(closes_at)),
            seconds_until_open: (!open).then(|| seconds(opens_at)),
            opens: self.open.format("%H:%M").to_string(),
            closes: self.close.format("%H:%M").to_string(),
            time_zone: self.tz.name().to_string(),
        }
    }

    /// The instant working hours close on a local day.
    pub fn close_instant(&self, day: NaiveDate) -> DateTime<Utc> {
        self.local_instant(day, self.close)
    }

    /// The instant a local wall-clock time happens on a local day. In a daylight-saving gap the
    /// time does not exist; the first instant after the gap is used.
    pub fn local_instant(&self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let naive = day.and_time(time);
        match self.tz.from_local_datetime(&naive) {
            chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            chrono::LocalResult::None => naive
                .checked_add_signed(TimeDelta::hours(1))
                .and_then(|later| self.tz.from_local_datetime(&later).earliest())
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&naive)),
        }
    }
}

/// Working hours at one instant, for the DA's live notice: "scanning closes in 2 h 10 min", or
/// "scanning opens at 06:00 (in 7 h)".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WorkingHours {
    /// Scanning is allowed now.
    pub open: bool,
    pub now: DateTime<Utc>,
    /// When scanning opens: today's opening while open or before it, tomorrow's after the close.
    pub opens_at: DateTime<Utc>,
    /// When scanning closes, on the same local day as `opens_at`.
    pub closes_at: DateTime<Utc>,
    /// While open: the time left today.
    pub seconds_until_close: Option<i64>,
    /// While closed: the time until scanning opens.
    pub seconds_until_open: Option<i64>,
    /// Opening and closing times, local (`HH:MM`), and the time zone they are in.
    pub opens: String,
    pub closes: String,
    pub time_zone: String,
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_hours_say_the_time_left_or_when_scanning_opens() {
        let m = Marketplace::india();
        let at = |d: &str, t: &str| m.local_instant(d.parse().unwrap(), NaiveTime::parse_from_str(t, "%H:%M").unwrap());
        let w = m.working_hours(at("2026-11-23", "09:00"));
        assert_eq!((w.open, w.seconds_until_close, w.seconds_until_open), (true, Some(13 * 3600), None));
        assert_eq!((w.closes_at, w.opens.as_str(), w.closes.as_str(), w.time_zone.as_str()), (at("2026-11-23", "22:00"), "06:00", "22:00", "Asia/Kolkata"));
        let w = m.working_hours(at("2026-11-23", "05:00"));
        assert_eq!((w.open, w.seconds_until_open, w.opens_at), (false, Some(3600), at("2026-11-23", "06:00")));
        let w = m.working_hours(at("2026-11-23", "22:00"));
        assert_eq!((w.open, w.seconds_until_open, w.opens_at, w.closes_at), (false, Some(8 * 3600), at("2026-11-24", "06:00"), at("2026-11-24", "22:00")));
    }

    fn at(day: &str, time: &str) -> DateTime<Utc> {
        let m = Marketplace::india();
        m.local_instant(day.parse().unwrap(), time.parse().unwrap())
    }

    #[test]
    fn working_hours_are_06_to_22_local() {
        let m = Marketplace::india();
        assert!(!m.is_open(at("2026-11-23", "05:59:59")));
        assert!(m.is_open(at("2026-11-23", "06:00:00")));
        assert!(m.is_open(at("2026-11-23", "21:59:59")));
        assert!(!m.is_open(at("2026-11-23", "22:00:00")));
        let err = m.check_open(at("2026-11-23", "22:00:00")).unwrap_err().to_string();
        assert!(err.contains("06:00") && err.contains("22:00"), "{err}");
    }

    #[test]
    fn the_local_day_not_the_utc_day() {
        let m = Marketplace::india();
        // 00:30 IST on the 24th is 19:00 UTC on the 23rd.
        let t = at("2026-11-24", "00:30:00");
        assert_eq!(t.date_naive().to_string(), "2026-11-23");
        assert_eq!(m.day_of(t).to_string(), "2026-11-24");
        assert_eq!(m.offset_seconds(t), 5 * 3600 + 1800);
    }

    /// The phone's library compiles in only the zones `.cargo/phone.toml` lets through
    /// (chrono-tz's filter): every marketplace's zone must be one of them, and the filter must
    /// leave other zones out (it is a filter, not a match-all).
    #[test]
    fn the_phone_build_has_every_marketplace_zone() {
        let config = include_str!("../../.cargo/phone.toml");
        let filter = config
            .lines()
            .find_map(|l| l.trim().strip_prefix("CHRONO_TZ_TIMEZONE_FILTER"))
            .and_then(|rest| rest.trim().strip_prefix('='))
            .map(|v| v.trim().trim_matches('"'))
            .expect("CHRONO_TZ_TIMEZONE_FILTER in .cargo/phone.toml");
        let filter = regex::Regex::new(filter).expect("the filter is a regex");
        for m in MARKETPLACES {
            let name = m.time_zone.name();
            assert!(filter.is_match(name), "marketplace {}: zone {name} is not in the phone build's filter", m.code);
            let parsed: Tz = name.parse().expect("a marketplace zone parses");
            assert_eq!(parsed, m.time_zone);
            assert_eq!(Marketplace::in_zone(name).map(|z| z.time_zone().to_string()).ok().as_deref(), Some(name));
        }
        for other in ["America/New_York", "Europe/London", "Asia/Tokyo"] {
            assert!(!filter.is_match(other), "{other} is no marketplace's zone");
        }
    }

    #[test]
    fn other_marketplaces_and_bad_settings() {
        let us = Marketplace::new("America/New_York", hm(8, 0), hm(20, 0)).unwrap();
        assert_eq!(us.offset_seconds(us.local_instant("2026-07-01".parse().unwrap(), hm(12, 0))), -4 * 3600);
        assert_eq!(us.offset_seconds(us.local_instant("2026-12-01".parse().unwrap(), hm(12, 0))), -5 * 3600);
        assert!(Marketplace::new("Mars/Olympus", hm(6, 0), hm(22, 0)).is_err());
        assert!(Marketplace::new("Asia/Kolkata", hm(22, 0), hm(6, 0)).is_err());
    }
}
