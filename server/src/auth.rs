//! DA accounts, logins and sessions: argon2 password hashes, random bearer tokens stored as
//! SHA-256 hashes, expiring; the seller prerequisites checked at login.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::Duration;
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};
use track_core::sync::wire::{AccountCreated, CreateAccount, Login, Session};
use uuid::Uuid;

use crate::app::App;
use crate::error::Failure;

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
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_password(password: &str) -> Result<String, Failure> {
    // 16 bytes from the system's random source (uuid v4 reads getrandom).
    let salt = SaltString::encode_b64(Uuid::new_v4().as_bytes()).map_err(|e| Failure::internal(format!("password salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Failure::internal(format!("password hashing failed: {e}")))
}

/// A hash to verify against when the account does not exist.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("not a real password").unwrap_or_default());

fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
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

impl App {
    /// Creates a DA's account for a seller.
    pub fn create_account(&self, req: &CreateAccount) -> Result<AccountCreated, Failure> {
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
        let hash = hash_password(&req.password)?;
        let da_id = format!("da-{}", Uuid::new_v4().simple());
        let now = self.now().timestamp_millis();
        self.write(|tx| {
            let seller: Option<String> = tx.query_row("SELECT id FROM sellers WHERE id = ?1", [&req.seller_id], |r| r.get(0)).optional()?;
            if seller.is_none() {
                return Err(Failure::new(422, "unknown_seller", format!("there is no seller {:?}", req.seller_id)));
            }
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM das WHERE phone = ?1 OR (email IS NOT NULL AND email = ?2))",
                params![phone, email],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Failure::conflict("an account with this phone number or e-mail address already exists: log in instead"));
            }
            tx.execute(
                "INSERT INTO das (id, seller_id, name, phone, email, password_hash, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![da_id, req.seller_id, name, phone, email, hash, now],
            )?;
            Ok(())
        })?;
        log::info!("account {da_id} created");
        Ok(AccountCreated { da_id })
    }

    /// Logs a DA in with a phone number or an e-mail address, from a client `address`. Failed
    /// attempts are limited per account and per address ([`crate::limit`]).
    pub fn login(&self, req: &Login, address: &str) -> Result<Session, Failure> {
        let account = normalize_email(&req.login).or_else(|| normalize_phone(&req.login)).unwrap_or_else(|| req.login.trim().to_lowercase());
        let now = self.now();
        self.logins.check(&account, address, now)?;
        let result = self.login_checked(req);
        match &result {
            Err(f) if f.status == 401 => self.logins.failed(&account, address, now),
            _ => self.logins.succeeded(&account),
        }
        result
    }

    fn login_checked(&self, req: &Login) -> Result<Session, Failure> {
        let wrong = || Failure::unauthorized("wrong phone number, e-mail address or password");
        let login = req.login.trim();
        let row: Option<(String, String, String)> = {
            let conn = self.conn();
            let found = if login.contains('@') {
                let email = normalize_email(login).ok_or_else(wrong)?;
                conn.query_row("SELECT id, seller_id, password_hash FROM das WHERE email = ?1", [email], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
            } else {
                let phone = normalize_phone(login).ok_or_else(|| {
                    Failure::new(422, "invalid_login", "log in with an Indian mobile number (+91 and 10 digits) or an e-mail address")
                })?;
                conn.query_row("SELECT id, seller_id, password_hash FROM das WHERE phone = ?1", [phone], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
            };
            found.optional()?
        };
        let Some((da_id, seller_id, stored)) = row else {
            // The same work as a real check, so the answer's timing does not tell which accounts exist.
            let _ = verify_password(&req.password, &DUMMY_HASH);
            return Err(wrong());
        };
        if !verify_password(&req.password, &stored) {
            return Err(wrong());
        }
        if seller_id != req.seller_id {
            return Err(Failure::forbidden("wrong_seller", "this account delivers for another seller"));
        }
        let (self_delivery, ships_from, gst): (bool, String, String) = self.conn().query_row(
            "SELECT self_delivery, ships_from, gst_address FROM sellers WHERE id = ?1",
            [&seller_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if let Some(problem) = seller_problem(self_delivery, &ships_from, &gst) {
            return Err(Failure::forbidden("seller_not_ready", problem));
        }
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let ttl = Duration::from_std(self.config.session_ttl).unwrap_or(Duration::hours(12));
        let expires_at = self.now() + ttl;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sessions (token_hash, da_id, seller_id, expires_at_ms) VALUES (?1, ?2, ?3, ?4)",
                params![hash_token(&token), da_id, seller_id, expires_at.timestamp_millis()],
            )?;
            Ok(())
        })?;
        Ok(Session { token, da_id, seller_id, expires_at })
    }

    /// The DA behind a bearer token.
    pub fn authenticate(&self, token: Option<&str>) -> Result<Caller, Failure> {
        let token = token.ok_or_else(|| Failure::unauthorized("log in first: this request needs a bearer token"))?;
        let row: Option<(String, String, i64, bool)> = self
            .conn()
            .query_row(
                "SELECT da_id, seller_id, expires_at_ms, revoked FROM sessions WHERE token_hash = ?1",
                [hash_token(token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        match row {
            None => Err(Failure::unauthorized("the session token is not valid: log in again")),
            Some((_, _, _, true)) => Err(Failure::unauthorized("the session was revoked: log in again")),
            Some((_, _, expires, _)) if expires <= self.now().timestamp_millis() => {
                Err(Failure::unauthorized("the session has expired: log in again"))
            }
            Some((da_id, seller_id, _, _)) => Ok(Caller { da_id, seller_id }),
        }
    }

    /// Revokes a session (logging out).
    pub fn revoke(&self, token: &str) -> Result<(), Failure> {
        self.write(|tx| {
            tx.execute("UPDATE sessions SET revoked = 1 WHERE token_hash = ?1", [hash_token(token)])?;
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
