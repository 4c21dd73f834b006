//! Tracking IDs: which carrier and kind of number an ID is, whether its check digit verifies,
//! validation against the carrier a seller names, Send to Amazon shipments, bulk uploads, and the
//! Valid Tracking Rate. The seller tooling ([`bulk`], [`choice`], [`defects`], [`shipment`], [`vtr`]) is behind the `seller`
//! feature: the phone's library leaves it out.
//!
//! Every ID is [`normalize`]d first (trimmed, inner spaces dropped, upper-cased; punctuation
//! refused except the hyphen one LaserShip kind uses). [`normalize`] is the one normaliser of
//! tracking IDs: `order::TrackingId` (the phone, the server, the CLI) is built through it. The patterns are compiled once, on first
//! use.

#[cfg(feature = "seller")]
pub mod bulk;
pub mod carriers;
pub mod checksum;
#[cfg(feature = "seller")]
pub mod choice;
#[cfg(feature = "seller")]
pub mod defects;
#[cfg(feature = "seller")]
pub mod shipment;
#[cfg(feature = "seller")]
pub mod vtr;

use std::sync::LazyLock;

use regex_lite::{Captures, Match, Regex};
use serde::Serialize;

pub use carriers::{Carrier, KINDS, KindSpec};

/// Why a tracking ID or a carrier name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackingError {
    #[error("the tracking ID is empty")]
    Empty,
    #[error("tracking ID {id:?} contains {found:?}: tracking IDs are letters and digits only")]
    BadCharacter { id: String, found: char },
    #[error("tracking ID {id} is {len} characters long: at most 40 are allowed")]
    TooLong { id: String, len: usize },
    #[error("unknown carrier {name:?}{}", suggest(.suggestions))]
    UnknownCarrier {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("tracking ID {id} does not match carrier {carrier}: expected {expected}{}", looks_like_text(.looks_like))]
    Mismatch {
        id: String,
        carrier: String,
        expected: String,
        looks_like: Option<String>,
    },
    #[error(
        "tracking ID {id} has the shape of a {kind} number but its check digit is wrong: check it for a typo"
    )]
    BadCheckDigit { id: String, kind: String },
    #[error("tracking ID {id} matches no known carrier's numbers")]
    Unknown { id: String },
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(": did you mean {}?", s.join(" or "))
    }
}

fn looks_like_text(l: &Option<String>) -> String {
    l.as_ref()
        .map(|c| format!(" (it looks like a {c} number)"))
        .unwrap_or_default()
}

/// One carrier and kind an ID fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub carrier: Carrier,
    /// The kind's stable identifier (`fedex_12`, `s10`, …).
    pub kind: &'static str,
    /// The kind's name for people.
    pub kind_name: &'static str,
    /// Whether a check digit was verified (false for shape-only kinds).
    pub check_digit: bool,
}

struct Rule {
    spec: &'static KindSpec,
    regex: Regex,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    KINDS
        .iter()
        .filter_map(
            |spec| match Regex::new(&format!("^(?:{})$", spec.pattern)) {
                Ok(regex) => Some(Rule { spec, regex }),
                Err(e) => {
                    // The table is the project's own and covered by tests; never reached.
                    log::error!("tracking kind {} has a bad pattern: {e}", spec.id);
                    None
                }
            },
        )
        .collect()
});

/// Trims, drops inner spaces and upper-cases; refuses punctuation and special characters (a
/// hyphen is kept: one LaserShip kind has one).
pub fn normalize(input: &str) -> Result<String, TrackingError> {
    let id: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if id.is_empty() {
        return Err(TrackingError::Empty);
    }
    // Checked before upper-casing too: a non-ASCII letter such as 'ß' must not turn into "SS".
    if let Some(found) = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .chain(id.chars())
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(TrackingError::BadCharacter {
            id: id.clone(),
            found,
        });
    }
    let len = id.chars().count();
    if len > 40 {
        return Err(TrackingError::TooLong {
            id: id.clone(),
            len,
        });
    }
    Ok(id)
}

/// The part `name` of a match: the group of that name, or the numbered one (`name_2`, `name_3`…)
/// that took part in it, for patterns whose alternatives each name the part (see
/// [`KindSpec::pattern`]).
fn part<'h>(regex: &Regex, caps: &Captures<'h>, name: &str) -> Option<Match<'h>> {
    regex.capture_names().enumerate().find_map(|(i, group)| {
        let group = group?;
        let numbered = group
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('_'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if group == name || numbered { caps.get(i) } else { None }
    })
}

/// How a normalised ID fits one kind: `None` when the shape does not fit, else whether the check
/// digit verifies (`None` inside for shape-only kinds).
fn fit(rule: &Rule, id: &str) -> Option<Option<bool>> {
    let caps = rule.regex.captures(id)?;
    if rule.spec.carrier == Carrier::S10
        && !part(&rule.regex, &caps, "CountryCode")
            .is_some_and(|c| carriers::S10_COUNTRIES.contains(&c.as_str()))
    {
        return None;
    }
    let Some(checksum) = rule.spec.checksum else {
        return Some(None);
    };
    let (Some(serial), Some(check)) = (part(&rule.regex, &caps, "SerialNumber"), part(&rule.regex, &caps, "CheckDigit")) else {
        return Some(Some(false));
    };
    let serial = match rule.spec.prepend_if_missing {
        Some(p) if !serial.as_str().starts_with(p) => format!("{p}{}", serial.as_str()),
        _ => serial.as_str().to_string(),
    };
    Some(Some(checksum.verify(&serial, check.as_str())))
}

/// Every carrier and kind a normalised ID fits, check-digit-verified candidates first. Kinds whose
/// check digit fails are left out.
pub fn detect_normalized(id: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = RULES
        .iter()
        .filter_map(|rule| match fit(rule, id)? {
            Some(false) => None,
            verified => Some(Candidate {
                carrier: rule.spec.carrier,
                kind: rule.spec.id,
                kind_name: rule.spec.name,
                check_digit: verified == Some(true),
            }),
        })
        .collect();
    // Stable: verified first, then the table's order.
    out.sort_by_key(|c| !c.check_digit);
    out
}

/// Normalises `input` and lists every carrier and kind it fits (see [`detect_normalized`]).
pub fn detect(input: &str) -> Result<(String, Vec<Candidate>), TrackingError> {
    let id = normalize(input)?;
    let candidates = detect_normalized(&id);
    Ok((id, candidates))
}

/// Validates an ID for the carrier a seller named: the candidate it fits, or an error that names
/// the expected format and, when the ID fits another carrier, which one.
pub fn validate(carrier: Carrier, input: &str) -> Result<Candidate, TrackingError> {
    let id = normalize(input)?;
    let mut wrong_check: Option<&KindSpec> = None;
    for rule in RULES.iter().filter(|r| r.spec.carrier == carrier) {
        match fit(rule, &id) {
            Some(Some(false)) => wrong_check = wrong_check.or(Some(rule.spec)),
            Some(verified) => {
                return Ok(Candidate {
                    carrier,
                    kind: rule.spec.id,
                    kind_name: rule.spec.name,
                    check_digit: verified == Some(true),
                });
            }
            None => {}
        }
    }
    if let Some(spec) = wrong_check {
        return Err(TrackingError::BadCheckDigit {
            id: id.clone(),
            kind: spec.name.to_string(),
        });
    }
    let expected: Vec<&str> = KINDS
        .iter()
        .filter(|k| k.carrier == carrier)
        .map(|k| k.expected)
        .collect();
    let others = detect_normalized(&id);
    // A verified candidate first; the generic UPU S10 format gives way to the national post
    // that issues the number (an `…IN` number looks like India Post's).
    let looks_like = others
        .iter()
        .min_by_key(|c| (!c.check_digit, c.carrier == Carrier::S10))
        .map(|c| c.carrier.label().to_string());
    Err(TrackingError::Mismatch {
        id: id.clone(),
        carrier: carrier.label().to_string(),
        expected: expected.join(", or "),
        looks_like,
    })
}

/// The carrier a seller typed: a code, a name or an alias, any case. An unknown or misspelled name
/// is an error with the closest names.
pub fn carrier_named(name: &str) -> Result<Carrier, TrackingError> {
    if let Ok(c) = Carrier::parse(name) {
        return Ok(c);
    }
    let key = name.trim().to_lowercase();
    let mut scored: Vec<(f64, Carrier)> = Carrier::ALL
        .iter()
        .map(|&c| {
            let score = [c.code(), c.label()]
                .iter()
                .map(|n| strsim::normalized_damerau_levenshtein(&key, &n.to_lowercase()))
                .fold(0.0, f64::max);
            (score, c)
        })
        .filter(|(s, _)| *s >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    Err(TrackingError::UnknownCarrier {
        name: name.to_string(),
        suggestions: scored
            .iter()
            .take(3)
            .map(|(_, c)| c.label().to_string())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(RULES.len(), KINDS.len());
    }

    /// The patterns spell their classes in ASCII (`[0-9]`): regex-lite has no Unicode tables and
    /// reads `\d`, `\w`, `\b` and case-insensitivity as ASCII, where the source specification's
    /// engines read them as Unicode; a pattern written with them would mean something else.
    #[test]
    fn no_pattern_needs_unicode_tables() {
        for spec in KINDS {
            for needs_tables in ["\\b", "\\B", "\\w", "\\W", "\\d", "\\D", "\\s", "\\S", "\\p", "\\P", "(?i", "\\<", "\\>"] {
                assert!(!spec.pattern.contains(needs_tables), "{}: {needs_tables}", spec.id);
            }
        }
    }

    fn kinds_of(id: &str) -> Vec<&'static str> {
        detect_normalized(id).into_iter().map(|c| c.kind).collect()
    }

    /// tracking_number_data's DHL e-Commerce patterns, whose word boundaries and first lookahead
    /// the table leaves out: two letters and 10 to 39 letters and digits starting with a digit;
    /// exactly 14 digits.
    #[test]
    fn dhl_ecommerce_kinds_keep_their_shape() {
        assert!(kinds_of("GM1234567890").contains(&"dhl_ecommerce"));
        assert!(kinds_of(&format!("LX9{}", "A".repeat(38))).contains(&"dhl_ecommerce"));
        assert!(!kinds_of(&format!("LX9{}", "A".repeat(39))).contains(&"dhl_ecommerce"));
        assert!(!kinds_of("GM123456789").contains(&"dhl_ecommerce"));
        assert!(!kinds_of("GMA234567890").contains(&"dhl_ecommerce"));
        assert!(!kinds_of("XX1234567890").contains(&"dhl_ecommerce"));
        assert!(kinds_of("12345678901234").contains(&"dhl_ecommerce_14"));
        assert!(!kinds_of("1234567890123").contains(&"dhl_ecommerce_14"));
        assert!(!kinds_of("123456789012345").contains(&"dhl_ecommerce_14"));
        assert!(!kinds_of("1234567890123A").contains(&"dhl_ecommerce_14"));
    }
}
