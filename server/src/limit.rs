//! Login attempts limited per account and per client address: after a few failures each further
//! attempt must wait longer (429 with Retry-After), and after more the account or the address is
//! locked for a while. A success clears the account's count. The clock is the server's.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use crate::error::Failure;

/// How strict the limiter is.
#[derive(Debug, Clone, Copy)]
pub struct LoginPolicy {
    /// Failures allowed before attempts are slowed down.
    pub free_failures: u32,
    /// Failures of one account before it is locked.
    pub lock_account_after: u32,
    /// Failures from one address (any accounts) before it is locked.
    pub lock_address_after: u32,
    pub lock_for: Duration,
    /// The longest wait between slowed-down attempts.
    pub max_delay: Duration,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        Self { free_failures: 3, lock_account_after: 8, lock_address_after: 30, lock_for: Duration::minutes(15), max_delay: Duration::minutes(2) }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last_failure: DateTime<Utc>,
}

/// The failed-login counts, kept in memory (a restart forgets them; locks are short).
#[derive(Debug, Default)]
pub struct LoginLimiter {
    policy: LoginPolicy,
    entries: Mutex<HashMap<String, Entry>>,
}

fn too_many(wait: Duration, locked: bool) -> Failure {
    let secs = wait.num_seconds().max(1);
    let message = if locked {
        format!("too many failed logins: login is locked for {} more minutes", (secs + 59) / 60)
    } else {
        format!("too many failed logins: wait {secs} seconds before trying again")
    };
    Failure { retry_after: Some(secs as u64), ..Failure::new(429, "too_many_attempts", message) }
}

impl LoginLimiter {
    pub fn new(policy: LoginPolicy) -> Self {
        Self { policy, entries: Mutex::new(HashMap::new()) }
    }

    fn wait_for(&self, e: &Entry, lock_after: u32, now: DateTime<Utc>) -> Option<(Duration, bool)> {
        let p = &self.policy;
        if e.failures >= lock_after {
            let until = e.last_failure + p.lock_for;
            return (now < until).then(|| (until - now, true));
        }
        if e.failures >= p.free_failures {
            let exp = (e.failures - p.free_failures).min(16);
            let delay = Duration::seconds(1i64 << exp).min(p.max_delay);
            let until = e.last_failure + delay;
            return (now < until).then(|| (until - now, false));
        }
        None
    }

    /// Refuses the attempt while the account or the address must wait.
    pub fn check(&self, account: &str, address: &str, now: DateTime<Utc>) -> Result<(), Failure> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let keys = [(format!("account:{account}"), self.policy.lock_account_after), (format!("address:{address}"), self.policy.lock_address_after)];
        for (key, lock_after) in keys {
            if let Some(e) = entries.get(&key) {
                if let Some((wait, locked)) = self.wait_for(e, lock_after, now) {
                    log::warn!("login attempt refused: {} must wait {}s", key.split(':').next().unwrap_or("key"), wait.num_seconds());
                    return Err(too_many(wait, locked));
                }
            }
        }
        Ok(())
    }

    /// Counts a failed attempt against the account and the address.
    pub fn failed(&self, account: &str, address: &str, now: DateTime<Utc>) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        for key in [format!("account:{account}"), format!("address:{address}")] {
            let e = entries.entry(key).or_insert(Entry { failures: 0, last_failure: now });
            // After a quiet period (as long as a lock) the count starts again.
            if now >= e.last_failure + self.policy.lock_for {
                e.failures = 0;
            }
            e.failures += 1;
            e.last_failure = now;
        }
    }

    /// A successful login clears the account's failures.
    pub fn succeeded(&self, account: &str) {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).remove(&format!("account:{account}"));
    }
}
