//! The one migration runner, for the phone's schema ([`super::schema`]) and the sync server's:
//! the version lives in `PRAGMA user_version`, and each step runs in one transaction together
//! with its version bump, so a database is always at exactly one known version, even after a
//! crash in the middle of a migration.

use rusqlite::{Connection, OptionalExtension, Transaction};

/// One step of a schema: SQL, or code for what SQL alone cannot do (such as rebuilding rows).
#[derive(Clone, Copy)]
pub enum Step {
    Sql(&'static str),
    Code(fn(&Transaction<'_>) -> rusqlite::Result<()>),
}

/// A schema: its name (for logs) and its steps; step `i` takes a database from version `i` to
/// `i + 1`.
pub struct Schema {
    pub name: &'static str,
    pub steps: &'static [Step],
    /// Run with foreign keys off (tables rebuilt the way SQLite documents) and check them before
    /// each commit. Foreign keys stay off afterwards: the caller turns them on.
    pub check_foreign_keys: bool,
}

impl Schema {
    /// The version this schema's last step reaches.
    pub const fn version(&self) -> i64 {
        self.steps.len() as i64
    }
}

/// The database's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database up to the schema's version, one transaction per step. A database newer
/// than the schema is the caller's to refuse (before anything is written); here it is left alone.
pub fn run(conn: &mut Connection, schema: &Schema) -> rusqlite::Result<()> {
    if schema.check_foreign_keys {
        conn.pragma_update(None, "foreign_keys", "OFF")?;
    }
    let found = version(conn)?.max(0);
    for (i, step) in schema.steps.iter().enumerate() {
        let target = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        if found >= target {
            continue;
        }
        let tx = conn.transaction()?;
        match step {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Code(f) => f(&tx)?,
        }
        if schema.check_foreign_keys {
            let broken: Option<String> =
                tx.query_row("SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1", [], |r| r.get(0)).optional()?;
            if let Some(table) = broken {
                log::error!("{} migration to version {target} breaks a foreign key of {table}", schema.name);
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                    Some(format!("migration {target} breaks a foreign key of {table}")),
                ));
            }
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
        log::info!("{} migrated to version {target}", schema.name);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    static TWO: Schema = Schema {
        name: "test schema",
        steps: &[Step::Sql("CREATE TABLE a (x INTEGER);"), Step::Sql("CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);")],
        check_foreign_keys: false,
    };

    /// A failing step leaves the database at the version before it, with nothing of the step.
    #[test]
    fn a_failed_step_leaves_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(run(&mut conn, &TWO).is_err());
        assert_eq!(version(&conn).unwrap(), 1);
        assert!(conn.execute("INSERT INTO a VALUES (1)", []).is_ok());
        assert!(conn.execute("INSERT INTO b VALUES (1)", []).is_err());
    }
}
