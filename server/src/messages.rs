//! The customer's messages: the text of each notification (shipped, out for delivery, delivered,
//! undeliverable, rejected) in English and Hindi, as an e-mail (subject and body) and as an SMS.
//! Messages name the seller, the tracking ID and the tracking page, never the DA or anything of
//! the customer's but the address they are sent to. Owns the templates; sending is
//! [`crate::outbound`]'s.

use serde::Serialize;
use track_core::event::{RejectReason, UndeliverableReason};

/// The customer's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    English,
    Hindi,
}

impl Language {
    /// From a language tag (`en`, `hi`, `hi-IN`, …); anything else is English.
    pub fn from_tag(tag: &str) -> Self {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("hi") { Language::Hindi } else { Language::English }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Hindi => "hi",
        }
    }
}

/// What happened to the parcel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    Shipped,
    OutForDelivery,
    Delivered,
    Undeliverable(UndeliverableReason),
    Rejected(RejectReason),
}

/// One message, ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub subject: String,
    /// The e-mail's plain-text body.
    pub body: String,
    /// The SMS text: one line, short.
    pub sms: String,
}

/// The message for an update of the parcel `tracking_id` from `seller`, its tracking page at
/// `tracking_url`.
pub fn render(update: Update, lang: Language, seller: &str, tracking_id: &str, tracking_url: &str) -> Message {
    let (subject, line) = match lang {
        Language::English => english(update, seller),
        Language::Hindi => hindi(update, seller),
    };
    let (id_label, track_label) = match lang {
        Language::English => ("Tracking ID", "Track it"),
        Language::Hindi => ("ट्रैकिंग आईडी", "ट्रैक करें"),
    };
    Message {
        subject: format!("{subject} ({tracking_id})"),
        body: format!("{line}\n\n{id_label}: {tracking_id}\n{track_label}: {tracking_url}\n"),
        sms: format!("{line} {id_label} {tracking_id}. {tracking_url}"),
    }
}

fn english(update: Update, seller: &str) -> (&'static str, String) {
    match update {
        Update::Shipped => ("Your order has shipped", format!("Your order from {seller} has shipped.")),
        Update::OutForDelivery => ("Arriving today", format!("Your order from {seller} is out for delivery and arrives today.")),
        Update::Delivered => ("Delivered", format!("Your order from {seller} was delivered.")),
        Update::Undeliverable(reason) => (
            "Delivery attempted",
            format!(
                "We could not deliver your order from {seller} today ({}). We will try again.",
                match reason {
                    UndeliverableReason::CustomerNotAvailable => "nobody was available",
                    UndeliverableReason::MissedDelivery => "the delivery was missed",
                    UndeliverableReason::UnableToLocateAddress => "we could not find the address",
                    UndeliverableReason::UnableToLocateCustomer => "we could not reach you",
                }
            ),
        ),
        Update::Rejected(reason) => (
            "Returning to the seller",
            format!(
                "Your order from {seller} was refused at delivery ({}) and is going back to the seller.",
                match reason {
                    RejectReason::NotRequired => "not required",
                    RejectReason::OrderMismatch => "not what was ordered",
                    RejectReason::Damaged => "damaged",
                }
            ),
        ),
    }
}

fn hindi(update: Update, seller: &str) -> (&'static str, String) {
    match update {
        Update::Shipped => ("आपका ऑर्डर भेज दिया गया है", format!("{seller} से आपका ऑर्डर भेज दिया गया है।")),
        Update::OutForDelivery => ("आज पहुँचेगा", format!("{seller} से आपका ऑर्डर डिलीवरी के लिए निकल चुका है और आज पहुँचेगा।")),
        Update::Delivered => ("डिलीवर हो गया", format!("{seller} से आपका ऑर्डर डिलीवर हो गया।")),
        Update::Undeliverable(reason) => (
            "डिलीवरी का प्रयास किया गया",
            format!(
                "{seller} से आपका ऑर्डर आज डिलीवर नहीं हो सका ({})। हम फिर से प्रयास करेंगे।",
                match reason {
                    UndeliverableReason::CustomerNotAvailable => "कोई उपलब्ध नहीं था",
                    UndeliverableReason::MissedDelivery => "डिलीवरी छूट गई",
                    UndeliverableReason::UnableToLocateAddress => "पता नहीं मिला",
                    UndeliverableReason::UnableToLocateCustomer => "आपसे संपर्क नहीं हो सका",
                }
            ),
        ),
        Update::Rejected(reason) => (
            "विक्रेता को वापस",
            format!(
                "{seller} से आपका ऑर्डर डिलीवरी पर अस्वीकार किया गया ({}) और विक्रेता को वापस जा रहा है।",
                match reason {
                    RejectReason::NotRequired => "आवश्यक नहीं",
                    RejectReason::OrderMismatch => "ऑर्डर से अलग",
                    RejectReason::Damaged => "क्षतिग्रस्त",
                }
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://track.example/t/EK712345609IN";

    fn all_updates() -> Vec<Update> {
        let mut v = vec![Update::Shipped, Update::OutForDelivery, Update::Delivered];
        v.extend(UndeliverableReason::ALL.iter().map(|r| Update::Undeliverable(*r)));
        v.extend(RejectReason::ALL.iter().map(|r| Update::Rejected(*r)));
        v
    }

    #[test]
    fn every_update_has_a_message_in_both_languages() {
        for update in all_updates() {
            for lang in [Language::English, Language::Hindi] {
                let m = render(update, lang, "Asha Stores", "EK712345609IN", URL);
                for text in [&m.subject, &m.body, &m.sms] {
                    assert!(text.contains("EK712345609IN"), "{update:?} {lang:?}: {text}");
                }
                assert!(m.body.contains("Asha Stores") && m.sms.contains(URL), "{update:?} {lang:?}: {m:?}");
                assert!(!m.sms.contains('\n'), "an SMS is one line: {:?}", m.sms);
                // Short enough for a few SMS segments (Hindi goes as UCS-2, 67 characters a part).
                assert!(m.sms.chars().count() <= 201, "{update:?} {lang:?}: {} characters", m.sms.chars().count());
            }
        }
        let hi = render(Update::Delivered, Language::Hindi, "Asha Stores", "EK712345609IN", URL);
        assert!(hi.body.contains("डिलीवर हो गया"), "{}", hi.body);
        let en = render(Update::Undeliverable(UndeliverableReason::UnableToLocateAddress), Language::English, "Asha Stores", "EK712345609IN", URL);
        assert!(en.body.contains("could not find the address") && en.body.contains("try again"), "{}", en.body);
    }

    #[test]
    fn language_tags() {
        assert_eq!(Language::from_tag("hi-IN"), Language::Hindi);
        assert_eq!(Language::from_tag("HI"), Language::Hindi);
        assert_eq!(Language::from_tag("en_GB"), Language::English);
        assert_eq!(Language::from_tag(""), Language::English);
        assert_eq!(Language::from_tag("ta"), Language::English, "templates exist in English and Hindi only");
    }
}
