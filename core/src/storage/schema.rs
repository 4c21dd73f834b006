//! The phone database's schema: the steps that create and upgrade its tables, run by the one
//! migration runner ([`super::migrate`]). Owns the tables' definitions; each table's rows belong
//! to its storage module (orders, batch, workflows, outbox, sync state, reports, vault).

use rusqlite::{Transaction, params};

use super::migrate::{Schema, Step};

/// The phone's schema.
pub static PHONE: Schema = Schema {
    name: "phone database",
    steps: &[Step::Sql(V1_SQL), Step::Code(v2_workflows_device), Step::Sql(V3_SQL), Step::Sql(V4_SQL), Step::Sql(V5_SQL), Step::Sql(V6_SQL), Step::Sql(V7_SQL), Step::Sql(V8_SQL)],
    check_foreign_keys: false,
};

/// The schema version this build writes.
pub const VERSION: i64 = PHONE.version();

/// Version 1: orders, the pending Out for Delivery batch and the scan outbox.
const V1_SQL: &str = "
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
        if kind == crate::event::ScanKind::OutForDelivery.code() {
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
            let in_hours = kind != crate::event::ScanKind::LeftItinerary.code();
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
const V3_SQL: &str = "
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
";

/// Version 4: the key check of sealed customer details, and the kinds of recent errors (for
/// problem reports; never their messages).
const V4_SQL: &str = "
CREATE TABLE vault (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BLOB NOT NULL
);
CREATE TABLE error_log (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    kind  TEXT NOT NULL
);
";

/// Version 5: the server's refusals of synced events, kept for the DA (the order's view and the
/// list of refused scans). Events already rejected are carried over, refused when the server
/// received them (or at their device time when it did not say).
const V5_SQL: &str = "
CREATE TABLE refusals (
    event_id      TEXT PRIMARY KEY NOT NULL,
    tracking_id   TEXT NOT NULL,
    code          TEXT NOT NULL,
    message       TEXT NOT NULL,
    refused_at_ms INTEGER NOT NULL
);
CREATE INDEX refusals_tracking ON refusals(tracking_id);
INSERT INTO refusals (event_id, tracking_id, code, message, refused_at_ms)
    SELECT event_id, tracking_id, COALESCE(ack_code, ''), COALESCE(ack_message, ''), COALESCE(acked_at_ms, device_time_ms)
    FROM events WHERE state = 'rejected';
";

/// Version 6: when the platform fixed each event's location (milliseconds since the epoch, UTC).
const V6_SQL: &str = "ALTER TABLE events ADD COLUMN location_fix_ms INTEGER;";

/// Version 7: the photo queue beside the outbox (a Delivered event's proof-of-delivery photo,
/// uploaded after its event is acknowledged) and the problem reports waiting to reach support.
const V7_SQL: &str = "
CREATE TABLE photo_queue (
    event_id           TEXT PRIMARY KEY NOT NULL,
    tracking_id        TEXT NOT NULL,
    sha256             TEXT NOT NULL,
    photo              BLOB,
    state              TEXT NOT NULL DEFAULT 'waiting',
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    created_at_ms      INTEGER NOT NULL
);
CREATE INDEX photo_queue_state ON photo_queue(state, next_attempt_at_ms);
CREATE TABLE report_outbox (
    report_id     TEXT PRIMARY KEY NOT NULL,
    body          TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending',
    created_at_ms INTEGER NOT NULL,
    sent_at_ms    INTEGER
);
";

/// Version 8: the DA's latest position, waiting to be sent (one row: only the latest is kept).
const V8_SQL: &str = "
CREATE TABLE position (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    latitude       REAL NOT NULL,
    longitude      REAL NOT NULL,
    accuracy_m     REAL NOT NULL,
    fix_ms         INTEGER NOT NULL,
    recorded_at_ms INTEGER NOT NULL
);
";

fn local_day(local_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(local_ms)
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default()
}
