//! The DA's day as one session object, [`Day`]: it owns the database ([`Store`]), the vault that
//! seals customer details, the camera's scanner and the marketplace (time zone, working hours),
//! over one clock. The bindings, the CLI and the tests hold one of these and nothing else.
//! This file opens the session and imports orders; the rules live in the sibling modules.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};

use crate::clock::Clock;
use crate::error::Error;
use crate::marketplace::Marketplace;
use crate::order::Order;
use crate::scan::{Scanner, ScannerConfig};
use crate::storage::{Store, StoreOptions, batch, orders, reports, vault_check};
use crate::vault::Vault;

/// The DA's day, over one database, one vault, one scanner, one marketplace and one clock.
pub struct Day {
    pub(super) store: Store,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) market: Marketplace,
    pub(super) vault: Vault,
    pub(super) scanner: Mutex<Scanner>,
    pub(super) event_retention_days: u32,
}

impl Day {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: impl AsRef<Path>, clock: Arc<dyn Clock>, market: Marketplace) -> Result<Self, Error> {
        Self::open_with(path, &StoreOptions::default(), clock, market)
    }

    pub fn open_with(path: impl AsRef<Path>, options: &StoreOptions, clock: Arc<dyn Clock>, market: Marketplace) -> Result<Self, Error> {
        let vault = Vault::new(options.key.as_ref());
        let store = Store::open(path.as_ref(), options)?;
        vault_check::setup(&store, &vault)?;
        let day = Self::with(store, vault, options, clock, market);
        day.refresh_scanner();
        Ok(day)
    }

    /// A day kept in memory only (tests, dry runs).
    pub fn in_memory(clock: Arc<dyn Clock>, market: Marketplace) -> Result<Self, Error> {
        let options = StoreOptions::default();
        Ok(Self::with(Store::in_memory(&options)?, Vault::new(None), &options, clock, market))
    }

    fn with(store: Store, vault: Vault, options: &StoreOptions, clock: Arc<dyn Clock>, market: Marketplace) -> Self {
        Self {
            store,
            clock,
            market,
            vault,
            scanner: Mutex::new(Scanner::default()),
            event_retention_days: options.event_retention_days.unwrap_or(14),
        }
    }

    /// The same day with a scanner of other settings (the batch it knows is kept).
    pub fn with_scanner(self, config: ScannerConfig) -> Self {
        let day = Self { scanner: Mutex::new(Scanner::new(config)), ..self };
        day.refresh_scanner();
        day
    }

    pub fn marketplace(&self) -> &Marketplace {
        &self.market
    }

    /// The current instant by this day's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's local day by this day's clock.
    pub fn today(&self) -> NaiveDate {
        self.market.day_of(self.clock.now())
    }

    /// The database, for the core's services that keep their state there (sync, reports).
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    pub(super) fn scanner(&self) -> MutexGuard<'_, Scanner> {
        // A panic while scanning leaves at worst a half-updated read history: still usable.
        self.scanner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Tells the scanner which labels are in today's batch (after every change of the batch).
    pub(super) fn refresh_scanner(&self) {
        let today = self.today();
        match self.store.read(|db| batch::labels(db, Some(today))) {
            Ok(ids) => self.scanner().set_scanned(ids),
            Err(e) => log::warn!("the scanner could not learn the batch: {}", e.kind()),
        }
    }

    /// Adds or updates orders (customer details and seller; never the status).
    /// A tracking ID already used by another order is refused.
    pub fn import_orders(&self, list: &[Order]) -> Result<usize, Error> {
        let now = self.clock.now();
        self.store.write(|db| list.iter().try_for_each(|o| orders::import(db, &self.vault, o, now)))?;
        log::info!("imported {} orders", list.len());
        Ok(list.len())
    }

    /// Records the kind of an error the DA met (never its message), for problem reports.
    pub fn record_error(&self, error: &Error) {
        let now = self.now();
        if let Err(e) = self.store.write(|db| reports::record_error(db, error.kind(), now)) {
            log::warn!("could not record an error for problem reports: {}", e.kind());
        }
    }

    /// Moves the write-ahead log into the database file and empties it.
    pub fn checkpoint(&self) -> Result<(), Error> {
        self.store.checkpoint()
    }
}
