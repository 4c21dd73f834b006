//! Exponential backoff with full jitter, capped, honouring the server's Retry-After.

use std::time::Duration;

/// How long to wait between attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Backoff {
    /// The ceiling of the wait before attempt `attempt + 1` (0-based): `min(cap, base * 2^attempt)`.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// Full jitter: a uniform wait in `[0, ceiling]`. A server's Retry-After is a floor.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>, rng: &mut fastrand::Rng) -> Duration {
        let ceiling = self.ceiling(attempt);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        let jitter = Duration::from_nanos(rng.u64(0..=nanos));
        match retry_after {
            Some(floor) => jitter.max(floor),
            None => jitter,
        }
    }
}

/// Parses a Retry-After header: delay-seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some((at.with_timezone(&chrono::Utc) - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ceiling_doubles_up_to_the_cap() {
        let b = Backoff { base: Duration::from_millis(100), cap: Duration::from_secs(2) };
        let c: Vec<_> = (0..7).map(|a| b.ceiling(a).as_millis()).collect();
        assert_eq!(c, vec![100, 200, 400, 800, 1600, 2000, 2000]);
        assert_eq!(b.ceiling(200), Duration::from_secs(2));
    }

    #[test]
    fn full_jitter_stays_within_the_ceiling_and_spreads() {
        let b = Backoff { base: Duration::from_millis(100), cap: Duration::from_secs(2) };
        let mut rng = fastrand::Rng::with_seed(7);
        let waits: Vec<_> = (0..200).map(|_| b.delay(3, None, &mut rng)).collect();
        assert!(waits.iter().all(|w| *w <= Duration::from_millis(800)));
        assert!(waits.iter().any(|w| *w < Duration::from_millis(200)));
        assert!(waits.iter().any(|w| *w > Duration::from_millis(600)));
    }

    #[test]
    fn retry_after_is_a_floor() {
        let b = Backoff { base: Duration::from_millis(10), cap: Duration::from_millis(50) };
        let mut rng = fastrand::Rng::with_seed(1);
        assert_eq!(b.delay(0, Some(Duration::from_secs(3)), &mut rng), Duration::from_secs(3));
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().to_utc();
        assert_eq!(parse_retry_after(" 7 ", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Mon, 23 Nov 2026 10:00:30 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Mon, 23 Nov 2026 09:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
