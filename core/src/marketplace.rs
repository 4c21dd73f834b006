//! A marketplace's local time zone and scanning hours.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::Error;

/// Where the DA works: the time zone that defines "the day" and the hours in which scanning is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marketplace {
    tz: Tz,
    open: NaiveTime,
    close: NaiveTime,
}

impl Default for Marketplace {
    fn default() -> Self {
        Self::india()
    }
}

impl Marketplace {
    /// India (Asia/Kolkata), scanning from 06:00 to 22:00.
    pub fn india() -> Self {
        Self {
            tz: chrono_tz::Asia::Kolkata,
            open: hm(6, 0),
            close: hm(22, 0),
        }
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
        Ok(Self { tz, open, close })
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

    /// The local day an instant belongs to.
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// The local wall-clock time of an instant.
    pub fn local_time(&self, at: DateTime<Utc>) -> NaiveTime {
        at.with_timezone(&self.tz).time()
    }

    /// The local offset from UTC at an instant, in seconds (stored with every event).
    pub fn offset_seconds(&self, at: DateTime<Utc>) -> i32 {
        at.with_timezone(&self.tz).offset().fix().local_minus_utc()
    }

    /// The fixed offset in force at an instant.
    pub fn offset(&self, at: DateTime<Utc>) -> FixedOffset {
        at.with_timezone(&self.tz).offset().fix()
    }

    /// Whether scanning is allowed at this instant: `open <= local time < close`.
    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        let t = self.local_time(at);
        self.open <= t && t < self.close
    }

    /// `Ok` inside working hours, else the error that names them.
    pub fn check_open(&self, at: DateTime<Utc>) -> Result<(), Error> {
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
            chrono::LocalResult::None => {
                let later = naive + chrono::Duration::hours(1);
                self.tz
                    .from_local_datetime(&later)
                    .earliest()
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or_else(|| Utc.from_utc_datetime(&naive))
            }
        }
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn other_marketplaces_and_bad_settings() {
        let us = Marketplace::new("America/New_York", hm(8, 0), hm(20, 0)).unwrap();
        assert_eq!(us.offset_seconds(us.local_instant("2026-07-01".parse().unwrap(), hm(12, 0))), -4 * 3600);
        assert_eq!(us.offset_seconds(us.local_instant("2026-12-01".parse().unwrap(), hm(12, 0))), -5 * 3600);
        assert!(Marketplace::new("Mars/Olympus", hm(6, 0), hm(22, 0)).is_err());
        assert!(Marketplace::new("Asia/Kolkata", hm(22, 0), hm(6, 0)).is_err());
    }
}
