//! The server database's schema: only its migration steps, for SQLite and for PostgreSQL. On
//! SQLite the core's one migration runner ([`track_core::storage::migrate`]) applies them:
//! versions in `PRAGMA user_version`, each step in one transaction, foreign keys checked before
//! each commit. On PostgreSQL [`crate::store`] applies [`POSTGRES`] the same way (versions in the
//! table `schema_version`, under an advisory lock so several processes may start at once).
//!
//! The two lists describe the same tables: PostgreSQL support started at version 5, so its first
//! step creates version 5 whole; a later version adds one step to each list, in each dialect.
//! Integers are `BIGINT` (milliseconds since the epoch do not fit 32 bits) and booleans 0 or 1 on
//! both, so one statement reads and writes either.

use rusqlite::Connection;
use track_core::storage::migrate::{self, Schema, Step};

/// The server's schema.
pub static SERVER: Schema = Schema { name: "server schema", steps: MIGRATIONS, check_foreign_keys: true };

/// The schema version this server writes.
pub const VERSION: i64 = SERVER.version();

const MIGRATIONS: &[Step] = &[
    // v1
    Step::Sql("CREATE TABLE sellers (
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
    CREATE INDEX notifications_due ON notifications(sent_at_ms, send_after_ms);"),
    // v2: the DA whose itinerary an order is on (set by its accepted Out for Delivery scan).
    Step::Sql("ALTER TABLE orders ADD COLUMN da_id TEXT REFERENCES das(id);"),
    // v3: the phones each seller registered as its DAs; attempt counts (failed logins, account
    // creations) that survive a restart; accounts and sessions no longer need their seller to
    // exist (an account for an unknown seller answers like one the seller has not registered).
    Step::Sql("CREATE TABLE seller_das (
        seller_id TEXT NOT NULL REFERENCES sellers(id),
        phone TEXT NOT NULL,
        added_at_ms INTEGER NOT NULL,
        PRIMARY KEY (seller_id, phone)
    );
    CREATE TABLE limits (
        key TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        since_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL
    );
    CREATE INDEX limits_last ON limits(last_ms);
    CREATE TABLE das_v3 (
        id TEXT PRIMARY KEY,
        seller_id TEXT NOT NULL,
        name TEXT NOT NULL,
        phone TEXT NOT NULL UNIQUE,
        email TEXT UNIQUE,
        password_hash TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
    );
    INSERT INTO das_v3 (id, seller_id, name, phone, email, password_hash, created_at_ms)
        SELECT id, seller_id, name, phone, email, password_hash, created_at_ms FROM das;
    DROP TABLE das;
    ALTER TABLE das_v3 RENAME TO das;
    CREATE TABLE sessions_v3 (
        token_hash TEXT PRIMARY KEY,
        da_id TEXT NOT NULL REFERENCES das(id),
        seller_id TEXT NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO sessions_v3 (token_hash, da_id, seller_id, expires_at_ms, revoked)
        SELECT token_hash, da_id, seller_id, expires_at_ms, revoked FROM sessions;
    DROP TABLE sessions;
    ALTER TABLE sessions_v3 RENAME TO sessions;
    CREATE INDEX sessions_da ON sessions(da_id);"),
    // v4: each event's content fingerprint (the same event ID with other content is a conflict);
    // tracking IDs stored as sent are normalised (spaces dropped, upper case) as they now are on
    // arrival; notifications found per order.
    Step::Sql("ALTER TABLE events ADD COLUMN fingerprint TEXT;
    UPDATE events SET tracking_id = UPPER(REPLACE(REPLACE(REPLACE(REPLACE(tracking_id, ' ', ''), char(9), ''), char(10), ''), char(13), ''));
    UPDATE notifications SET tracking_id = UPPER(REPLACE(REPLACE(REPLACE(REPLACE(tracking_id, ' ', ''), char(9), ''), char(10), ''), char(13), ''));
    CREATE INDEX notifications_order ON notifications(tracking_id, kind, send_after_ms);"),
    // v5: a device's highest accepted sequence number, for the bound on its next one.
    Step::Sql("CREATE INDEX events_device ON events(device_id, outcome, seq);"),
    // v6: where an accepted scan happened, as the phone reported it, and when the phone's
    // platform fixed that location (milliseconds since the epoch, UTC).
    Step::Sql("ALTER TABLE events ADD COLUMN latitude REAL;
    ALTER TABLE events ADD COLUMN longitude REAL;
    ALTER TABLE events ADD COLUMN accuracy_m REAL;
    ALTER TABLE events ADD COLUMN location_fix_ms INTEGER;"),
    // v7: proof-of-delivery photos (one per Delivered event; the object is in the photo store,
    // stored_at_ms set once it is there), problem reports for support, and the server's own
    // secrets (the key that signs photo URLs, shared by every process on the database).
    Step::Sql(V7_PHOTOS_REPORTS),
    // v8: the DAs' last positions (one row each, the latest kept); the customer's e-mail and
    // language for the messages; each notification's sending (attempts, next try, a claim that
    // keeps two senders apart, each channel's outcome), and notifications of no scan event (the
    // order shipped): the table is rebuilt with `event_id` optional.
    Step::Sql("CREATE TABLE positions (
        da_id TEXT PRIMARY KEY REFERENCES das(id),
        device_id TEXT NOT NULL,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL,
        accuracy_m REAL NOT NULL,
        fix_ms INTEGER NOT NULL,
        received_at_ms INTEGER NOT NULL
    );
    ALTER TABLE orders ADD COLUMN customer_email TEXT;
    ALTER TABLE orders ADD COLUMN customer_language TEXT;
    CREATE TABLE notifications_v8 (
        id INTEGER PRIMARY KEY,
        event_id TEXT UNIQUE REFERENCES events(event_id),
        tracking_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        send_after_ms INTEGER NOT NULL,
        sent_at_ms INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_try_ms INTEGER,
        claimed_until_ms INTEGER,
        email_state TEXT,
        sms_state TEXT
    );
    INSERT INTO notifications_v8 (id, event_id, tracking_id, kind, created_at_ms, send_after_ms, sent_at_ms)
        SELECT id, event_id, tracking_id, kind, created_at_ms, send_after_ms, sent_at_ms FROM notifications;
    DROP TABLE notifications;
    ALTER TABLE notifications_v8 RENAME TO notifications;
    CREATE INDEX notifications_due ON notifications(sent_at_ms, send_after_ms);
    CREATE INDEX notifications_order ON notifications(tracking_id, kind, send_after_ms);"),
    // v9: the sellers' Send to Amazon shipments (`crate::shipments`) and their boxes, box 1 first.
    Step::Sql("CREATE TABLE shipments (
        seller_id TEXT NOT NULL REFERENCES sellers(id),
        shipment_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        carrier TEXT NOT NULL,
        status TEXT NOT NULL,
        pro_number TEXT,
        window_start_ms INTEGER,
        window_end_ms INTEGER,
        created_at_ms INTEGER NOT NULL,
        tracking_complete_at_ms INTEGER,
        shipped_at_ms INTEGER,
        delivered_at_ms INTEGER,
        PRIMARY KEY (seller_id, shipment_id)
    );
    CREATE INDEX shipments_delivered ON shipments(seller_id, delivered_at_ms);
    CREATE TABLE shipment_boxes (
        seller_id TEXT NOT NULL,
        shipment_id TEXT NOT NULL,
        box_no INTEGER NOT NULL,
        tracking_id TEXT,
        PRIMARY KEY (seller_id, shipment_id, box_no),
        FOREIGN KEY (seller_id, shipment_id) REFERENCES shipments(seller_id, shipment_id)
    );"),
    // v10: the DA's day as a tracking page reads it (`crate::live`), by index.
    Step::Sql(V10_DA_DAY),
];

/// Version 10, the same in both dialects: the tracking page of an order out for delivery reads
/// its DA's day (its first Out for Delivery scan, its final scans since, its orders still out),
/// which scanned every event and every order without these. The events' index holds only the DA
/// and the time: with the outcome in it too, PostgreSQL planned a batch's read of its orders'
/// events (`outcome = 'accepted'` and a list of tracking IDs) on a fresh, still small table as a
/// walk of this whole index, kept that plan and got slower with every event. The orders' index
/// holds only the DA, which an order's scans set once (its status, which every scan moves, would
/// make every scan's update rewrite the index).
const V10_DA_DAY: &str = "CREATE INDEX events_da_day ON events(da_id, device_time_ms);
    CREATE INDEX orders_da ON orders(da_id);";

/// Version 7, the same statements in both dialects.
const V7_PHOTOS_REPORTS: &str = "CREATE TABLE photos (
        event_id TEXT PRIMARY KEY REFERENCES events(event_id),
        tracking_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        stored_bytes BIGINT,
        received_at_ms BIGINT NOT NULL,
        stored_at_ms BIGINT
    );
    CREATE INDEX photos_tracking ON photos(tracking_id);
    CREATE TABLE problem_reports (
        report_id TEXT PRIMARY KEY,
        da_id TEXT NOT NULL,
        seller_id TEXT NOT NULL,
        bundle TEXT NOT NULL,
        received_at_ms BIGINT NOT NULL
    );
    CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );";

/// The PostgreSQL steps: (version, statements).
pub const POSTGRES: &[(i64, &str)] = &[
    (
        5,
    "CREATE TABLE sellers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        self_delivery BIGINT NOT NULL,
        ships_from TEXT NOT NULL,
        gst_address TEXT NOT NULL,
        time_zone TEXT NOT NULL
    );
    CREATE TABLE das (
        id TEXT PRIMARY KEY,
        seller_id TEXT NOT NULL,
        name TEXT NOT NULL,
        phone TEXT NOT NULL UNIQUE,
        email TEXT UNIQUE,
        password_hash TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        da_id TEXT NOT NULL REFERENCES das(id),
        seller_id TEXT NOT NULL,
        expires_at_ms BIGINT NOT NULL,
        revoked BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_da ON sessions(da_id);
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
        shipped_at_ms BIGINT NOT NULL,
        tracking_confirmed_at_ms BIGINT,
        delivered_at_ms BIGINT,
        da_id TEXT REFERENCES das(id)
    );
    CREATE INDEX orders_seller ON orders(seller_id, shipped_at_ms);
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        da_id TEXT NOT NULL,
        tracking_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
        code TEXT,
        message TEXT,
        reason TEXT,
        recipient_kind TEXT,
        pod_photo TEXT,
        device_time_ms BIGINT NOT NULL,
        local_offset_s BIGINT NOT NULL,
        received_at_ms BIGINT NOT NULL,
        fingerprint TEXT
    );
    CREATE INDEX events_order ON events(tracking_id, outcome, received_at_ms, seq);
    CREATE INDEX events_device ON events(device_id, outcome, seq);
    CREATE TABLE notifications (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE REFERENCES events(event_id),
        tracking_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        send_after_ms BIGINT NOT NULL,
        sent_at_ms BIGINT
    );
    CREATE INDEX notifications_due ON notifications(sent_at_ms, send_after_ms);
    CREATE INDEX notifications_order ON notifications(tracking_id, kind, send_after_ms);
    CREATE TABLE seller_das (
        seller_id TEXT NOT NULL REFERENCES sellers(id),
        phone TEXT NOT NULL,
        added_at_ms BIGINT NOT NULL,
        PRIMARY KEY (seller_id, phone)
    );
    CREATE TABLE limits (
        key TEXT PRIMARY KEY,
        count BIGINT NOT NULL,
        since_ms BIGINT NOT NULL,
        last_ms BIGINT NOT NULL
    );
    CREATE INDEX limits_last ON limits(last_ms);",
    ),
    // v6: where an accepted scan happened, and when the phone's platform fixed that location.
    (
        6,
        "ALTER TABLE events ADD COLUMN latitude DOUBLE PRECISION;
    ALTER TABLE events ADD COLUMN longitude DOUBLE PRECISION;
    ALTER TABLE events ADD COLUMN accuracy_m DOUBLE PRECISION;
    ALTER TABLE events ADD COLUMN location_fix_ms BIGINT;",
    ),
    // v7: proof-of-delivery photos, problem reports, the server's secrets.
    (7, V7_PHOTOS_REPORTS),
    // v8: the DAs' last positions, the customer's e-mail and language, each notification's
    // sending, notifications of no scan event.
    (
        8,
        "CREATE TABLE positions (
        da_id TEXT PRIMARY KEY REFERENCES das(id),
        device_id TEXT NOT NULL,
        latitude DOUBLE PRECISION NOT NULL,
        longitude DOUBLE PRECISION NOT NULL,
        accuracy_m DOUBLE PRECISION NOT NULL,
        fix_ms BIGINT NOT NULL,
        received_at_ms BIGINT NOT NULL
    );
    ALTER TABLE orders ADD COLUMN customer_email TEXT;
    ALTER TABLE orders ADD COLUMN customer_language TEXT;
    ALTER TABLE notifications ALTER COLUMN event_id DROP NOT NULL;
    ALTER TABLE notifications ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE notifications ADD COLUMN next_try_ms BIGINT;
    ALTER TABLE notifications ADD COLUMN claimed_until_ms BIGINT;
    ALTER TABLE notifications ADD COLUMN email_state TEXT;
    ALTER TABLE notifications ADD COLUMN sms_state TEXT;",
    ),
    // v9: the sellers' Send to Amazon shipments and their boxes.
    (
        9,
        "CREATE TABLE shipments (
        seller_id TEXT NOT NULL REFERENCES sellers(id),
        shipment_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        carrier TEXT NOT NULL,
        status TEXT NOT NULL,
        pro_number TEXT,
        window_start_ms BIGINT,
        window_end_ms BIGINT,
        created_at_ms BIGINT NOT NULL,
        tracking_complete_at_ms BIGINT,
        shipped_at_ms BIGINT,
        delivered_at_ms BIGINT,
        PRIMARY KEY (seller_id, shipment_id)
    );
    CREATE INDEX shipments_delivered ON shipments(seller_id, delivered_at_ms);
    CREATE TABLE shipment_boxes (
        seller_id TEXT NOT NULL,
        shipment_id TEXT NOT NULL,
        box_no BIGINT NOT NULL,
        tracking_id TEXT,
        PRIMARY KEY (seller_id, shipment_id, box_no),
        FOREIGN KEY (seller_id, shipment_id) REFERENCES shipments(seller_id, shipment_id)
    );",
    ),
    // v10: the DA's day as a tracking page reads it.
    (10, V10_DA_DAY),
];

/// The database's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    migrate::version(conn)
}

/// Brings the schema up to [`VERSION`], one transaction per version. Runs with foreign keys off
/// (tables are rebuilt the way SQLite documents), checking them before each commit.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    migrate::run(conn, &SERVER)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both lists end at the version this server writes: a step added to one dialect only fails
    /// here, not on an operator's PostgreSQL.
    #[test]
    fn both_dialects_reach_the_same_version() {
        assert_eq!(POSTGRES.last().map(|(v, _)| *v), Some(VERSION));
        assert!(POSTGRES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// A version 2 database (a DA, its session, an order on its itinerary) migrates to version 3
    /// with everything kept and its foreign keys whole.
    #[test]
    fn version_2_migrates_to_3_keeping_accounts_and_sessions() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for step in &MIGRATIONS[..2] {
            let Step::Sql(sql) = step else { panic!("the first steps are SQL") };
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 2).unwrap();
        tx.execute_batch(
            "INSERT INTO sellers VALUES ('s', 'S', 1, 'a', 'a', 'Asia/Kolkata');
             INSERT INTO das VALUES ('da-1', 's', 'Ravi', '+919845012345', NULL, 'hash', 0);
             INSERT INTO sessions VALUES ('t', 'da-1', 's', 99, 0);
             INSERT INTO orders (order_id, tracking_id, seller_id, channel, customer_name, address, phone, shipped_at_ms, da_id)
                 VALUES ('o', 'EK1IN', 's', 'self-delivery', 'C', 'A', 'P', 0, 'da-1');",
        )
        .unwrap();
        tx.commit().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), VERSION);
        let da: (String, String) = conn.query_row("SELECT id, phone FROM das", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(da, ("da-1".to_string(), "+919845012345".to_string()));
        let session: String = conn.query_row("SELECT da_id FROM sessions WHERE token_hash = 't'", [], |r| r.get(0)).unwrap();
        assert_eq!(session, "da-1");
        let broken: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(broken, 0);
        // An account (and a session) may name a seller that does not exist.
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        conn.execute_batch(
            "INSERT INTO das VALUES ('da-2', 'nobody', 'X', '+919845000000', NULL, 'hash', 0);
             INSERT INTO sessions VALUES ('u', 'da-2', 'nobody', 99, 0);",
        )
        .unwrap();
        // Orders and sessions still point at accounts.
        assert!(conn.execute("INSERT INTO sessions VALUES ('v', 'da-9', 's', 99, 0)", []).is_err());
    }
}
