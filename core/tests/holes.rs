//! Regression tests for the holes a hostile user found (issue 11) on the phone's side: total day
//! arithmetic (fuzzed), the phone's clock bounded, one tracking-ID normaliser, the daily limit of
//! delivery attempts.

mod common;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use common::{at, day_at, send_out, tracking};
use proptest::prelude::*;
use track_core::clock::{self, Clock, TimeError};
use track_core::event::{Recipient, ScanExtras, UndeliverableReason};
use track_core::order::{OrderStatus, TrackingId};
use track_core::{BadScan, Error, ManualClock, Marketplace, OfdScan};

/// Time zones at the edges of the offsets in use (UTC+14, UTC-12, half and quarter hours, DST).
const ZONES: &[&str] = &[
    "Asia/Kolkata",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "America/New_York",
    "Europe/London",
    "UTC",
];

fn market(zone: usize, open_min: u32, len_min: u32) -> Marketplace {
    let open = NaiveTime::from_hms_opt(open_min / 60, open_min % 60, 0).unwrap();
    let close_min = (open_min + len_min).min(23 * 60 + 59);
    let close = NaiveTime::from_hms_opt(close_min / 60, close_min % 60, 0).unwrap();
    Marketplace::new(ZONES[zone % ZONES.len()], open, close).unwrap()
}

/// Every day and hours function of the marketplace, the metrics' day rule and the clock, at one
/// instant and one local day: none may panic.
fn exercise(m: &Marketplace, t: DateTime<Utc>, day: NaiveDate, time: NaiveTime, by: TimeDelta, offset_s: i32) {
    let d = m.day_of(t);
    let _ = (m.local_time(t), m.local_datetime(t), m.offset(t), m.offset_seconds(t), m.is_open(t), m.check_open(t));
    let _ = (m.close_instant(d), m.local_instant(d, time), m.day_range(d));
    let _ = (m.close_instant(day), m.local_instant(day, time), m.day_range(day), m.local_instant(day, m.opens_at()));
    let _ = m.check_attempt("TBA123456789", u32::MAX);
    let _ = track_core::metrics::is_same_day(m, t, t);
    let _ = (clock::check_instant(t), clock::check_offset(offset_s));
    let c = ManualClock::new(t);
    c.advance(by);
    let later = c.now();
    let _ = (m.day_of(later), m.local_time(later), m.is_open(later));
    let _ = track_core::metrics::is_same_day(m, t, later);
}

fn instant(secs: i64, nanos: u32) -> DateTime<Utc> {
    let (lo, hi) = (DateTime::<Utc>::MIN_UTC.timestamp(), DateTime::<Utc>::MAX_UTC.timestamp());
    DateTime::from_timestamp(secs.clamp(lo, hi), nanos % 1_000_000_000).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

fn date(days: i32) -> NaiveDate {
    let (lo, hi) = (NaiveDate::MIN.num_days_from_ce(), NaiveDate::MAX.num_days_from_ce());
    NaiveDate::from_num_days_from_ce_opt(days.clamp(lo, hi)).unwrap_or(NaiveDate::MIN)
}

use chrono::Datelike;

proptest! {
    // Also run under qemu for the phone's targets: enough cases to cover the zones and both ends.
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Arbitrary instants (the whole range chrono represents), days, wall-clock times, clock
    /// steps and offsets through every day/hours function: an answer, never a panic.
    #[test]
    fn hole_day_arithmetic_total_for_any_instant(
        secs in any::<i64>(),
        nanos in any::<u32>(),
        days in any::<i32>(),
        time_s in 0u32..86_400,
        step in any::<i64>(),
        offset_s in any::<i32>(),
        zone in 0usize..64,
        open_min in 0u32..(23 * 60),
        len_min in 1u32..(24 * 60),
    ) {
        let m = market(zone, open_min, len_min);
        let time = NaiveTime::from_num_seconds_from_midnight_opt(time_s, 0).unwrap();
        let by = TimeDelta::new(step / 1000, 0).unwrap_or(TimeDelta::MAX);
        exercise(&m, instant(secs, nanos), date(days), time, by, offset_s);
    }

    /// Near the ends of the representable range, where local dates overflow.
    #[test]
    fn hole_day_arithmetic_total_at_the_ends_of_time(
        from_end in 0i64..(3 * 86_400),
        at_start in any::<bool>(),
        zone in 0usize..64,
        step in -(3 * 86_400i64)..(3 * 86_400),
    ) {
        let t = if at_start {
            DateTime::<Utc>::MIN_UTC + TimeDelta::seconds(from_end)
        } else {
            DateTime::<Utc>::MAX_UTC - TimeDelta::seconds(from_end)
        };
        let m = market(zone, 6 * 60, 16 * 60);
        let day = if at_start { NaiveDate::MIN } else { NaiveDate::MAX };
        exercise(&m, t, day, NaiveTime::MIN, TimeDelta::seconds(step), 0);
    }

    /// The phone's tracking IDs are the tracking rules' normaliser's, whatever was typed.
    #[test]
    fn hole_tracking_id_one_normaliser_any_input(input in "\\PC{0,30}") {
        let phone = TrackingId::parse(&input).ok().map(String::from);
        let rules = track_core::tracking::normalize(&input).ok().filter(|id| id.len() >= 6);
        prop_assert_eq!(phone, rules);
    }
}

#[test]
fn hole_extreme_device_time_no_panic() {
    // The time that made `Marketplace::day_of` panic, and the first and last instants there are.
    let extreme: DateTime<Utc> = "+262142-12-31T23:59:59Z".parse().unwrap();
    for t in [extreme, DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
        for zone in 0..ZONES.len() {
            let m = market(zone, 6 * 60, 16 * 60);
            exercise(&m, t, m.day_of(t), NaiveTime::MIN, TimeDelta::days(1), 50_401);
            assert!(!m.is_open(t) || m.check_open(t).is_err(), "a time beyond 2100 is never open for scanning");
        }
    }
    assert_eq!(clock::check_instant(extreme), Err(TimeError::OutOfRange { year: 262_142 }));
    assert_eq!(clock::check_instant(at("2101-01-01", "06:00")).map_err(|e| e.code()), Err("time_out_of_range"));
    assert!(clock::check_instant("1999-12-31T23:59:59Z".parse().unwrap()).is_err());
    assert!(clock::check_instant("2000-01-01T00:00:00Z".parse().unwrap()).is_ok());
    assert!(clock::check_instant("2100-12-31T23:59:59Z".parse().unwrap()).is_ok());
    assert!(clock::check_offset(14 * 3600).is_ok() && clock::check_offset(-14 * 3600).is_ok());
    assert_eq!(clock::check_offset(14 * 3600 + 1).map_err(|e| e.code()), Err("local_offset_out_of_range"));
    assert!(clock::check_offset(i32::MIN).is_err());
    // A test clock stepped past the end stops there.
    let c = ManualClock::new(DateTime::<Utc>::MAX_UTC - TimeDelta::seconds(1));
    c.advance(TimeDelta::days(2));
    assert_eq!(c.now(), DateTime::<Utc>::MAX_UTC);
}

#[test]
fn hole_phone_clock_out_of_range_refuses_scans() {
    let (clock, it) = day_at("2026-11-23", "09:00");
    // A phone whose clock says 2150 (or year 262142) would record scans the backend refuses for good.
    for t in [Marketplace::india().local_instant("2150-01-05".parse().unwrap(), NaiveTime::from_hms_opt(10, 0, 0).unwrap()),
              "+262142-12-31T23:59:59Z".parse().unwrap()] {
        clock.set(t);
        let err = it.scan_ofd(&tracking(1)).unwrap_err();
        assert!(matches!(err, Error::Clock(TimeError::OutOfRange { .. })), "{err:?}");
        assert_eq!(err.kind(), "clock-out-of-range");
        assert!(err.to_string().contains("2000 to 2100"), "{err}");
        // Reads still work.
        it.entries(None).unwrap();
        it.summary(None).unwrap();
    }
    clock.set(at("2026-11-23", "09:00"));
    assert_eq!(it.scan_ofd(&tracking(1)).unwrap(), OfdScan::Added { count: 1 });
}

#[test]
fn hole_lowercase_tracking_id_normalised() {
    // The tracking rules' normaliser and the phone's IDs agree, also where they did not: a
    // non-ASCII letter whose upper case is ASCII ("ß" is "SS") is refused by both.
    for input in ["tbaß1234567", "ＴBA1234567", "tba1234567ﬀ"] {
        assert!(track_core::tracking::normalize(input).is_err(), "{input}");
        assert!(TrackingId::parse(input).is_err(), "{input}");
    }
    assert_eq!(track_core::tracking::normalize(" ek 0000 0001 5 in ").unwrap(), "EK000000015IN");
    assert_eq!(TrackingId::parse(" ek 0000 0001 5 in ").unwrap().as_str(), "EK000000015IN");
    let err = TrackingId::parse("SD00000;0001IN").unwrap_err();
    assert!(matches!(err, Error::InvalidTrackingId(_)), "{err:?}");
    assert!(!err.to_string().contains("SD00000"), "the message redacts the ID: {err}");
    // Every scan and typed ID on the phone goes through it.
    let (clock, it) = day_at("2026-11-23", "09:00");
    let typed = format!(" {} ", tracking(1).to_lowercase().replace("in", "i n"));
    assert_eq!(it.scan_ofd(&typed).unwrap(), OfdScan::Added { count: 1 });
    it.confirm_ofd(&ScanExtras::default()).unwrap();
    clock.set(at("2026-11-23", "11:00"));
    it.deliver(&typed, &tracking(1).to_lowercase(), &Recipient::customer(), &ScanExtras::default()).unwrap();
    assert_eq!(it.order_details(&typed).unwrap().status, OrderStatus::Delivered);
    assert!(matches!(it.scan_ofd("sd000000000?").unwrap_err(), Error::InvalidTrackingId(_)));
}

#[test]
fn hole_undeliverable_attempts_capped() {
    let none = ScanExtras::default();
    let (clock, it) = day_at("2026-11-23", "09:05");
    assert_eq!(it.marketplace().max_attempts_per_day(), 3);
    send_out(&it, &[1, 2]);
    for (i, time) in ["10:00", "11:00", "12:00"].iter().enumerate() {
        clock.set(at("2026-11-23", time));
        it.mark_undeliverable(&tracking(1), UndeliverableReason::CustomerNotAvailable, &none)
            .unwrap_or_else(|e| panic!("attempt {}: {e}", i + 1));
    }
    // A fourth attempt the same day is refused, whatever its outcome, and records nothing.
    clock.set(at("2026-11-23", "13:00"));
    let err = it.mark_undeliverable(&tracking(1), UndeliverableReason::MissedDelivery, &none).unwrap_err();
    assert!(matches!(err, Error::BadScan(BadScan::AttemptsExhausted { limit: 3, .. })), "{err:?}");
    assert!(err.to_string().contains("tomorrow"), "{err}");
    assert!(it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &none).is_err());
    let d = it.order_details(&tracking(1)).unwrap();
    assert_eq!((d.status, d.attempts, d.events.len()), (OrderStatus::Undeliverable, 3, 4));
    // Another order is not affected.
    it.mark_undeliverable(&tracking(2), UndeliverableReason::CustomerNotAvailable, &none).unwrap();
    // The next day, after a new Out for Delivery scan, the order may be attempted again.
    clock.set(at("2026-11-24", "09:00"));
    send_out(&it, &[1]);
    clock.set(at("2026-11-24", "10:00"));
    it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &none).unwrap();
    // The limit is a marketplace setting.
    let one = Marketplace::india().with_max_attempts_per_day(1).unwrap();
    assert_eq!(one.max_attempts_per_day(), 1);
    assert!(one.check_attempt("X", 0).is_ok() && one.check_attempt("X", 1).is_err());
    assert!(Marketplace::india().with_max_attempts_per_day(0).is_err());
}
