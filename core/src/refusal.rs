//! The server's refusals of synced events, as the phone keeps them: the reason with its stable
//! code ([`RefusalReason`], the sync protocol's `rejected` codes, with [`RefusalReason::Unknown`]
//! for a code this version does not know) and the refused scan with the server's message and when
//! the phone learned of it ([`RefusedScan`]). Owns these types; the rows are kept by
//! [`crate::storage::refusals`], written by the sync client in the transaction that marks the
//! event rejected.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::coded::coded_enum;
use crate::event::OutboxEvent;

coded_enum! {
    /// Why the server refused an event for good (`docs/sync-protocol.md`, status `rejected`).
    pub enum RefusalReason ("refusal reason") {
        /// The server knows no such order (or it is another seller's).
        UnknownOrder = "unknown_order", "Unknown order (or another seller's)";
        OrderMismatch = "order_mismatch", "The order ID does not match the tracking ID";
        NotSelfDelivery = "not_self_delivery", "Not a Self-Delivery order";
        InvalidTransition = "invalid_transition", "Not possible in the order's state";
        /// The order is out for delivery with another DA.
        NotOnYourItinerary = "not_on_your_itinerary", "Out with another delivery associate";
        OutsideWorkingHours = "outside_working_hours", "Outside working hours";
        /// The phone's clock ran more than 10 minutes ahead of the server's.
        AheadOfServerClock = "ahead_of_server_clock", "The phone's clock is ahead";
        BeforeShipment = "before_shipment", "Before the order was shipped";
        AttemptsExhausted = "attempts_exhausted", "No delivery attempts left today";
        OutOfOrder = "out_of_order", "Out of order";
        TimeOutOfRange = "time_out_of_range", "The scan's time is not plausible";
        LocalOffsetOutOfRange = "local_offset_out_of_range", "The scan's time zone is not plausible";
        MissingReason = "missing_reason", "Reason missing";
        InvalidReason = "invalid_reason", "Reason not valid";
        UnexpectedReason = "unexpected_reason", "Reason not expected";
        MissingRecipient = "missing_recipient", "Recipient missing";
        UnexpectedRecipient = "unexpected_recipient", "Recipient not expected";
        InvalidRecipient = "invalid_recipient", "Recipient not valid";
        InvalidLocation = "invalid_location", "Location not valid";
        InvalidPodPhoto = "invalid_pod_photo", "Photo reference not valid";
        InvalidSeq = "invalid_seq", "Sequence number not valid";
        InvalidId = "invalid_id", "ID not valid";
        InvalidTrackingId = "invalid_tracking_id", "Tracking ID not valid";
        InvalidOrderId = "invalid_order_id", "Order ID not valid";
        /// The event's ID was already used by another device.
        EventIdTaken = "event_id_taken", "Event ID already used";
        /// The server could not check the event (its own data was unreadable).
        ServerError = "server_error", "The server could not check the scan";
        /// A code this version does not know (a newer server): the refusal's `code` keeps it.
        Unknown = "unknown", "Refused";
    }
}

impl RefusalReason {
    /// The reason of a server code; [`RefusalReason::Unknown`] for a code this version does not
    /// know (matched exactly: codes are stable).
    pub fn of_code(code: &str) -> Self {
        Self::ALL.iter().copied().find(|r| r.code() == code).unwrap_or(Self::Unknown)
    }
}

/// A scan the server refused for good, as the phone keeps it for the DA.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefusedScan {
    /// The refused event (state `rejected`).
    pub event: OutboxEvent,
    pub reason: RefusalReason,
    /// The server's code as sent (also when [`RefusalReason::Unknown`]).
    pub code: String,
    /// The server's message for the DA.
    pub message: String,
    /// When the phone received the refusal (the phone's clock).
    pub refused_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_unknown_ones_fall_back() {
        assert_eq!(RefusalReason::of_code("not_on_your_itinerary"), RefusalReason::NotOnYourItinerary);
        assert_eq!(RefusalReason::of_code("ahead_of_server_clock"), RefusalReason::AheadOfServerClock);
        assert_eq!(RefusalReason::of_code("teleported"), RefusalReason::Unknown);
        assert_eq!(RefusalReason::of_code("Not_On_Your_Itinerary"), RefusalReason::Unknown);
        for r in RefusalReason::ALL {
            assert_eq!(RefusalReason::of_code(r.code()), *r);
        }
    }
}
