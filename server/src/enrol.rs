//! Which phone numbers each seller registered as its delivery associates: the link from a DA's
//! account to its seller's orders. Anyone may create an account and log in, but an account whose
//! phone its seller has not registered (or whose seller does not exist: the two answer alike, so
//! a stranger learns nothing about sellers) is refused every order and event endpoint with 403
//! `not_registered_with_seller`. The seller (through the admin token) adds and removes phones;
//! removing one ends that DA's sessions.

use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::args;
use crate::store::Tx;
use crate::auth::{Caller, SessionRow, normalize_phone, seller_ready, token_hash};
use crate::error::Failure;

/// `POST /v1/sellers/{seller_id}/das`: a phone number the seller registers as its DA's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaPhone {
    pub phone: String,
}

/// The answer to adding a DA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaAdded {
    pub seller_id: String,
    /// The phone as stored (`+91` and 10 digits).
    pub phone: String,
    /// False when it was registered already.
    pub added: bool,
}

/// The answer to removing a DA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaRemoved {
    pub seller_id: String,
    pub phone: String,
    /// False when it was not registered.
    pub removed: bool,
    /// Sessions of that DA that were ended.
    pub sessions_ended: usize,
}

/// `GET /v1/sellers/{seller_id}/das`: the registered phones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaRoster {
    pub seller_id: String,
    pub phones: Vec<String>,
}

/// The one answer for a DA its seller has not registered (or whose seller does not exist).
pub fn not_registered() -> Failure {
    Failure::forbidden(
        "not_registered_with_seller",
        "your seller has not registered this phone number as one of its delivery associates: ask the seller to add it, then try again",
    )
}

fn phone_of(input: &str) -> Result<String, Failure> {
    normalize_phone(input)
        .ok_or_else(|| Failure::new(422, "invalid_phone", "the phone number must be an Indian mobile number: +91 and 10 digits"))
}

fn seller_exists(tx: &Tx<'_>, seller_id: &str) -> Result<(), Failure> {
    let found: Option<String> = tx.query_opt("SELECT id FROM sellers WHERE id = ?1", args![seller_id], |r| r.get(0))?;
    found.map(|_| ()).ok_or_else(|| Failure::not_found(format!("there is no seller {seller_id:?}")))
}

impl App {
    /// Registers `phone` as a DA of the seller (idempotent).
    pub fn add_da(&self, seller_id: &str, phone: &str) -> Result<DaAdded, Failure> {
        let phone = phone_of(phone)?;
        let now = self.now().timestamp_millis();
        self.write(|tx| {
            seller_exists(tx, seller_id)?;
            let n = tx.execute(
                "INSERT INTO seller_das (seller_id, phone, added_at_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                args![seller_id, phone, now],
            )?;
            log::info!("seller {seller_id}: DA {} {}", track_core::redact(&phone), if n > 0 { "added" } else { "already registered" });
            Ok(DaAdded { seller_id: seller_id.to_string(), phone: phone.clone(), added: n > 0 })
        })
    }

    /// Removes `phone` from the seller's DAs and ends the sessions of its account with that seller.
    pub fn remove_da(&self, seller_id: &str, phone: &str) -> Result<DaRemoved, Failure> {
        let phone = phone_of(phone)?;
        self.write(|tx| {
            seller_exists(tx, seller_id)?;
            let removed = tx.execute("DELETE FROM seller_das WHERE seller_id = ?1 AND phone = ?2", args![seller_id, phone])? > 0;
            let sessions_ended = tx.execute(
                "UPDATE sessions SET revoked = 1
                 WHERE revoked = 0 AND seller_id = ?1 AND da_id IN (SELECT id FROM das WHERE phone = ?2)",
                args![seller_id, phone],
            )?;
            log::info!("seller {seller_id}: DA {} removed, {sessions_ended} sessions ended", track_core::redact(&phone));
            Ok(DaRemoved { seller_id: seller_id.to_string(), phone: phone.clone(), removed, sessions_ended })
        })
    }

    /// The phones the seller registered.
    pub fn das_of(&self, seller_id: &str) -> Result<DaRoster, Failure> {
        self.read(|tx| {
            seller_exists(tx, seller_id)?;
            let phones = tx.query("SELECT phone FROM seller_das WHERE seller_id = ?1 ORDER BY phone", args![seller_id], |r| r.get(0))?;
            Ok(DaRoster { seller_id: seller_id.to_string(), phones })
        })
    }

    /// Whether the DA's phone is registered with its seller.
    pub(crate) fn is_registered(&self, da_id: &str, seller_id: &str) -> Result<bool, Failure> {
        self.read(|tx| {
            Ok(tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM das d JOIN seller_das r ON r.phone = d.phone WHERE d.id = ?1 AND r.seller_id = ?2)",
                args![da_id, seller_id],
                |r| r.get(0),
            )?)
        })
    }

    /// The DA behind a bearer token, registered with its seller, whose seller still meets the
    /// prerequisites: the gate of every order and event endpoint, on every request. 401 without a
    /// valid session (expired or revoked included), 403 `not_registered_with_seller` when the
    /// seller has not registered (or removed) the DA, 403 `seller_not_ready` with the reason when
    /// the seller opted out of Self-Delivery or its addresses no longer match.
    ///
    /// The session, the DA's registration and the seller are read in one statement (one round
    /// trip to the database on every request).
    pub fn authorize(&self, token: Option<&str>) -> Result<Caller, Failure> {
        let token = token_hash(token)?;
        type Gate = (SessionRow, bool, Option<(bool, String, String)>);
        let row: Option<Gate> = self.read(|tx| {
            Ok(tx.query_opt(
                "SELECT s.da_id, s.seller_id, s.expires_at_ms, s.revoked,
                        EXISTS (SELECT 1 FROM das d JOIN seller_das r ON r.phone = d.phone WHERE d.id = s.da_id AND r.seller_id = s.seller_id),
                        sl.self_delivery, sl.ships_from, sl.gst_address
                 FROM sessions s LEFT JOIN sellers sl ON sl.id = s.seller_id
                 WHERE s.token_hash = ?1",
                args![token],
                |r| {
                    let session = SessionRow { da_id: r.get(0)?, seller_id: r.get(1)?, expires_at_ms: r.get(2)?, revoked: r.get(3)? };
                    let seller = match r.get::<Option<bool>>(5)? {
                        Some(self_delivery) => Some((self_delivery, r.get(6)?, r.get(7)?)),
                        None => None,
                    };
                    Ok((session, r.get(4)?, seller))
                },
            )?)
        })?;
        let (session, registered, seller) = match row {
            Some((session, registered, seller)) => (Some(session), registered, seller),
            None => (None, false, None),
        };
        let caller = self.session_caller(session)?;
        if !registered {
            return Err(not_registered());
        }
        seller_ready(seller)?;
        Ok(caller)
    }
}
