//! Customer notifications for Shipped, Out for Delivery, Delivered, Undeliverable and Rejected:
//! produced when the order is uploaded with its tracking ID or the event is accepted (never for a
//! refused event), held back outside working hours (06:00 to 22:00 in the seller's marketplace,
//! where its customers are), so no customer's phone buzzes at night, and sent by the server's
//! sender ([`send_due`], run in the background by [`crate::serve`]) through [`crate::outbound`],
//! in the customer's language ([`crate::messages`]). A customer gets at most one Undeliverable
//! notification per order per local day (the day it is sent on).
//!
//! Sending: a sender claims due notifications in one write transaction (locked, so two server
//! processes never claim the same one) for [`CLAIM_LEASE`]; each channel's outcome (e-mail, SMS)
//! is recorded on its own, so a retry sends only what has not gone yet; a transient failure is
//! tried again after [`crate::outbound::retry_after`] (and again only inside working hours). A
//! sender that dies between sending and recording leaves its claim to expire: the message goes
//! again with the same idempotency key (the gateway's deduplication, the e-mail's Message-ID).
//! Contacts (e-mail, phone) are never logged.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use track_core::Marketplace;
use track_core::event::{RejectReason, ScanKind, UndeliverableReason};
use track_core::order::TrackingId;

use crate::app::App;
use crate::args;
use crate::error::Failure;
use crate::messages::{Language, Update};
use crate::outbound::SendError;
use crate::store::Tx;

/// How long a sender's claim on a notification lasts: after that (a sender that died mid-send)
/// another sender takes it over.
pub const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// The most notifications one round of the sender claims.
const CLAIM_BATCH: i64 = 50;
/// After this many failed rounds a channel still not sent is given up (about a day of hourly tries).
pub const MAX_ATTEMPTS: i64 = 30;

/// What a notification tells the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationKind {
    #[serde(rename = "shipped")]
    Shipped,
    #[serde(rename = "ofd")]
    OutForDelivery,
    #[serde(rename = "delivered")]
    Delivered,
    #[serde(rename = "undeliverable")]
    Undeliverable,
    #[serde(rename = "rejected")]
    Rejected,
}

impl NotificationKind {
    /// The stable code in the database and on the wire (a scan's kind code for scan events).
    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::Shipped => "shipped",
            NotificationKind::OutForDelivery => ScanKind::OutForDelivery.code(),
            NotificationKind::Delivered => ScanKind::Delivered.code(),
            NotificationKind::Undeliverable => ScanKind::Undeliverable.code(),
            NotificationKind::Rejected => ScanKind::Rejected.code(),
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::Shipped, Self::OutForDelivery, Self::Delivered, Self::Undeliverable, Self::Rejected].into_iter().find(|k| k.code() == code)
    }

    /// The notification of an accepted scan of `kind`, if it has one (leaving the itinerary has none).
    pub fn of_scan(kind: ScanKind) -> Option<Self> {
        match kind {
            ScanKind::OutForDelivery => Some(Self::OutForDelivery),
            ScanKind::Delivered => Some(Self::Delivered),
            ScanKind::Undeliverable => Some(Self::Undeliverable),
            ScanKind::Rejected => Some(Self::Rejected),
            ScanKind::LeftItinerary => None,
        }
    }
}

/// What became of one channel of a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelState {
    Sent,
    /// Refused for good (a bad address, the gateway's 4xx) or given up after [`MAX_ATTEMPTS`].
    Failed,
    /// The order has no such contact.
    NoAddress,
    /// The server has no such transport configured.
    NotConfigured,
}

impl ChannelState {
    pub fn code(self) -> &'static str {
        match self {
            ChannelState::Sent => "sent",
            ChannelState::Failed => "failed",
            ChannelState::NoAddress => "no-address",
            ChannelState::NotConfigured => "not-configured",
        }
    }

    fn parse(code: &str) -> Option<Self> {
        [Self::Sent, Self::Failed, Self::NoAddress, Self::NotConfigured].into_iter().find(|s| s.code() == code)
    }
}

/// When a notification produced at `now` may be sent: now during working hours, else at the next
/// opening.
pub fn send_after(market: &Marketplace, now: DateTime<Utc>) -> DateTime<Utc> {
    if market.is_open(now) {
        return now;
    }
    let today = market.day_of(now);
    let opening = market.local_instant(today, market.opens_at());
    if now < opening {
        opening
    } else {
        today.succ_opt().map(|d| market.local_instant(d, market.opens_at())).unwrap_or(opening)
    }
}

/// The notifications a batch of scan events scheduled, not in the database yet: inserted
/// together ([`Scheduled::insert`]) once their events are (a notification names its event).
#[derive(Default)]
pub(crate) struct Scheduled(Vec<ScheduledRow>);

/// One scheduled notification: event ID, tracking ID, kind, created and send-after times.
struct ScheduledRow {
    event_id: String,
    tracking_id: String,
    kind: NotificationKind,
    created_at_ms: i64,
    send_after_ms: i64,
}

impl Scheduled {
    /// Inserts the scheduled notifications (after their events): few statements for many rows.
    pub(crate) fn insert(&mut self, tx: &Tx<'_>) -> Result<(), crate::store::DbError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let rows: Vec<Vec<crate::store::Value>> = self
            .0
            .iter()
            .map(|n| args![n.event_id, n.tracking_id, n.kind.code(), n.created_at_ms, n.send_after_ms].to_vec())
            .collect();
        tx.defer_insert_rows("notifications (event_id, tracking_id, kind, created_at_ms, send_after_ms)", &rows, "")?;
        self.0.clear();
        Ok(())
    }

    /// Scheduled here (not inserted yet) for the order, of this kind, to be sent in `[from, to)`.
    fn has(&self, tracking_id: &str, kind: NotificationKind, from: i64, to: i64) -> bool {
        self.0.iter().any(|n| n.tracking_id == tracking_id && n.kind == kind && (from..to).contains(&n.send_after_ms))
    }
}

/// Schedules the customer's notification of an accepted event, if its kind has one, into
/// `scheduled` (inserted with [`Scheduled::insert`]).
pub(crate) fn schedule(
    tx: &Tx<'_>,
    market: &Marketplace,
    event_id: &str,
    tracking_id: &TrackingId,
    kind: ScanKind,
    now: DateTime<Utc>,
    scheduled: &mut Scheduled,
) -> Result<(), Failure> {
    let Some(kind) = NotificationKind::of_scan(kind) else {
        return Ok(());
    };
    let after = send_after(market, now);
    if kind == NotificationKind::Undeliverable {
        let (from, to) = market.day_range(market.day_of(after));
        let (from, to) = (from.timestamp_millis(), to.timestamp_millis());
        let sent_that_day: i64 = tx.query_row(
            "SELECT COUNT(*) FROM notifications WHERE tracking_id = ?1 AND kind = ?2 AND send_after_ms >= ?3 AND send_after_ms < ?4",
            args![tracking_id.as_str(), kind.code(), from, to],
            |r| r.get(0),
        )?;
        if sent_that_day > 0 || scheduled.has(tracking_id.as_str(), kind, from, to) {
            log::info!("undeliverable notification for {} skipped: the customer has one for that day", tracking_id.redacted());
            return Ok(());
        }
    }
    scheduled.0.push(ScheduledRow {
        event_id: event_id.to_string(),
        tracking_id: tracking_id.as_str().to_string(),
        kind,
        created_at_ms: now.timestamp_millis(),
        send_after_ms: after.timestamp_millis(),
    });
    Ok(())
}

/// Queues the customer's Shipped notification of an order uploaded with its tracking ID (once
/// per tracking ID).
pub(crate) fn schedule_shipped(tx: &Tx<'_>, market: &Marketplace, tracking_id: &TrackingId, now: DateTime<Utc>) -> Result<(), Failure> {
    let shipped = NotificationKind::Shipped.code();
    let known: i64 =
        tx.query_row("SELECT COUNT(*) FROM notifications WHERE tracking_id = ?1 AND kind = ?2", args![tracking_id.as_str(), shipped], |r| r.get(0))?;
    if known == 0 {
        tx.execute(
            "INSERT INTO notifications (tracking_id, kind, created_at_ms, send_after_ms) VALUES (?1, ?2, ?3, ?4)",
            args![tracking_id.as_str(), shipped, now.timestamp_millis(), send_after(market, now).timestamp_millis()],
        )?;
    }
    Ok(())
}

/// One notification handed to the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub tracking_id: String,
    pub kind: NotificationKind,
    pub created_at: DateTime<Utc>,
    pub send_after: DateTime<Utc>,
}

impl App {
    /// Takes the notifications due now (marking them sent) for an outside sender to deliver
    /// (`POST /v1/admin/notifications/take`); those the server's own sender has claimed or tried
    /// are its own.
    pub fn take_due_notifications(&self) -> Result<Vec<Notification>, Failure> {
        let now = self.now().timestamp_millis();
        self.write(|tx| {
            // Each due notification is handed to one sender.
            tx.lock("notifications")?;
            let rows = tx.query(
                "SELECT tracking_id, kind, created_at_ms, send_after_ms FROM notifications
                 WHERE sent_at_ms IS NULL AND send_after_ms <= ?1 AND attempts = 0 AND claimed_until_ms IS NULL
                 ORDER BY send_after_ms, id",
                args![now],
                |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?, r.get::<i64>(2)?, r.get::<i64>(3)?)),
            )?;
            let mut due = Vec::new();
            for (tracking_id, kind, created, after) in rows {
                let kind = NotificationKind::parse(&kind).ok_or_else(|| Failure::internal(format!("unknown notification kind {kind:?}")))?;
                let (Some(created_at), Some(send_after)) = (DateTime::from_timestamp_millis(created), DateTime::from_timestamp_millis(after)) else {
                    continue;
                };
                due.push(Notification { tracking_id, kind, created_at, send_after });
            }
            tx.execute(
                "UPDATE notifications SET sent_at_ms = ?1 WHERE sent_at_ms IS NULL AND send_after_ms <= ?1 AND attempts = 0 AND claimed_until_ms IS NULL",
                args![now],
            )?;
            Ok(due)
        })
    }
}

/// A notification a sender has claimed, with what its message needs.
#[derive(Debug, Clone)]
struct Claimed {
    id: i64,
    /// The idempotency key's stem: the event's ID, or `shipped-` and the tracking ID.
    key: String,
    tracking_id: String,
    update: Option<Update>,
    seller: String,
    email: Option<String>,
    phone: Option<String>,
    language: Language,
    email_state: Option<ChannelState>,
    sms_state: Option<ChannelState>,
    attempts: i64,
    market: Marketplace,
}

/// What one round of the sender did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SendRound {
    /// Notifications claimed this round.
    pub claimed: usize,
    /// Messages sent (each channel counts).
    pub sent: usize,
    /// Channels that failed for now and are tried again later.
    pub retried: usize,
    /// Channels that failed for good.
    pub failed: usize,
}

/// The row a claim reads.
type DueRow = (i64, Option<String>, String, String, Option<String>, String, String, Option<String>, String, Option<String>, Option<String>, Option<String>, i64);

impl App {
    /// Claims the notifications due now for this sender (for [`CLAIM_LEASE`]): due, not sent,
    /// not claimed by another sender, inside the working hours of their seller's marketplace.
    fn claim_due(&self) -> Result<Vec<Claimed>, Failure> {
        let now = self.now();
        let now_ms = now.timestamp_millis();
        self.write(|tx| {
            // One claim at a time, whichever process runs it.
            tx.lock("notifications")?;
            let rows: Vec<DueRow> = tx.query(
                "SELECT n.id, n.event_id, n.tracking_id, n.kind, e.reason, s.name, s.time_zone, o.customer_email, o.phone,
                        o.customer_language, n.email_state, n.sms_state, n.attempts
                 FROM notifications n JOIN orders o ON o.tracking_id = n.tracking_id JOIN sellers s ON s.id = o.seller_id
                 LEFT JOIN events e ON e.event_id = n.event_id
                 WHERE n.sent_at_ms IS NULL AND n.send_after_ms <= ?1 AND COALESCE(n.next_try_ms, 0) <= ?1
                   AND COALESCE(n.claimed_until_ms, 0) <= ?1
                 ORDER BY n.send_after_ms, n.id LIMIT ?2",
                args![now_ms, CLAIM_BATCH],
                |r| {
                    Ok((
                        r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?,
                        r.get(10)?, r.get(11)?, r.get(12)?,
                    ))
                },
            )?;
            let mut claimed = Vec::new();
            for (id, event_id, tracking_id, kind, reason, seller, zone, email, phone, language, email_state, sms_state, attempts) in rows {
                let market = Marketplace::in_zone(&zone).unwrap_or_else(|_| Marketplace::india());
                if !market.is_open(now) {
                    continue;
                }
                let update = NotificationKind::parse(&kind).and_then(|k| update_of(k, reason.as_deref()));
                let key = event_id.unwrap_or_else(|| format!("shipped-{tracking_id}"));
                let until = (now + CLAIM_LEASE).timestamp_millis();
                tx.execute("UPDATE notifications SET claimed_until_ms = ?2 WHERE id = ?1", args![id, until])?;
                claimed.push(Claimed {
                    id,
                    key,
                    tracking_id,
                    update,
                    seller,
                    email: email.filter(|e| !e.trim().is_empty()),
                    phone: Some(phone).filter(|p| !p.trim().is_empty()),
                    language: Language::from_tag(language.as_deref().unwrap_or("en")),
                    email_state: email_state.as_deref().and_then(ChannelState::parse),
                    sms_state: sms_state.as_deref().and_then(ChannelState::parse),
                    attempts,
                    market,
                });
            }
            Ok(claimed)
        })
    }

    /// Records what one round did with a claimed notification and releases the claim: sent when
    /// every channel has an outcome, else tried again after the backoff, inside working hours.
    fn record_round(&self, n: &Claimed, email: Option<ChannelState>, sms: Option<ChannelState>) -> Result<(), Failure> {
        let now = self.now();
        let attempts = n.attempts.saturating_add(1);
        let (email, sms, done) = match (email, sms) {
            (Some(e), Some(s)) => (Some(e), Some(s), true),
            (e, s) if attempts >= MAX_ATTEMPTS => {
                log::warn!("notification {} for {}: given up after {attempts} attempts", n.id, redacted(&n.tracking_id));
                (e.or(Some(ChannelState::Failed)), s.or(Some(ChannelState::Failed)), true)
            }
            (e, s) => (e, s, false),
        };
        let wait = chrono::Duration::from_std(crate::outbound::retry_after(u32::try_from(attempts).unwrap_or(u32::MAX)))
            .unwrap_or(chrono::Duration::hours(1));
        let next_try = send_after(&n.market, now + wait);
        self.write(|tx| {
            tx.execute(
                "UPDATE notifications SET email_state = ?2, sms_state = ?3, attempts = ?4, claimed_until_ms = NULL,
                        next_try_ms = ?5, sent_at_ms = ?6 WHERE id = ?1",
                args![
                    n.id,
                    email.map(ChannelState::code),
                    sms.map(ChannelState::code),
                    attempts,
                    (!done).then(|| next_try.timestamp_millis()),
                    done.then(|| now.timestamp_millis())
                ],
            )?;
            Ok(())
        })
    }
}

/// The message of a notification kind (`None`: a stored reason that names no reason code).
fn update_of(kind: NotificationKind, reason: Option<&str>) -> Option<Update> {
    Some(match kind {
        NotificationKind::Shipped => Update::Shipped,
        NotificationKind::OutForDelivery => Update::OutForDelivery,
        NotificationKind::Delivered => Update::Delivered,
        NotificationKind::Undeliverable => Update::Undeliverable(UndeliverableReason::parse(reason?).ok()?),
        NotificationKind::Rejected => Update::Rejected(RejectReason::parse(reason?).ok()?),
    })
}

fn redacted(tracking_id: &str) -> String {
    TrackingId::parse(tracking_id).map(|t| t.redacted()).unwrap_or_else(|_| "an order".into())
}

/// A channel's outcome after one attempt: `None` when it is tried again later. Never names the
/// address (an SMTP server's refusal may quote it).
fn outcome(n: &Claimed, channel: &str, result: Result<(), SendError>, round: &mut SendRound) -> Option<ChannelState> {
    match result {
        Ok(()) => {
            round.sent += 1;
            Some(ChannelState::Sent)
        }
        Err(SendError::NotConfigured(_)) => Some(ChannelState::NotConfigured),
        Err(e) if e.is_transient() => {
            log::info!("notification {} ({channel}) for {}: {}; tried again later", n.id, redacted(&n.tracking_id), e.summary());
            round.retried += 1;
            None
        }
        Err(e) => {
            log::warn!("notification {} ({channel}) for {}: {}; not sent", n.id, redacted(&n.tracking_id), e.summary());
            round.failed += 1;
            Some(ChannelState::Failed)
        }
    }
}

/// One round of the server's sender: claims the notifications due now (by the server's clock),
/// sends each channel not sent yet, records the outcomes. A server without transports
/// ([`crate::app::Config::notifications`]) sends nothing.
pub async fn send_due(app: &Arc<App>) -> Result<SendRound, Failure> {
    let Some(outbound) = app.outbound() else { return Ok(SendRound::default()) };
    let claimer = app.clone();
    let claimed = blocking(move || claimer.claim_due()).await?;
    let mut round = SendRound { claimed: claimed.len(), ..SendRound::default() };
    for n in claimed {
        let (email, sms) = match n.update {
            None => {
                log::warn!("notification {} for {}: its event's reason is unreadable; not sent", n.id, redacted(&n.tracking_id));
                (Some(ChannelState::Failed), Some(ChannelState::Failed))
            }
            Some(update) => {
                let url = format!("{}/v1/tracking/{}", app.config().public_url.trim_end_matches('/'), n.tracking_id);
                let message = crate::messages::render(update, n.language, &n.seller, &n.tracking_id, &url);
                let email = match (n.email_state, n.email.as_deref()) {
                    (Some(done), _) => Some(done),
                    (None, None) => Some(ChannelState::NoAddress),
                    (None, Some(to)) => {
                        let sent = outbound.email(to, n.language, &message, &format!("{}.email", n.key)).await;
                        outcome(&n, "e-mail", sent, &mut round)
                    }
                };
                let sms = match (n.sms_state, n.phone.as_deref()) {
                    (Some(done), _) => Some(done),
                    (None, None) => Some(ChannelState::NoAddress),
                    (None, Some(to)) => {
                        let sent = outbound.sms(to, n.language, &message, &format!("{}.sms", n.key)).await;
                        outcome(&n, "SMS", sent, &mut round)
                    }
                };
                (email, sms)
            }
        };
        let recorder = app.clone();
        blocking(move || recorder.record_round(&n, email, sms)).await?;
    }
    Ok(round)
}

/// Runs blocking database work off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, Failure> + Send + 'static) -> Result<T, Failure> {
    tokio::task::spawn_blocking(f).await.map_err(|e| Failure::internal(format!("the notification sender stopped: {e}")))?
}

/// The server's sender, every [`crate::app::Config::send_every`] while the server runs.
pub(crate) async fn send_forever(app: Arc<App>) {
    let mut every = tokio::time::interval(app.config().send_every);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(e) = send_due(&app).await {
            log::error!("sending notifications failed: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_outside_working_hours() {
        let m = Marketplace::india();
        let at = |d: &str, t: &str| m.local_instant(d.parse().unwrap(), t.parse().unwrap());
        assert_eq!(send_after(&m, at("2026-11-23", "05:59:00")), at("2026-11-23", "06:00:00"));
        assert_eq!(send_after(&m, at("2026-11-23", "06:00:00")), at("2026-11-23", "06:00:00"));
        assert_eq!(send_after(&m, at("2026-11-23", "21:59:00")), at("2026-11-23", "21:59:00"));
        assert_eq!(send_after(&m, at("2026-11-23", "22:00:00")), at("2026-11-24", "06:00:00"));
        assert_eq!(send_after(&m, at("2026-11-23", "23:30:00")), at("2026-11-24", "06:00:00"));
    }
}
