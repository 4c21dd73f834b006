//! Orders as the DA's phone knows them: identifiers, fulfilment channel, customer and status.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Error;
pub use crate::status::{Channel, OrderStatus};

/// An Amazon order ID, `NNN-NNNNNNN-NNNNNNN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrderId(String);

impl OrderId {
    pub fn parse(input: &str) -> Result<Self, Error> {
        let s = input.trim();
        if is_order_id(s) {
            Ok(Self(s.to_string()))
        } else {
            Err(Error::InvalidArgument(format!(
                "order ID {:?} is not an Amazon order ID: expected NNN-NNNNNNN-NNNNNNN (3, 7 and 7 digits)",
                crate::redact(s)
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `s` has the shape of an Amazon order ID (`NNN-NNNNNNN-NNNNNNN`).
pub fn is_order_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            3 | 11 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

impl fmt::Display for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrderId {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::parse(&s)
    }
}

impl From<OrderId> for String {
    fn from(id: OrderId) -> String {
        id.0
    }
}

/// A carrier tracking ID, normalised: no surrounding or inner white space, upper case,
/// ASCII letters and digits (a hyphen is kept where a carrier's format has one).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TrackingId(String);

impl TrackingId {
    /// Normalises (with the tracking rules' one normaliser, [`crate::tracking::normalize`]) and
    /// checks the shape of a tracking ID (6 to 40 letters and digits).
    pub fn parse(input: &str) -> Result<Self, Error> {
        use crate::tracking::TrackingError;
        let normalized = crate::tracking::normalize(input).map_err(|e| {
            Error::InvalidTrackingId(match e {
                TrackingError::Empty => "tracking ID is empty".into(),
                TrackingError::BadCharacter { id, found } => {
                    format!("tracking ID {} contains {found:?}: only letters and digits are allowed", crate::redact(&id))
                }
                TrackingError::TooLong { id, len } => {
                    format!("tracking ID {} has {len} characters: expected 6 to 40", crate::redact(&id))
                }
                other => other.to_string(),
            })
        })?;
        if normalized.len() < 6 {
            return Err(Error::InvalidTrackingId(format!(
                "tracking ID {} has {} characters: expected 6 to 40",
                crate::redact(&normalized),
                normalized.len()
            )));
        }
        Ok(Self(normalized))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form safe for logs: only the last four characters.
    pub fn redacted(&self) -> String {
        crate::redact(&self.0)
    }
}

impl fmt::Display for TrackingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for TrackingId {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::parse(&s)
    }
}

impl From<TrackingId> for String {
    fn from(id: TrackingId) -> String {
        id.0
    }
}

/// The customer a parcel goes to. Never logged.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub name: String,
    pub address: String,
    pub phone: String,
}

impl fmt::Debug for Customer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Customer { .. }")
    }
}

impl Customer {
    /// The phone as a `tel:` URI for the call button: `+` and digits only; a bare
    /// 10-digit Indian mobile number gets `+91`.
    pub fn tel_uri(&self) -> Option<String> {
        phone_uri(&self.phone)
    }
}

/// `tel:` URI for a phone number, or `None` when it has no digits worth dialling.
pub fn phone_uri(phone: &str) -> Option<String> {
    let plus = phone.trim_start().starts_with('+');
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return None;
    }
    Some(if plus {
        format!("tel:+{digits}")
    } else if digits.len() == 10 && matches!(digits.as_bytes()[0], b'6'..=b'9') {
        format!("tel:+91{digits}")
    } else {
        format!("tel:{digits}")
    })
}

/// An order as imported onto the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub order_id: OrderId,
    pub tracking_id: TrackingId,
    pub channel: Channel,
    pub seller: String,
    pub customer: Customer,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ids() {
        assert!(OrderId::parse("402-1234567-1234567").is_ok());
        assert!(OrderId::parse(" 402-1234567-1234567 ").is_ok());
        for bad in ["", "4021234567-1234567", "402-123456-12345678", "40A-1234567-1234567", "402-1234567-1234567-1"] {
            let err = OrderId::parse(bad).unwrap_err().to_string();
            assert!(err.contains("NNN-NNNNNNN-NNNNNNN"), "{err}");
        }
    }

    #[test]
    fn tracking_ids_are_normalised_and_checked() {
        assert_eq!(TrackingId::parse(" tba 1234 5678 ").unwrap().as_str(), "TBA12345678");
        assert!(TrackingId::parse("").is_err());
        assert!(TrackingId::parse("TBA1").is_err());
        assert!(TrackingId::parse("TBA1234;DROP").unwrap_err().to_string().contains("';'"));
        assert!(TrackingId::parse(&"9".repeat(41)).is_err());
        assert!(TrackingId::parse("1LS7-1234567").is_ok());
        assert_eq!(TrackingId::parse("SBX1234567890").unwrap().redacted(), "…7890");
    }

    #[test]
    fn channels_and_statuses_have_stable_codes() {
        assert_eq!(Channel::parse("Easy Ship").unwrap(), Channel::EasyShip);
        assert_eq!(Channel::parse("SELF_DELIVERY").unwrap(), Channel::SelfDelivery);
        assert_eq!(Channel::parse("fba").unwrap().code(), "fba");
        assert!(Channel::parse("drone").unwrap_err().to_string().contains("self-delivery, fba, easy-ship"));
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.code()).unwrap(), *s);
        }
        assert_eq!(serde_json::to_string(&Channel::SelfDelivery).unwrap(), "\"self-delivery\"");
    }

    #[test]
    fn phone_numbers_become_tel_uris() {
        assert_eq!(phone_uri("98765 43210").as_deref(), Some("tel:+919876543210"));
        assert_eq!(phone_uri("+91 98765-43210").as_deref(), Some("tel:+919876543210"));
        assert_eq!(phone_uri("080 2345 6789").as_deref(), Some("tel:08023456789"));
        assert_eq!(phone_uri("n/a"), None);
        let c = Customer { name: "Asha".into(), address: "12 MG Road".into(), phone: "9876543210".into() };
        assert_eq!(format!("{c:?}"), "Customer { .. }");
    }
}
