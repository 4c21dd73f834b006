//! DA accounts, logins and sessions: argon2 password hashes ([`crate::password`]), random bearer
//! tokens stored as SHA-256 hashes, expiring; the seller prerequisites checked at login for the
//! DAs the seller registered ([`crate::enrol`]).

use chrono::Duration;
use sha2::{Digest, Sha256};
use track_core::sync::wire::{AccountCreated, CreateAccount, Login, Session};
use uuid::Uuid;

use crate::app::App;
use crate::args;
use crate::error::Failure;
use crate::limit::Subject;

/// Who is calling: a logged-in DA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub da_id: String,
    pub seller_id: String,
}

/// An Indian mobile number as `+91` and 10 digits, from what people type (`+91 98765-43210`,
/// `098765 43210`, `9876543210`). `None` when it is not one.
pub fn normalize_phone(input: &str) -> Option<String> {
    let mut digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    if let Some(rest) = digits.strip_prefix("+91") {
        digits = rest.to_string();
    } else if digits.len() == 12 && digits.starts_with("91") {
        digits = digits[2..].to_string();
    } else if digits.len() == 11 && digits.starts_with('0') {
        digits = digits[1..].to_string();
    }
    let valid = digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) && matches!(digits.as_bytes()[0], b'6'..=b'9');
    valid.then(|| format!("+91{digits}"))
}

/// A lower-cased e-mail address of the shape `local@domain.tld`, or `None`.
pub fn normalize_email(input: &str) -> Option<String> {
    let e = input.trim().to_ascii_lowercase();
    let (local, domain) = e.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && e.len() <= 254
        && !local.chars().any(char::is_whitespace)
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    ok.then_some(e)
}

/// Addresses compared as people write them: case, punctuation and spacing ignored.
pub fn same_address(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect() };
    let (ka, kb) = (key(a), key(b));
    !ka.is_empty() && ka == kb
}

fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    hex::encode(digest)
}

/// The stored hash of a request's bearer token; 401 when the request has none.
pub(crate) fn token_hash(token: Option<&str>) -> Result<String, Failure> {
    token.map(hash_token).ok_or_else(|| Failure::unauthorized("log in first: this request needs a bearer token"))
}

/// A session as stored.
pub(crate) struct SessionRow {
    pub da_id: String,
    pub seller_id: String,
    pub expires_at_ms: i64,
    pub revoked: bool,
}

/// 403 `seller_not_ready` with the reason when the seller (its Self-Delivery opt-in, ships-from
/// and GST addresses, as read; `None`: no such seller) does not meet the prerequisites.
pub(crate) fn seller_ready(seller: Option<(bool, String, String)>) -> Result<(), Failure> {
    match seller.and_then(|(self_delivery, ships_from, gst)| seller_problem(self_delivery, &ships_from, &gst)) {
        Some(problem) => Err(Failure::forbidden("seller_not_ready", problem)),
        None => Ok(()),
    }
}

/// What a seller must fix before its DAs can log in, or `None` when it is ready.
pub fn seller_problem(self_delivery: bool, ships_from: &str, gst_address: &str) -> Option<String> {
    if !self_delivery {
        return Some("the seller has not opted in to Self-Delivery: the seller must enable Self-Delivery in Seller Central before its delivery associates can log in".into());
    }
    if !same_address(ships_from, gst_address) {
        return Some("the seller's ships-from address does not match the address of its GST registration: the seller must correct one of them before its delivery associates can log in".into());
    }
    None
}

/// What a login names: an account's e-mail address or phone number.
enum Identifier {
    Email(String),
    Phone(String),
    /// Shaped like an e-mail address but not one: no account can have it.
    Nobody(String),
}

impl Identifier {
    fn parse(login: &str) -> Result<Identifier, Failure> {
        let login = login.trim();
        if login.contains('@') {
            return Ok(normalize_email(login).map_or_else(|| Identifier::Nobody(login.to_lowercase()), Identifier::Email));
        }
        normalize_phone(login)
            .map(Identifier::Phone)
            .ok_or_else(|| Failure::new(422, "invalid_login", "log in with an Indian mobile number (+91 and 10 digits) or an e-mail address"))
    }

    fn typed(&self) -> &str {
        match self {
            Identifier::Email(s) | Identifier::Phone(s) | Identifier::Nobody(s) => s,
        }
    }
}

/// An account as login sees it.
struct Account {
    da_id: String,
    seller_id: String,
    password_hash: String,
}

fn new_da_id() -> String {
    format!("da-{}", Uuid::new_v4().simple())
}

impl App {
    /// Creates a DA's account for a seller, from a client `address` (a few per address per hour,
    /// [`crate::limit`]). The answer does not tell a stranger whether the seller exists or the
    /// phone or e-mail address is taken: it is 201 with an ID either way, and only the owner of an
    /// existing account (the right password) hears 409 "log in instead". Whether the account may
    /// see orders is the seller's decision ([`crate::enrol`]).
    pub fn create_account(&self, req: &CreateAccount, address: &str) -> Result<AccountCreated, Failure> {
        let name = req.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Failure::new(422, "invalid_name", "the name must be 1 to 100 characters"));
        }
        let phone = normalize_phone(&req.phone).ok_or_else(|| {
            Failure::new(422, "invalid_phone", "the phone number must be an Indian mobile number: +91 and 10 digits")
        })?;
        let email = match req.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => Some(normalize_email(e).ok_or_else(|| Failure::new(422, "invalid_email", "the e-mail address is not valid"))?),
            None => None,
        };
        let len = req.password.chars().count();
        if !(8..=128).contains(&len) {
            return Err(Failure::new(422, "weak_password", "the password must be 8 to 128 characters"));
        }
        let seller_id = req.seller_id.trim();
        if seller_id.is_empty() || seller_id.len() > 64 {
            return Err(Failure::new(422, "invalid_seller_id", "a seller ID is 1 to 64 characters"));
        }
        let now = self.now();
        self.write(|tx| self.logins.creation(tx, address, now))?;
        let existing: Option<String> = self.read(|tx| {
            Ok(tx.query_opt(
                "SELECT password_hash FROM das WHERE phone = ?1 OR (email IS NOT NULL AND email = ?2) LIMIT 1",
                args![phone, email],
                |r| r.get(0),
            )?)
        })?;
        if let Some(stored) = existing {
            // The same work as creating one, so the time taken does not tell either.
            if self.passwords.verify(&req.password, Some(&stored))? {
                return Err(Failure::conflict("an account with this phone number or e-mail address already exists: log in instead"));
            }
            log::info!("account creation for a taken phone or e-mail address answered as if created");
            return Ok(AccountCreated { da_id: new_da_id() });
        }
        let hash = self.passwords.hash(&req.password)?;
        let da_id = new_da_id();
        let created = self.write(|tx| {
            let n = tx.execute(
                "INSERT INTO das (id, seller_id, name, phone, email, password_hash, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT DO NOTHING",
                args![da_id, seller_id, name, phone, email, hash, now.timestamp_millis()],
            )?;
            Ok(n > 0)
        })?;
        if created {
            log::info!("account {da_id} created");
        } else {
            log::info!("account creation raced another for the same phone or e-mail address: answered as if created");
        }
        Ok(AccountCreated { da_id })
    }

    fn account(&self, id: &Identifier) -> Result<Option<Account>, Failure> {
        let column = match id {
            Identifier::Email(_) => "email",
            Identifier::Phone(_) => "phone",
            Identifier::Nobody(_) => return Ok(None),
        };
        let sql = format!("SELECT id, seller_id, password_hash FROM das WHERE {column} = ?1");
        self.read(|tx| {
            Ok(tx.query_opt(&sql, args![id.typed()], |r| Ok(Account { da_id: r.get(0)?, seller_id: r.get(1)?, password_hash: r.get(2)? }))?)
        })
    }

    /// Logs a DA in with a phone number or an e-mail address, from a client `address`. Attempts
    /// are limited per account (whichever identifier was typed) and per address, counted before
    /// the password is checked ([`crate::limit`]).
    pub fn login(&self, req: &Login, address: &str) -> Result<Session, Failure> {
        let id = Identifier::parse(&req.login)?;
        let account = self.account(&id)?;
        let subject = match &account {
            Some(a) => Subject::Account(&a.da_id),
            None => Subject::Login(id.typed()),
        };
        let now = self.now();
        self.write(|tx| self.logins.reserve(tx, &subject, address, now))?;
        let result = self.login_checked(req, account.as_ref());
        let settled = match &result {
            // A wrong password (or no such account): the attempt stays counted.
            Err(f) if f.status == 401 => Ok(()),
            // The password was right.
            Ok(_) => self.write(|tx| self.logins.succeeded(tx, &subject, address)),
            Err(f) if f.status == 403 => self.write(|tx| self.logins.succeeded(tx, &subject, address)),
            // The password was never checked (busy, failed).
            Err(_) => self.write(|tx| self.logins.released(tx, &subject, address)),
        };
        if let Err(e) = settled {
            log::error!("a login attempt could not be settled: {e}");
        }
        result
    }

    fn login_checked(&self, req: &Login, account: Option<&Account>) -> Result<Session, Failure> {
        let wrong = || Failure::unauthorized("wrong phone number, e-mail address or password");
        // No account: the same work as a real check, so the answer's timing does not tell which exist.
        if !self.passwords.verify(&req.password, account.map(|a| a.password_hash.as_str()))? {
            return Err(wrong());
        }
        let Some(Account { da_id, seller_id, .. }) = account else { return Err(wrong()) };
        if *seller_id != req.seller_id {
            return Err(Failure::forbidden("wrong_seller", "this account delivers for another seller"));
        }
        // The seller's readiness is told only to the DAs it registered: to anyone else an unknown
        // seller and one that has not registered them look alike.
        if self.is_registered(da_id, seller_id)? {
            self.check_seller_ready(seller_id)?;
        }
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let ttl = Duration::from_std(self.config.session_ttl).unwrap_or(Duration::hours(12));
        let expires_at = self.now() + ttl;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sessions (token_hash, da_id, seller_id, expires_at_ms) VALUES (?1, ?2, ?3, ?4)",
                args![hash_token(&token), da_id, seller_id, expires_at.timestamp_millis()],
            )?;
            Ok(())
        })?;
        Ok(Session { token, da_id: da_id.clone(), seller_id: seller_id.clone(), expires_at })
    }

    /// The DA behind a bearer token.
    pub fn authenticate(&self, token: Option<&str>) -> Result<Caller, Failure> {
        let token = token_hash(token)?;
        let row = self.read(|tx| {
            Ok(tx.query_opt("SELECT da_id, seller_id, expires_at_ms, revoked FROM sessions WHERE token_hash = ?1", args![token], |r| {
                Ok(SessionRow { da_id: r.get(0)?, seller_id: r.get(1)?, expires_at_ms: r.get(2)?, revoked: r.get(3)? })
            })?)
        })?;
        self.session_caller(row)
    }

    /// The caller of a session as read (`None`: no session has the token): 401 when there is
    /// none, or it was revoked, or it has expired.
    pub(crate) fn session_caller(&self, row: Option<SessionRow>) -> Result<Caller, Failure> {
        match row {
            None => Err(Failure::unauthorized("the session token is not valid: log in again")),
            Some(SessionRow { revoked: true, .. }) => Err(Failure::unauthorized("the session was revoked: log in again")),
            Some(SessionRow { expires_at_ms, .. }) if expires_at_ms <= self.now().timestamp_millis() => {
                Err(Failure::unauthorized("the session has expired: log in again"))
            }
            Some(SessionRow { da_id, seller_id, .. }) => Ok(Caller { da_id, seller_id }),
        }
    }

    /// 403 `seller_not_ready` when the seller no longer meets the prerequisites: checked at login
    /// and on every request of its DAs (a seller that opts out stops its DAs at once).
    pub(crate) fn check_seller_ready(&self, seller_id: &str) -> Result<(), Failure> {
        let seller: Option<(bool, String, String)> = self.read(|tx| {
            Ok(tx.query_opt("SELECT self_delivery, ships_from, gst_address FROM sellers WHERE id = ?1", args![seller_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?)
        })?;
        seller_ready(seller)
    }

    /// Revokes a session (logging out).
    pub fn revoke(&self, token: &str) -> Result<(), Failure> {
        self.write(|tx| {
            tx.execute("UPDATE sessions SET revoked = 1 WHERE token_hash = ?1", args![hash_token(token)])?;
            Ok(())
        })
    }

    /// Checks the admin token.
    pub fn authenticate_admin(&self, token: Option<&str>) -> Result<(), Failure> {
        let Some(expected) = self.config.admin_token.as_deref() else {
            return Err(Failure::forbidden("admin_disabled", "the admin endpoints are off: start the server with an admin token"));
        };
        let given = token.unwrap_or("");
        // Compares hashes, so the time taken does not depend on where the tokens differ.
        if hash_token(given) == hash_token(expected) && !given.is_empty() {
            Ok(())
        } else {
            Err(Failure::unauthorized("the admin token is not valid"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indian_phone_numbers() {
        assert_eq!(normalize_phone("+91 98765-43210").as_deref(), Some("+919876543210"));
        assert_eq!(normalize_phone("9876543210").as_deref(), Some("+919876543210"));
        assert_eq!(normalize_phone("09876543210").as_deref(), Some("+919876543210"));
        assert_eq!(normalize_phone("919876543210").as_deref(), Some("+919876543210"));
        assert_eq!(normalize_phone("+1 415 555 0100"), None);
        assert_eq!(normalize_phone("12345"), None);
        assert_eq!(normalize_phone("5876543210"), None, "Indian mobiles start with 6 to 9");
        assert_eq!(normalize_phone("98765432１0"), None);
    }

    #[test]
    fn email_addresses() {
        assert_eq!(normalize_email(" Asha@Example.IN ").as_deref(), Some("asha@example.in"));
        assert_eq!(normalize_email("asha@example"), None);
        assert_eq!(normalize_email("@example.in"), None);
        assert_eq!(normalize_email("a b@example.in"), None);
    }

    #[test]
    fn seller_prerequisites() {
        assert!(seller_problem(true, "12, MG Road, Pune 411001", "12 MG ROAD PUNE-411001").is_none());
        assert!(seller_problem(false, "x", "x").is_some_and(|m| m.contains("Self-Delivery")));
        assert!(seller_problem(true, "12 MG Road", "14 MG Road").is_some_and(|m| m.contains("GST")));
    }
}
