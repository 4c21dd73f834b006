//! The vault's key check: one sealed constant in the `vault` table that tells the right key from
//! a wrong one. Owns the `vault` table.

use rusqlite::{OptionalExtension, params};

use super::db::Db;
use crate::error::Error;

/// The stored key check, if a key was ever used with this database.
pub fn get(db: &Db<'_>) -> Result<Option<Vec<u8>>, Error> {
    Ok(db.0.query_row("SELECT key_check FROM vault WHERE id = 1", [], |r| r.get(0)).optional()?)
}

/// Records the key check of the first key used.
pub fn put(db: &Db<'_>, check: &[u8]) -> Result<(), Error> {
    db.0.execute("INSERT INTO vault (id, key_check) VALUES (1, ?1)", params![check])?;
    Ok(())
}
