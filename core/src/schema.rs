//! The database schema and its migrations. The version lives in `PRAGMA user_version`;
//! each migration runs in one transaction together with the version bump, so a database is
//! always at exactly one known version, even after a crash mid-migration.

use rusqlite::{Connection, Transaction, params};

use crate::error::StorageError;
use crate::store::classify;

/// The schema version this build writes.
pub const VERSION: i64 = 4;

type Migration = fn(&Transaction<'_>) -> rusqlite::Result<()>;

/// Migration `i` takes a database from version `i` to `i + 1`.
const MIGRATIONS: [Migration; VERSION as usize] = [v1_orders_outbox_batch, v2_workflows_device, v3_sync, v4_privacy];

/// Version 1: orders, the pending Out for Delivery batch and the scan outbox.
pub(crate) const V1_SQL: &str = "
CREATE TABLE orders (
    tracking_id      TEXT PRIMARY KEY NOT NULL,
    order_id         TEXT NOT NULL,
    channel          TEXT NOT NULL,
    seller           TEXT NOT NULL,
    customer_name    TEXT NOT NULL,
    customer_address TEXT NOT NULL,
    customer_phone   TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending',
    itinerary_day    TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    updated_at_ms    INTEGER NOT NULL
);
CREATE INDEX orders_itinerary ON orders(itinerary_day, status);
CREATE TABLE ofd_batch (
    tracking_id   TEXT PRIMARY KEY NOT NULL REFERENCES orders(tracking_id),
    day           TEXT NOT NULL,
    scanned_at_ms INTEGER NOT NULL
);
CREATE TABLE events (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL,
    tracking_id    TEXT NOT NULL,
    order_id       TEXT NOT NULL,
    reason         TEXT,
    recipient_kind TEXT,
    recipient_name TEXT,
    device_time_ms INTEGER NOT NULL,
    local_offset_s INTEGER NOT NULL,
    latitude       REAL,
    longitude      REAL,
    accuracy_m     REAL,
    pod_photo      TEXT,
    state          TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX events_state ON events(state, seq);
CREATE INDEX events_tracking ON events(tracking_id, seq);
";

fn v1_orders_outbox_batch(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(V1_SQL)
}

/// Version 2: delivery workflows (for the daily metrics) and the device's identity.
/// Workflows are rebuilt from the version-1 outbox, so metrics cover the days before the upgrade.
fn v2_workflows_device(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "
CREATE TABLE workflows (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_id    TEXT NOT NULL,
    ofd_seq        INTEGER NOT NULL,
    ofd_day        TEXT NOT NULL,
    ofd_at_ms      INTEGER NOT NULL,
    outcome        TEXT,
    outcome_at_ms  INTEGER,
    outcome_day    TEXT,
    outcome_in_hours INTEGER
);
CREATE INDEX workflows_day ON workflows(ofd_day);
CREATE INDEX workflows_tracking ON workflows(tracking_id, id);
ALTER TABLE orders ADD COLUMN workflow_id INTEGER REFERENCES workflows(id);
CREATE TABLE device (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    device_id TEXT NOT NULL
);
",
    )?;
    tx.execute("INSERT INTO device (id, device_id) VALUES (1, ?1)", params![uuid::Uuid::new_v4().to_string()])?;

    // Rebuild workflows from the outbox: each OFD event opens one, and the last final scan or
    // day-close event before the next OFD of that order is its outcome.
    let events: Vec<(i64, String, String, i64, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT seq, tracking_id, kind, device_time_ms, local_offset_s FROM events ORDER BY seq",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?
    };
    for (seq, tracking_id, kind, at_ms, offset_s) in events {
        let local_ms = at_ms + offset_s * 1000;
        let day = local_day(local_ms);
        if kind == "ofd" {
            tx.execute(
                "INSERT INTO workflows (tracking_id, ofd_seq, ofd_day, ofd_at_ms) VALUES (?1, ?2, ?3, ?4)",
                params![tracking_id, seq, day, at_ms],
            )?;
            tx.execute(
                "UPDATE orders SET workflow_id = last_insert_rowid() WHERE tracking_id = ?1",
                params![tracking_id],
            )?;
        } else {
            // Version 1 only recorded final scans inside working hours (06:00 to 22:00 in India).
            let in_hours = kind != "left-itinerary";
            tx.execute(
                "UPDATE workflows SET outcome = ?2, outcome_at_ms = ?3, outcome_day = ?4, outcome_in_hours = ?5
                 WHERE id = (SELECT MAX(id) FROM workflows WHERE tracking_id = ?1)",
                params![tracking_id, kind, at_ms, day, in_hours],
            )?;
        }
    }
    Ok(())
}

/// Version 3: what the backend answered for each event, and the state of sync.
fn v3_sync(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "
ALTER TABLE events ADD COLUMN ack_code TEXT;
ALTER TABLE events ADD COLUMN ack_message TEXT;
ALTER TABLE events ADD COLUMN acked_at_ms INTEGER;
ALTER TABLE events ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0;
CREATE TABLE sync_state (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    last_success_ms  INTEGER,
    last_error       TEXT,
    last_error_at_ms INTEGER
);
INSERT INTO sync_state (id) VALUES (1);
",
    )
}

/// Version 4: the key check of sealed customer details, and the kinds of recent errors (for
/// problem reports; never their messages).
fn v4_privacy(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "
CREATE TABLE vault (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BLOB NOT NULL
);
CREATE TABLE error_log (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    kind  TEXT NOT NULL
);
",
    )
}

fn local_day(local_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(local_ms)
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default()
}

/// Brings the database to [`VERSION`], one transaction per migration.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StorageError> {
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(e, Some(path)))?;
    if found > VERSION {
        return Err(StorageError::TooNew { path: path.to_string(), found, known: VERSION });
    }
    if found < 0 {
        return Err(StorageError::Corrupt(format!("negative schema version {found}")));
    }
    for version in found..VERSION {
        let tx = conn.transaction().map_err(|e| classify(e, Some(path)))?;
        MIGRATIONS[version as usize](&tx).map_err(|e| classify(e, Some(path)))?;
        tx.pragma_update(None, "user_version", version + 1).map_err(|e| classify(e, Some(path)))?;
        tx.commit().map_err(|e| classify(e, Some(path)))?;
        log::info!("database migrated to schema version {}", version + 1);
    }
    Ok(())
}
