//! The storage layer: every table of the phone's database and all the SQL of the core live here,
//! one module per concept, each owning its tables. Nothing outside this layer holds a connection
//! or writes SQL (checked by `core/tests/module_graph.rs`).
//!
//! - [`db`]: opening the database ([`Store`]), reads and write transactions, checkpoints.
//! - [`migrate`]: the one migration runner (the phone's schema and the sync server's).
//! - [`schema`]: the phone's tables and their migrations.
//! - [`orders`], [`batch`], [`workflows`], [`outbox`], [`photos`] (the photo queue beside it),
//!   [`position`], [`refusals`], [`sync_state`], [`reports`], [`report_outbox`], [`vault_check`]:
//!   one concept each.
//! - [`error`]: SQLite's errors classified into [`crate::error::StorageError`].

pub(crate) mod batch;
pub(crate) mod db;
pub(crate) mod error;
pub mod migrate;
pub(crate) mod orders;
pub(crate) mod outbox;
pub(crate) mod photos;
pub(crate) mod position;
pub(crate) mod refusals;
pub(crate) mod report_outbox;
pub(crate) mod reports;
pub mod schema;
pub(crate) mod sync_state;
pub(crate) mod vault_check;
pub(crate) mod workflows;

pub use db::StoreOptions;
pub(crate) use db::Store;
