//! The life of an order: which status an event moves it to, or why that event cannot follow the
//! order's status. Owns the one transition function, [`next`], shared by the phone's day
//! ([`crate::day`]), the sync server's event intake and the CLI. Nothing else decides a status.

use crate::event::ScanKind;
use crate::order::OrderStatus;

/// Why an event cannot follow an order's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Refusal {
    #[error("the order was already delivered")]
    AlreadyDelivered,
    #[error("the order was rejected and is returning to the seller")]
    ReturnedToSeller,
    #[error("the order is already out for delivery")]
    AlreadyOutForDelivery,
    #[error("the order is not out for delivery: scan it Out for Delivery first")]
    NotOutForDelivery,
}

impl Refusal {
    /// A stable code for the refusal.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::AlreadyDelivered => "already-delivered",
            Refusal::ReturnedToSeller => "returned-to-seller",
            Refusal::AlreadyOutForDelivery => "already-out-for-delivery",
            Refusal::NotOutForDelivery => "not-out-for-delivery",
        }
    }
}

/// The status an event of `kind` moves an order in `status` to, or why it cannot.
///
/// - Delivered and Rejected are final: every event after them is refused.
/// - Out for Delivery takes a Pending or Undeliverable order out (again).
/// - Delivered, Undeliverable and Rejected need the order out (or attempted and undeliverable).
/// - Leaving the itinerary at day close takes an order still out back to Pending.
pub fn next(status: OrderStatus, kind: ScanKind) -> Result<OrderStatus, Refusal> {
    use OrderStatus as S;
    match (status, kind) {
        (S::Delivered, _) => Err(Refusal::AlreadyDelivered),
        (S::Rejected, _) => Err(Refusal::ReturnedToSeller),
        (S::Pending | S::Undeliverable, ScanKind::OutForDelivery) => Ok(S::OutForDelivery),
        (S::OutForDelivery, ScanKind::OutForDelivery) => Err(Refusal::AlreadyOutForDelivery),
        (S::OutForDelivery | S::Undeliverable, ScanKind::Delivered) => Ok(S::Delivered),
        (S::OutForDelivery | S::Undeliverable, ScanKind::Undeliverable) => Ok(S::Undeliverable),
        (S::OutForDelivery | S::Undeliverable, ScanKind::Rejected) => Ok(S::Rejected),
        (S::OutForDelivery, ScanKind::LeftItinerary) => Ok(S::Pending),
        (S::Pending, _) | (S::Undeliverable, ScanKind::LeftItinerary) => Err(Refusal::NotOutForDelivery),
    }
}

/// Folds a sequence of events over a starting status: the status after each event, or the
/// refusal of an event (which leaves the status unchanged).
pub fn replay(start: OrderStatus, kinds: &[ScanKind]) -> Vec<Result<OrderStatus, Refusal>> {
    let mut status = start;
    kinds
        .iter()
        .map(|kind| {
            let step = next(status, *kind);
            if let Ok(s) = step {
                status = s;
            }
            step
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus as S;
    use ScanKind as K;

    /// Every status × every event, written out: the table is the specification.
    #[test]
    fn every_status_and_every_event() {
        use Refusal::*;
        let table: &[(S, K, Result<S, Refusal>)] = &[
            (S::Pending, K::OutForDelivery, Ok(S::OutForDelivery)),
            (S::Pending, K::Delivered, Err(NotOutForDelivery)),
            (S::Pending, K::Undeliverable, Err(NotOutForDelivery)),
            (S::Pending, K::Rejected, Err(NotOutForDelivery)),
            (S::Pending, K::LeftItinerary, Err(NotOutForDelivery)),
            (S::OutForDelivery, K::OutForDelivery, Err(AlreadyOutForDelivery)),
            (S::OutForDelivery, K::Delivered, Ok(S::Delivered)),
            (S::OutForDelivery, K::Undeliverable, Ok(S::Undeliverable)),
            (S::OutForDelivery, K::Rejected, Ok(S::Rejected)),
            (S::OutForDelivery, K::LeftItinerary, Ok(S::Pending)),
            (S::Delivered, K::OutForDelivery, Err(AlreadyDelivered)),
            (S::Delivered, K::Delivered, Err(AlreadyDelivered)),
            (S::Delivered, K::Undeliverable, Err(AlreadyDelivered)),
            (S::Delivered, K::Rejected, Err(AlreadyDelivered)),
            (S::Delivered, K::LeftItinerary, Err(AlreadyDelivered)),
            (S::Undeliverable, K::OutForDelivery, Ok(S::OutForDelivery)),
            (S::Undeliverable, K::Delivered, Ok(S::Delivered)),
            (S::Undeliverable, K::Undeliverable, Ok(S::Undeliverable)),
            (S::Undeliverable, K::Rejected, Ok(S::Rejected)),
            (S::Undeliverable, K::LeftItinerary, Err(NotOutForDelivery)),
            (S::Rejected, K::OutForDelivery, Err(ReturnedToSeller)),
            (S::Rejected, K::Delivered, Err(ReturnedToSeller)),
            (S::Rejected, K::Undeliverable, Err(ReturnedToSeller)),
            (S::Rejected, K::Rejected, Err(ReturnedToSeller)),
            (S::Rejected, K::LeftItinerary, Err(ReturnedToSeller)),
        ];
        // The table covers every pair exactly once.
        assert_eq!(table.len(), S::ALL.len() * K::ALL.len());
        for s in S::ALL {
            for k in K::ALL {
                let rows: Vec<_> = table.iter().filter(|(ts, tk, _)| ts == s && tk == k).collect();
                assert_eq!(rows.len(), 1, "{s:?} × {k:?} appears {} times", rows.len());
                assert_eq!(next(*s, *k), rows[0].2, "{s:?} × {k:?}");
            }
        }
    }

    #[test]
    fn refusals_read_as_before() {
        assert_eq!(Refusal::AlreadyDelivered.to_string(), "the order was already delivered");
        assert_eq!(
            Refusal::NotOutForDelivery.to_string(),
            "the order is not out for delivery: scan it Out for Delivery first"
        );
        let codes: std::collections::HashSet<_> =
            [Refusal::AlreadyDelivered, Refusal::ReturnedToSeller, Refusal::AlreadyOutForDelivery, Refusal::NotOutForDelivery]
                .iter()
                .map(|r| r.code())
                .collect();
        assert_eq!(codes.len(), 4);
    }

    #[test]
    fn replay_keeps_the_status_on_a_refusal() {
        let steps = replay(S::Pending, &[K::Delivered, K::OutForDelivery, K::Undeliverable, K::LeftItinerary, K::Delivered, K::OutForDelivery]);
        assert_eq!(
            steps,
            vec![
                Err(Refusal::NotOutForDelivery),
                Ok(S::OutForDelivery),
                Ok(S::Undeliverable),
                Err(Refusal::NotOutForDelivery),
                Ok(S::Delivered),
                Err(Refusal::AlreadyDelivered),
            ]
        );
    }
}
