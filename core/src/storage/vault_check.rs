//! The vault's key check: one sealed constant in the `vault` table that tells the right key from
//! a wrong one, checked (and recorded on a key's first use) when the database opens. Owns the
//! `vault` table.

use rusqlite::{OptionalExtension, params};

use super::db::{Db, Store};
use super::orders;
use crate::error::Error;
use crate::vault::Vault;

/// The stored key check, if a key was ever used with this database.
pub fn get(db: &Db<'_>) -> Result<Option<Vec<u8>>, Error> {
    Ok(db.0.query_row("SELECT key_check FROM vault WHERE id = 1", [], |r| r.get(0)).optional()?)
}

/// Records the key check of the first key used.
pub fn put(db: &Db<'_>, check: &[u8]) -> Result<(), Error> {
    db.0.execute("INSERT INTO vault (id, key_check) VALUES (1, ?1)", params![check])?;
    Ok(())
}

/// At open: checks the key against the database's, records it on first use and seals the
/// customer details still stored as plain text. Refuses a wrong key, and a missing one for a
/// database whose details are sealed.
pub fn setup(store: &Store, vault: &Vault) -> Result<(), Error> {
    let stored = store.read(get)?;
    let Some(check) = vault.verify(stored.as_deref())? else { return Ok(()) };
    store.write(|db| {
        put(db, &check)?;
        orders::seal_all(db, vault)
    })?;
    // The plain-text pages must not linger in the write-ahead log.
    store.checkpoint()
}
