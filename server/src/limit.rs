//! Attempts limited per account and per client address, counted in the server's database (table
//! `limits`), so a restart keeps every count and lock:
//! - logins: after a few failures each further attempt must wait longer (429 with Retry-After),
//!   and after more the account or the address is locked for a while. An attempt is counted
//!   *before* its password is checked, in the same transaction as the check, so concurrent
//!   guesses cannot slip past the limit; a success clears the account's count (and gives the
//!   address its attempt back), an attempt that never reached the password check is given back.
//!   An account is counted by its ID, whichever identifier (phone or e-mail) was typed.
//! - account creations: at most so many per address in a window.
//!
//! The clock is the server's.

use chrono::{DateTime, Duration, Utc};
use crate::args;
use crate::store::{DbError, Tx};

use crate::error::Failure;

/// How strict the login limiter is.
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
    /// Account creations allowed from one address per `creation_window`.
    pub creations_per_address: u32,
    pub creation_window: Duration,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        Self {
            free_failures: 3,
            lock_account_after: 8,
            lock_address_after: 30,
            lock_for: Duration::minutes(15),
            max_delay: Duration::minutes(2),
            creations_per_address: 20,
            creation_window: Duration::hours(1),
        }
    }
}

/// Whose attempts are counted: an account (its ID when it exists, else what was typed) or an
/// address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject<'a> {
    Account(&'a str),
    Login(&'a str),
    Address(&'a str),
}

impl Subject<'_> {
    fn key(&self) -> String {
        match self {
            Subject::Account(id) => format!("account:{id}"),
            Subject::Login(typed) => format!("login:{typed}"),
            Subject::Address(ip) => format!("address:{ip}"),
        }
    }
}

/// One count: how many, since when, the last one.
#[derive(Debug, Clone, Copy)]
struct Count {
    n: u32,
    since: i64,
    last: i64,
}

fn read(conn: &Tx<'_>, key: &str) -> Result<Option<Count>, DbError> {
    conn.query_opt("SELECT count, since_ms, last_ms FROM limits WHERE key = ?1", args![key], |r| {
        Ok(Count { n: r.get(0)?, since: r.get(1)?, last: r.get(2)? })
    })
}

fn write(conn: &Tx<'_>, key: &str, c: Count) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO limits (key, count, since_ms, last_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key) DO UPDATE SET count = ?2, since_ms = ?3, last_ms = ?4",
        args![key, c.n, c.since, c.last],
    )?;
    Ok(())
}

fn too_many(wait: Duration, locked: bool) -> Failure {
    let secs = wait.num_seconds().max(1);
    let message = if locked {
        format!("too many failed logins: login is locked for {} more minutes", (secs + 59) / 60)
    } else {
        format!("too many failed logins: wait {secs} seconds before trying again")
    };
    Failure { retry_after: Some(secs.unsigned_abs()), ..Failure::new(429, "too_many_attempts", message) }
}

/// The limiter: its policy; the counts are in the database it is given.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    policy: LoginPolicy,
}

impl LoginLimiter {
    pub fn new(policy: LoginPolicy) -> Self {
        Self { policy }
    }

    /// Deletes the counts that no longer matter (quiet for longer than a lock and a creation
    /// window), so a flood of made-up logins does not grow the table for ever.
    fn forget_stale(&self, conn: &Tx<'_>, now: DateTime<Utc>) -> Result<(), Failure> {
        let cutoff = now - self.policy.lock_for.max(self.policy.creation_window);
        conn.execute("DELETE FROM limits WHERE last_ms < ?1", args![cutoff.timestamp_millis()])?;
        Ok(())
    }

    /// How long a subject with `c` failures must still wait, and whether it is locked.
    fn wait_for(&self, c: &Count, lock_after: u32, now: DateTime<Utc>) -> Option<(Duration, bool)> {
        let p = &self.policy;
        let last = DateTime::from_timestamp_millis(c.last)?;
        if c.n >= lock_after {
            let until = last + p.lock_for;
            return (now < until).then(|| (until - now, true));
        }
        if c.n >= p.free_failures {
            let exp = (c.n - p.free_failures).min(16);
            let delay = Duration::seconds(1i64 << exp).min(p.max_delay);
            let until = last + delay;
            return (now < until).then(|| (until - now, false));
        }
        None
    }

    /// Checks the account and the address and, when neither must wait, counts this attempt as a
    /// failure of both: all in `conn`'s one transaction (the caller's), so two attempts cannot
    /// both pass the same check.
    pub fn reserve(&self, conn: &Tx<'_>, account: &Subject<'_>, address: &str, now: DateTime<Utc>) -> Result<(), Failure> {
        self.forget_stale(conn, now)?;
        let subjects = [(account.key(), self.policy.lock_account_after), (Subject::Address(address).key(), self.policy.lock_address_after)];
        // Locked in one order (the account's key, then the address's), so two attempts never wait
        // for each other's second lock.
        for (key, _) in &subjects {
            conn.lock(key)?;
        }
        let mut counts = Vec::with_capacity(2);
        for (key, lock_after) in &subjects {
            let mut c = read(conn, key)?.unwrap_or(Count { n: 0, since: now.timestamp_millis(), last: now.timestamp_millis() });
            // After a quiet period (as long as a lock) the count starts again.
            if DateTime::from_timestamp_millis(c.last).is_none_or(|last| now >= last + self.policy.lock_for) {
                c = Count { n: 0, since: now.timestamp_millis(), last: now.timestamp_millis() };
            }
            if let Some((wait, locked)) = self.wait_for(&c, *lock_after, now) {
                log::warn!("login attempt refused: the {} must wait {}s", key.split(':').next().unwrap_or("key"), wait.num_seconds());
                return Err(too_many(wait, locked));
            }
            counts.push((key, c));
        }
        for (key, c) in counts {
            write(conn, key, Count { n: c.n.saturating_add(1), since: c.since, last: now.timestamp_millis() })?;
        }
        Ok(())
    }

    /// The password was right: the account's count is cleared and the address gets its attempt back.
    pub fn succeeded(&self, conn: &Tx<'_>, account: &Subject<'_>, address: &str) -> Result<(), Failure> {
        conn.execute("DELETE FROM limits WHERE key = ?1", args![account.key()])?;
        give_back(conn, &Subject::Address(address).key())
    }

    /// The attempt never reached the password check (the server was busy or failed): both get it back.
    pub fn released(&self, conn: &Tx<'_>, account: &Subject<'_>, address: &str) -> Result<(), Failure> {
        give_back(conn, &account.key())?;
        give_back(conn, &Subject::Address(address).key())
    }

    /// Counts an account creation from `address`; 429 once the address made its allowance in the window.
    pub fn creation(&self, conn: &Tx<'_>, address: &str, now: DateTime<Utc>) -> Result<(), Failure> {
        self.forget_stale(conn, now)?;
        let key = format!("create:{address}");
        conn.lock(&key)?;
        let now_ms = now.timestamp_millis();
        let window = self.policy.creation_window;
        let mut c = read(conn, &key)?.unwrap_or(Count { n: 0, since: now_ms, last: now_ms });
        let since = DateTime::from_timestamp_millis(c.since);
        if since.is_none_or(|s| now >= s + window) {
            c = Count { n: 0, since: now_ms, last: now_ms };
        }
        if c.n >= self.policy.creations_per_address {
            let wait = since.map_or(window, |s| s + window - now).num_seconds().max(1);
            log::warn!("account creation refused: the address made {} in the window", c.n);
            return Err(Failure {
                retry_after: Some(wait.unsigned_abs()),
                ..Failure::new(429, "too_many_accounts", format!("too many accounts created from this address: try again in {} minutes", (wait + 59) / 60))
            });
        }
        write(conn, &key, Count { n: c.n + 1, since: c.since, last: now_ms })?;
        Ok(())
    }
}

fn give_back(conn: &Tx<'_>, key: &str) -> Result<(), Failure> {
    conn.execute("UPDATE limits SET count = CASE WHEN count > 0 THEN count - 1 ELSE 0 END WHERE key = ?1", args![key])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> rusqlite::Connection {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        conn
    }

    fn rows(conn: &Tx<'_>) -> i64 {
        conn.query_row("SELECT COUNT(*) FROM limits", args![], |r| r.get(0)).unwrap()
    }

    #[test]
    fn counts_of_made_up_logins_are_forgotten_once_stale() {
        let db = db();
        let conn = Tx::on_sqlite(&db);
        let limiter = LoginLimiter::new(LoginPolicy::default());
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        for i in 0..5 {
            limiter.reserve(&conn, &Subject::Login(&format!("+91987654321{i}")), &format!("10.0.0.{i}"), t0).unwrap();
        }
        assert_eq!(rows(&conn), 10);
        let later = t0 + Duration::hours(1) + Duration::minutes(1);
        limiter.reserve(&conn, &Subject::Login("+919876543299"), "10.0.0.99", later).unwrap();
        assert_eq!(rows(&conn), 2, "only the fresh attempt's counts are left");
    }

    #[test]
    fn an_attempt_that_never_reached_the_password_is_given_back() {
        let db = db();
        let conn = Tx::on_sqlite(&db);
        let limiter = LoginLimiter::new(LoginPolicy::default());
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let who = Subject::Account("da-1");
        for _ in 0..10 {
            limiter.reserve(&conn, &who, "10.0.0.1", t0).unwrap();
            limiter.released(&conn, &who, "10.0.0.1").unwrap();
        }
        limiter.reserve(&conn, &who, "10.0.0.1", t0).unwrap();
        let n: u32 = conn.query_row("SELECT count FROM limits WHERE key = 'account:da-1'", args![], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }
}
