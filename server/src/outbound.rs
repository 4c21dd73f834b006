//! Sending the customer's messages: e-mail over SMTP (`lettre`) and SMS through a gateway's
//! webhook (an HTTP POST to a configured URL with a configured auth header). One call is one
//! attempt; the notification queue retries after [`retry_after`] and sends one event's message
//! at most once per channel: each message carries an idempotency key (event ID and channel) that
//! the gateway can deduplicate on and the e-mail's Message-ID is made from, so a retry after a
//! lost answer is recognisably the same message. Owns the transports and their configuration;
//! the text is [`crate::messages`]'.

use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::Serialize;
use track_core::sync::backoff::Backoff;

use crate::messages::{Language, Message};

/// How long one attempt may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(20);
/// The wait before the next attempt: doubling from a minute, at most an hour.
const RETRY: Backoff = Backoff { base: Duration::from_secs(60), cap: Duration::from_secs(3600) };

/// The wait after `attempts` failed attempts before the next one.
pub fn retry_after(attempts: u32) -> Duration {
    RETRY.ceiling(attempts.saturating_sub(1))
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain text: only for a relay on loopback (a local MTA, a test sink).
    None,
    /// STARTTLS on the submission port (587), required.
    StartTls,
    /// TLS from the start (port 465).
    Tls,
}

/// Where e-mail goes.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// The sender, e.g. `Track <no-reply@track.example>`.
    pub from: String,
    pub credentials: Option<(String, String)>,
}

/// Where SMS go: the gateway's webhook.
#[derive(Debug, Clone)]
pub struct SmsWebhook {
    pub url: String,
    /// A header the gateway authenticates with, e.g. (`Authorization`, `Bearer …`).
    pub auth_header: Option<(String, String)>,
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{0} is not configured")]
    NotConfigured(&'static str),
    #[error("the {what} is not valid: {reason}")]
    BadConfig { what: &'static str, reason: String },
    #[error("the customer's address is not a valid e-mail address")]
    BadAddress,
    #[error("the SMTP server refused the message: {0}")]
    Refused(String),
    #[error("the SMTP server could not be reached or failed: {0} (retried later)")]
    SmtpUnavailable(String),
    #[error("the SMS gateway answered {status} (retried later when 5xx or 429)")]
    Gateway { status: u16 },
    #[error("the SMS gateway could not be reached: {0} (retried later)")]
    GatewayUnreachable(String),
}

impl SendError {
    /// What went wrong, without the server's own words (an SMTP refusal may quote the address):
    /// what the logs say.
    pub fn summary(&self) -> String {
        match self {
            SendError::NotConfigured(what) => format!("{what} is not configured"),
            SendError::BadConfig { what, .. } => format!("the {what} is not valid"),
            SendError::BadAddress => "the customer's address is not valid".into(),
            SendError::Refused(_) => "the SMTP server refused the message".into(),
            SendError::SmtpUnavailable(_) => "the SMTP server could not be reached or failed".into(),
            SendError::Gateway { status } => format!("the SMS gateway answered {status}"),
            SendError::GatewayUnreachable(_) => "the SMS gateway could not be reached".into(),
        }
    }

    /// Whether trying again later may succeed (a permanent failure is logged and dropped).
    pub fn is_transient(&self) -> bool {
        match self {
            SendError::SmtpUnavailable(_) | SendError::GatewayUnreachable(_) => true,
            SendError::Gateway { status } => *status == 429 || *status >= 500,
            _ => false,
        }
    }
}

/// The body the SMS webhook receives.
#[derive(Debug, Serialize)]
struct SmsRequest<'a> {
    to: &'a str,
    text: &'a str,
    language: &'a str,
    idempotency_key: &'a str,
}

/// The configured transports.
pub struct Outbound {
    smtp: Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>,
    sms: Option<(reqwest::Client, SmsWebhook)>,
}

impl Outbound {
    pub fn new(smtp: Option<SmtpConfig>, sms: Option<SmsWebhook>) -> Result<Self, SendError> {
        let smtp = smtp.map(smtp_transport).transpose()?;
        let sms = match sms {
            None => None,
            Some(hook) => {
                reqwest::Url::parse(&hook.url)
                    .map_err(|e| SendError::BadConfig { what: "SMS webhook URL", reason: e.to_string() })?;
                track_core::sync::client::install_crypto_provider();
                let client = reqwest::Client::builder()
                    .timeout(ATTEMPT_TIMEOUT)
                    .build()
                    .map_err(|e| SendError::BadConfig { what: "SMS webhook client", reason: e.to_string() })?;
                Some((client, hook))
            }
        };
        Ok(Self { smtp, sms })
    }

    /// Sends `message` by e-mail to `to`. `key` identifies the message (event ID and channel).
    pub async fn email(&self, to: &str, lang: Language, message: &Message, key: &str) -> Result<(), SendError> {
        let (transport, from) = self.smtp.as_ref().ok_or(SendError::NotConfigured("e-mail (SMTP)"))?;
        let to: Mailbox = to.parse().map_err(|_| SendError::BadAddress)?;
        let email = lettre::Message::builder()
            .from(from.clone())
            .to(to)
            .subject(message.subject.as_str())
            .message_id(Some(format!("<{key}@track.notifications>")))
            .header(ContentType::TEXT_PLAIN)
            .header(ContentLanguage(lang.tag().to_string()))
            .body(message.body.clone())
            .map_err(|e| SendError::Refused(e.to_string()))?;
        match transport.send(email).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendError::Refused(e.to_string())),
            Err(e) => Err(SendError::SmtpUnavailable(e.to_string())),
        }
    }

    /// Sends `message`'s SMS text to the phone `to` through the gateway's webhook.
    pub async fn sms(&self, to: &str, lang: Language, message: &Message, key: &str) -> Result<(), SendError> {
        let (client, hook) = self.sms.as_ref().ok_or(SendError::NotConfigured("SMS (webhook)"))?;
        let mut request = client
            .post(&hook.url)
            .header("Idempotency-Key", key)
            .json(&SmsRequest { to, text: &message.sms, language: lang.tag(), idempotency_key: key });
        if let Some((name, value)) = &hook.auth_header {
            request = request.header(name.as_str(), value.as_str());
        }
        let response = request.send().await.map_err(|e| SendError::GatewayUnreachable(e.without_url().to_string()))?;
        let status = response.status();
        if status.is_success() { Ok(()) } else { Err(SendError::Gateway { status: status.as_u16() }) }
    }
}

fn smtp_transport(config: SmtpConfig) -> Result<(AsyncSmtpTransport<Tokio1Executor>, Mailbox), SendError> {
    let bad = |reason: String| SendError::BadConfig { what: "SMTP configuration", reason };
    let from: Mailbox = config.from.parse().map_err(|e| bad(format!("sender {:?}: {e}", config.from)))?;
    let builder = match config.security {
        SmtpSecurity::None => {
            if !matches!(config.host.as_str(), "localhost" | "127.0.0.1" | "::1") {
                return Err(bad(format!("plain SMTP is for a relay on loopback only, not {}", config.host)));
            }
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
        }
        SmtpSecurity::StartTls => {
            track_core::sync::client::install_crypto_provider();
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host).map_err(|e| bad(e.to_string()))?
        }
        SmtpSecurity::Tls => {
            track_core::sync::client::install_crypto_provider();
            AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host).map_err(|e| bad(e.to_string()))?
        }
    };
    let mut builder = builder.port(config.port).timeout(Some(ATTEMPT_TIMEOUT));
    if let Some((user, password)) = config.credentials {
        builder = builder.credentials(Credentials::new(user, password));
    }
    Ok((builder.build(), from))
}

/// The `Content-Language` header of an e-mail.
#[derive(Debug, Clone)]
struct ContentLanguage(String);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_string()))
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(retry_after(1), Duration::from_secs(60));
        assert_eq!(retry_after(2), Duration::from_secs(120));
        assert_eq!(retry_after(7), Duration::from_secs(3600));
        assert_eq!(retry_after(u32::MAX), Duration::from_secs(3600));
    }

    #[test]
    fn transient_or_permanent() {
        assert!(SendError::Gateway { status: 503 }.is_transient());
        assert!(SendError::Gateway { status: 429 }.is_transient());
        assert!(!SendError::Gateway { status: 400 }.is_transient());
        assert!(!SendError::BadAddress.is_transient());
        assert!(SendError::SmtpUnavailable("connection refused".into()).is_transient());
    }

    #[test]
    fn plain_smtp_only_on_loopback_and_bad_config_is_refused() {
        let config = |host: &str, from: &str| SmtpConfig {
            host: host.into(),
            port: 25,
            security: SmtpSecurity::None,
            from: from.into(),
            credentials: None,
        };
        assert!(Outbound::new(Some(config("127.0.0.1", "Track <no-reply@track.example>")), None).is_ok());
        let err = Outbound::new(Some(config("mail.example.com", "no-reply@track.example")), None).err().unwrap();
        assert!(err.to_string().contains("loopback only"), "{err}");
        assert!(Outbound::new(Some(config("127.0.0.1", "not an address")), None).is_err());
        let hook = SmsWebhook { url: "not a url".into(), auth_header: None };
        assert!(Outbound::new(None, Some(hook)).is_err());
    }
}
