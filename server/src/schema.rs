//! The server database's schema: versions in `PRAGMA user_version`, each migration in one
//! transaction.

use rusqlite::Connection;

/// The schema version this server writes.
pub const VERSION: i64 = 2;

const MIGRATIONS: &[&str] = &[
    // v1
    "CREATE TABLE sellers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        self_delivery INTEGER NOT NULL,
        ships_from TEXT NOT NULL,
        gst_address TEXT NOT NULL,
        time_zone TEXT NOT NULL
    );
    CREATE TABLE das (
        id TEXT PRIMARY KEY,
        seller_id TEXT NOT NULL REFERENCES sellers(id),
        name TEXT NOT NULL,
        phone TEXT NOT NULL UNIQUE,
        email TEXT UNIQUE,
        password_hash TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        da_id TEXT NOT NULL REFERENCES das(id),
        seller_id TEXT NOT NULL REFERENCES sellers(id),
        expires_at_ms INTEGER NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        tracking_id TEXT UNIQUE,
        carrier TEXT,
        seller_id TEXT NOT NULL REFERENCES sellers(id),
        channel TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        address TEXT NOT NULL,
        phone TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        shipped_at_ms INTEGER NOT NULL,
        tracking_confirmed_at_ms INTEGER,
        delivered_at_ms INTEGER
    );
    CREATE INDEX orders_seller ON orders(seller_id, shipped_at_ms);
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        da_id TEXT NOT NULL,
        tracking_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
        code TEXT,
        message TEXT,
        reason TEXT,
        recipient_kind TEXT,
        pod_photo TEXT,
        device_time_ms INTEGER NOT NULL,
        local_offset_s INTEGER NOT NULL,
        received_at_ms INTEGER NOT NULL
    );
    CREATE INDEX events_order ON events(tracking_id, outcome, received_at_ms, seq);
    CREATE TABLE notifications (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE REFERENCES events(event_id),
        tracking_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        send_after_ms INTEGER NOT NULL,
        sent_at_ms INTEGER
    );
    CREATE INDEX notifications_due ON notifications(sent_at_ms, send_after_ms);",
    // v2: the DA whose itinerary an order is on (set by its accepted Out for Delivery scan).
    "ALTER TABLE orders ADD COLUMN da_id TEXT REFERENCES das(id);",
];

/// The database's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the schema up to [`VERSION`], one transaction per version.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let mut current = version(conn)?;
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let target = i as i64 + 1;
        if current >= target {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
        log::info!("server schema migrated to version {target}");
        current = target;
    }
    Ok(())
}
