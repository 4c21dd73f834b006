//! The carrier a seller names for an order or a shipment: one of the table's carriers, or Other
//! with the carrier's own name (a courier the table does not know: its tracking IDs get shape
//! checks only). Owns the seller's entry of a tracking ID: the messages a seller sees for a blank
//! ID, spaces before or after it, punctuation, and an ID that does not fit the named carrier
//! (naming the carrier the ID looks like). Also owns the stored form of a choice (`blue-dart`,
//! `other:Speedy Couriers`), so the server and the seller tools read and write it one way.

use serde::Serialize;

use super::{Carrier, TrackingError, carrier_named, normalize, validate};

/// The longest name of an Other carrier, in characters.
pub const OTHER_NAME_MAX: usize = 60;
/// The code of the Other carrier, in requests and in the stored form (`other:NAME`).
pub const OTHER_CODE: &str = "other";

/// Why a seller's carrier or tracking ID was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("the tracking ID is blank: enter the ID printed on the label")]
    Blank,
    #[error("the tracking ID has spaces before or after it: remove them and enter it again")]
    SpacesAround,
    #[error("the carrier is Other: give the carrier's name (1 to {OTHER_NAME_MAX} letters, digits, spaces, & . -)")]
    OtherNameMissing,
    #[error("carrier name {0:?} is not valid: use 1 to {OTHER_NAME_MAX} letters, digits, spaces, & . -")]
    BadOtherName(String),
    #[error("tracking ID {id} for {carrier} must be 6 to 40 letters and digits")]
    OtherShape { id: String, carrier: String },
    #[error(transparent)]
    Tracking(#[from] TrackingError),
}

impl EntryError {
    /// A stable code for the wire and the seller tools.
    pub fn code(&self) -> &'static str {
        match self {
            EntryError::Blank | EntryError::Tracking(TrackingError::Empty) => "blank_tracking_id",
            EntryError::SpacesAround => "spaces_around_tracking_id",
            EntryError::OtherNameMissing => "other_carrier_name_missing",
            EntryError::BadOtherName(_) => "invalid_other_carrier_name",
            EntryError::OtherShape { .. } => "invalid_tracking_id",
            EntryError::Tracking(TrackingError::BadCharacter { .. }) => "punctuation_in_tracking_id",
            EntryError::Tracking(TrackingError::TooLong { .. }) => "invalid_tracking_id",
            EntryError::Tracking(TrackingError::UnknownCarrier { .. }) => "unknown_carrier",
            EntryError::Tracking(TrackingError::Mismatch { .. }) => "carrier_mismatch",
            EntryError::Tracking(TrackingError::BadCheckDigit { .. }) => "bad_check_digit",
            EntryError::Tracking(TrackingError::Unknown { .. }) => "unknown_tracking_id",
        }
    }
}

/// A carrier as a seller names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum CarrierChoice {
    /// One of the table's carriers: IDs are checked against its formats and check digits.
    Known(Carrier),
    /// A carrier the table does not know, by its name: IDs get shape checks only.
    Other(String),
}

impl From<Carrier> for CarrierChoice {
    fn from(c: Carrier) -> Self {
        CarrierChoice::Known(c)
    }
}

impl CarrierChoice {
    /// The carrier a seller chose: a table carrier by code, name or alias (a misspelling is an
    /// error with the closest names), or `other` with `other_name`. An Other whose name is a
    /// table carrier's becomes that carrier, so its IDs get the full checks.
    pub fn parse(carrier: &str, other_name: Option<&str>) -> Result<Self, EntryError> {
        if carrier.trim().eq_ignore_ascii_case(OTHER_CODE) {
            let name = other_name.map(str::trim).filter(|n| !n.is_empty()).ok_or(EntryError::OtherNameMissing)?;
            return Self::other(name);
        }
        Ok(CarrierChoice::Known(carrier_named(carrier)?))
    }

    fn other(name: &str) -> Result<Self, EntryError> {
        if let Ok(known) = Carrier::parse(name) {
            return Ok(CarrierChoice::Known(known));
        }
        let ok_chars = name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '&' | '.' | '-'));
        if name.is_empty() || name.chars().count() > OTHER_NAME_MAX || !ok_chars {
            return Err(EntryError::BadOtherName(name.chars().take(OTHER_NAME_MAX + 1).collect()));
        }
        Ok(CarrierChoice::Other(name.split_whitespace().collect::<Vec<_>>().join(" ")))
    }

    /// The stored form: the table carrier's code, or `other:NAME`.
    pub fn stored(&self) -> String {
        match self {
            CarrierChoice::Known(c) => c.code().to_string(),
            CarrierChoice::Other(name) => format!("{OTHER_CODE}:{name}"),
        }
    }

    /// Reads the stored form back; also reads a carrier stored as typed (a name or alias) as the
    /// older rows have it. `None` for a name that is neither.
    pub fn from_stored(stored: &str) -> Option<Self> {
        match stored.split_once(':') {
            Some((OTHER_CODE, name)) => Self::other(name).ok(),
            _ => carrier_named(stored).ok().map(CarrierChoice::Known),
        }
    }

    /// What a seller or a customer reads.
    pub fn label(&self) -> &str {
        match self {
            CarrierChoice::Known(c) => c.label(),
            CarrierChoice::Other(name) => name,
        }
    }

    /// Checks a tracking ID a seller entered for this carrier and returns it normalised.
    /// Stricter than the phone's scans: a seller's typed ID with spaces before or after it is
    /// refused (a sign of a copy and paste that may have cut it), as is a blank one. A table
    /// carrier's ID must fit one of its formats (and check digit); an Other carrier's ID must be 6
    /// to 40 letters and digits.
    pub fn check_entry(&self, input: &str) -> Result<String, EntryError> {
        if input.trim().is_empty() {
            return Err(EntryError::Blank);
        }
        if input.trim() != input {
            return Err(EntryError::SpacesAround);
        }
        match self {
            CarrierChoice::Known(carrier) => {
                validate(*carrier, input)?;
                Ok(normalize(input)?)
            }
            CarrierChoice::Other(name) => other_shape(name, input),
        }
    }

    /// Whether a stored tracking ID is valid tracking for this carrier (the Valid Tracking Rate's
    /// test): it fits the carrier's formats, or for an Other carrier its shape.
    pub fn accepts(&self, tracking_id: &str) -> bool {
        match self {
            CarrierChoice::Known(carrier) => validate(*carrier, tracking_id).is_ok(),
            CarrierChoice::Other(name) => other_shape(name, tracking_id).is_ok(),
        }
    }
}

/// The one check of an Other carrier's IDs: normalised, 6 to 40 letters and digits. The
/// normaliser keeps a hyphen (one LaserShip kind has one); an Other carrier's IDs have none.
fn other_shape(carrier: &str, input: &str) -> Result<String, EntryError> {
    let id = normalize(input)?;
    if let Some(found) = id.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(TrackingError::BadCharacter { id, found }.into());
    }
    if !(6..=40).contains(&id.len()) {
        return Err(EntryError::OtherShape { id: crate::redact(&id), carrier: carrier.to_string() });
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seller_names_a_table_carrier_or_other_with_a_name() {
        assert_eq!(CarrierChoice::parse("india post", None).unwrap(), CarrierChoice::Known(Carrier::IndiaPost));
        assert_eq!(CarrierChoice::parse("Other", Some("  Speedy   Couriers ")).unwrap(), CarrierChoice::Other("Speedy Couriers".into()));
        // An Other named like a table carrier is that carrier.
        assert_eq!(CarrierChoice::parse("other", Some("Blue Dart")).unwrap(), CarrierChoice::Known(Carrier::BlueDart));
        assert_eq!(CarrierChoice::parse("other", None).unwrap_err(), EntryError::OtherNameMissing);
        assert_eq!(CarrierChoice::parse("other", Some("  ")).unwrap_err(), EntryError::OtherNameMissing);
        assert_eq!(CarrierChoice::parse("other", Some("Speedy<script>")).unwrap_err().code(), "invalid_other_carrier_name");
        assert_eq!(CarrierChoice::parse("other", Some(&"x".repeat(61))).unwrap_err().code(), "invalid_other_carrier_name");
        let err = CarrierChoice::parse("Blu Dart", None).unwrap_err();
        assert_eq!(err.code(), "unknown_carrier");
        assert!(err.to_string().contains("did you mean Blue Dart"), "{err}");
    }

    #[test]
    fn the_stored_form_round_trips() {
        for c in [CarrierChoice::Known(Carrier::IndiaPost), CarrierChoice::Other("Speedy Couriers".into())] {
            assert_eq!(CarrierChoice::from_stored(&c.stored()), Some(c));
        }
        // Rows that kept the carrier as typed.
        assert_eq!(CarrierChoice::from_stored("India Post"), Some(CarrierChoice::Known(Carrier::IndiaPost)));
        assert_eq!(CarrierChoice::from_stored("other:"), None);
        assert_eq!(CarrierChoice::from_stored("zz"), None);
    }

    #[test]
    fn entry_messages_say_what_to_fix() {
        let post = CarrierChoice::Known(Carrier::IndiaPost);
        assert_eq!(post.check_entry("").unwrap_err(), EntryError::Blank);
        assert_eq!(post.check_entry("   ").unwrap_err().code(), "blank_tracking_id");
        assert_eq!(post.check_entry(" EK712345609IN").unwrap_err(), EntryError::SpacesAround);
        assert_eq!(post.check_entry("EK712345609IN ").unwrap_err().code(), "spaces_around_tracking_id");
        let punct = post.check_entry("EK712345.609IN").unwrap_err();
        assert_eq!(punct.code(), "punctuation_in_tracking_id");
        assert!(punct.to_string().contains("letters and digits only"), "{punct}");
        // A Blue Dart waybill given for India Post: the message names Blue Dart.
        let mismatch = post.check_entry("12345678901").unwrap_err();
        assert_eq!(mismatch.code(), "carrier_mismatch");
        assert!(mismatch.to_string().contains("does not match carrier India Post"), "{mismatch}");
        assert_eq!(post.check_entry("ek712345609in").unwrap(), "EK712345609IN");
        assert_eq!(post.check_entry("EK712345608IN").unwrap_err().code(), "bad_check_digit");
    }

    #[test]
    fn an_other_carrier_gets_shape_checks_only() {
        let other = CarrierChoice::Other("Speedy Couriers".into());
        assert_eq!(other.check_entry("spd-0001234").unwrap_err().code(), "punctuation_in_tracking_id");
        assert_eq!(other.check_entry("SPD0001234").unwrap(), "SPD0001234");
        assert_eq!(other.check_entry("ab12").unwrap_err().code(), "invalid_tracking_id");
        assert!(other.accepts("SPD0001234"));
        assert!(!other.accepts("AB12"));
        assert!(!other.accepts(&"9".repeat(41)));
    }
}
