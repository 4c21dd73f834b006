//! The bridge's errors and the Kotlin exception each becomes: the one place that maps them.
//!
//! Every core error becomes one class of the sealed `com.track.core.TrackException` family, built
//! with its stable `code` (the core's [`Error::kind`], refined for storage and sync failures so
//! that each class has its own), the message for the DA, and the fields a UI needs (the opened
//! and the scanned label of a mismatch, the server's reason of a refusal…). Every class has the
//! constructor `(code: String, message: String, <fields in order>)`, fields being `String?` or
//! `Int`. Frame geometry errors are the JVM's IllegalArgumentException.

use track_core::sync::error::SyncError;
use track_core::{Error, StorageError};

/// What went wrong in a call, and the Kotlin exception class it is thrown as.
#[derive(Debug)]
pub enum BindError {
    /// A core error.
    Core(Error),
    /// Logging in was refused: wrong login, password or seller (a 401 of the login request).
    WrongCredentials(String),
    /// A bad argument from Kotlin (bad frame geometry…).
    InvalidArgument(String),
    /// A JNI failure (a Java exception may already be pending).
    Jni(jni::errors::Error),
}

impl From<Error> for BindError {
    fn from(e: Error) -> Self {
        BindError::Core(e)
    }
}

impl From<SyncError> for BindError {
    fn from(e: SyncError) -> Self {
        BindError::Core(Error::Sync(e))
    }
}

/// An unknown reason or recipient code: the core's invalid argument, as before it was parsed.
impl From<track_core::coded::UnknownCode> for BindError {
    fn from(e: track_core::coded::UnknownCode) -> Self {
        BindError::Core(Error::from(e))
    }
}

impl From<jni::errors::Error> for BindError {
    fn from(e: jni::errors::Error) -> Self {
        BindError::Jni(e)
    }
}

impl From<track_core::scan::FrameError> for BindError {
    fn from(e: track_core::scan::FrameError) -> Self {
        BindError::InvalidArgument(e.to_string())
    }
}

/// A field of a Kotlin exception, in constructor order.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Str(Option<String>),
    Int(i32),
}

impl Field {
    /// The JNI type of the constructor parameter.
    pub fn jni_type(&self) -> &'static str {
        match self {
            Field::Str(_) => "Ljava/lang/String;",
            Field::Int(_) => "I",
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Field::Str(s) => serde_json::json!(s),
            Field::Int(i) => serde_json::json!(i),
        }
    }
}

/// The exception to throw: a class of the TrackException family (or a JVM class), its code, its
/// message and its named fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Thrown {
    /// The JNI class name.
    pub class: String,
    /// The stable code (empty for JVM classes).
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<(&'static str, Field)>,
}

const FAMILY: &str = "com/track/core/TrackException$";

fn s(v: impl Into<String>) -> Field {
    Field::Str(Some(v.into()))
}

impl BindError {
    /// The exception this error is thrown as. One exhaustive match per error type: a new core
    /// error does not compile until it is mapped here (and the drift test then asks for its
    /// Kotlin class).
    pub fn thrown(&self) -> Thrown {
        let family = |class: &str, code: &'static str, message: String, fields: Vec<(&'static str, Field)>| Thrown {
            class: format!("{FAMILY}{class}"),
            code,
            message,
            fields,
        };
        match self {
            BindError::Core(e) => {
                let message = e.to_string();
                let code = e.kind();
                match e {
                    Error::BadScan(_) => family("BadScan", code, message, vec![]),
                    Error::LabelMismatch { expected, scanned } => {
                        family("LabelMismatch", code, message, vec![("opened", s(expected)), ("scanned", s(scanned))])
                    }
                    Error::EmptyBatch => family("EmptyBatch", code, message, vec![]),
                    Error::OutsideWorkingHours { open, close, now, time_zone } => family(
                        "OutsideWorkingHours",
                        code,
                        message,
                        vec![("opensAt", s(open)), ("closesAt", s(close)), ("now", s(now)), ("timeZone", s(time_zone))],
                    ),
                    Error::Clock(_) => family("ClockOutOfRange", code, message, vec![]),
                    Error::NotOnItinerary { tracking_id, status } => family(
                        "NotOnItinerary",
                        code,
                        message,
                        vec![("trackingId", s(tracking_id)), ("status", s(status.code()))],
                    ),
                    Error::OrderNotFound(id) => family("OrderNotFound", code, message, vec![("trackingId", s(id))]),
                    Error::InvalidTrackingId(_) => family("InvalidTrackingId", code, message, vec![]),
                    Error::InvalidArgument(_) => family("InvalidArgument", code, message, vec![]),
                    Error::Storage(se) => match se {
                        StorageError::Full => family("StorageFull", code, message, vec![]),
                        StorageError::WrongKey | StorageError::KeyRequired => family("WrongKey", "storage-wrong-key", message, vec![]),
                        StorageError::NotADatabase { .. } | StorageError::Corrupt(_) | StorageError::TooNew { .. } => {
                            family("CorruptDatabase", "storage-corrupt", message, vec![])
                        }
                        StorageError::CannotOpen { .. } | StorageError::ReadOnly { .. } | StorageError::Busy | StorageError::Sqlite(_) => {
                            family("Storage", code, message, vec![])
                        }
                    },
                    Error::Sync(se) => match se {
                        SyncError::LoginRequired => family("SessionExpired", "sync-session-expired", message, vec![]),
                        SyncError::Network(_) => family("NetworkUnreachable", "sync-network", message, vec![("retryAfterSeconds", Field::Int(-1))]),
                        SyncError::RetryLater(after) => family(
                            "NetworkUnreachable",
                            "sync-retry-later",
                            message,
                            vec![("retryAfterSeconds", Field::Int(i32::try_from(after.as_secs()).unwrap_or(i32::MAX)))],
                        ),
                        SyncError::Forbidden(reason) => family(
                            "RejectedByServer",
                            "sync-rejected",
                            message,
                            vec![("httpStatus", Field::Int(403)), ("serverCode", Field::Str(None)), ("reason", s(reason))],
                        ),
                        SyncError::Server { status, code: server_code, message: reason } if *status < 500 => family(
                            "RejectedByServer",
                            "sync-rejected",
                            message,
                            vec![("httpStatus", Field::Int(i32::from(*status))), ("serverCode", s(server_code)), ("reason", s(reason))],
                        ),
                        SyncError::Server { status, .. } => {
                            family("ServerFailed", "sync-server-failed", message, vec![("httpStatus", Field::Int(i32::from(*status)))])
                        }
                        SyncError::BadUrl(_) | SyncError::InsecureUrl(_) => family("BadServerUrl", "sync-bad-url", message, vec![]),
                        SyncError::Protocol(_) => family("Protocol", "sync-protocol", message, vec![]),
                    },
                }
            }
            BindError::WrongCredentials(message) => family("WrongCredentials", "sync-wrong-credentials", message.clone(), vec![]),
            BindError::InvalidArgument(m) => Thrown { class: "java/lang/IllegalArgumentException".into(), code: "", message: m.clone(), fields: vec![] },
            BindError::Jni(e) => Thrown { class: "java/lang/RuntimeException".into(), code: "", message: format!("JNI failure: {e}"), fields: vec![] },
        }
    }

    /// The constructor signature of the thrown class.
    pub fn signature(t: &Thrown) -> String {
        let fields: String = t.fields.iter().map(|(_, f)| f.jni_type()).collect();
        format!("(Ljava/lang/String;Ljava/lang/String;{fields})V")
    }
}

/// One error of every kind the bridge throws, for the schema and the Kotlin drift test (which
/// throws each through [`crate::call`] and checks class, code and fields).
pub fn samples() -> Vec<BindError> {
    use std::time::Duration;
    let clock = track_core::clock::TimeError::OutOfRange { year: 1970 };
    vec![
        Error::BadScan(track_core::BadScan::UnknownOrder { tracking_id: "EK000000000IN".into() }).into(),
        Error::LabelMismatch { expected: "EK712345609IN".into(), scanned: "EK712345714IN".into() }.into(),
        Error::EmptyBatch.into(),
        Error::OutsideWorkingHours { open: "06:00".into(), close: "22:00".into(), now: "23:00".into(), time_zone: "Asia/Kolkata".into() }.into(),
        Error::Clock(clock).into(),
        Error::NotOnItinerary { tracking_id: "EK712345609IN".into(), status: track_core::order::OrderStatus::Pending }.into(),
        Error::OrderNotFound("EK000000000IN".into()).into(),
        Error::InvalidTrackingId("a/b".into()).into(),
        Error::InvalidArgument("sample".into()).into(),
        Error::Storage(StorageError::Full).into(),
        Error::Storage(StorageError::WrongKey).into(),
        Error::Storage(StorageError::Corrupt("sample".into())).into(),
        Error::Storage(StorageError::Busy).into(),
        SyncError::LoginRequired.into(),
        BindError::WrongCredentials("wrong phone number, e-mail address or password".into()),
        SyncError::Network("connection refused".into()).into(),
        SyncError::RetryLater(Duration::from_secs(30)).into(),
        SyncError::Forbidden("not_registered_with_seller".into()).into(),
        SyncError::Server { status: 422, code: "invalid".into(), message: "the order is out with another DA".into() }.into(),
        SyncError::Server { status: 503, code: "unavailable".into(), message: "try later".into() }.into(),
        SyncError::InsecureUrl("example.com".into()).into(),
        SyncError::Protocol("sample".into()).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_has_one_constructor_and_each_code_one_class() {
        let mut by_class = std::collections::BTreeMap::new();
        let mut by_code = std::collections::BTreeMap::new();
        for e in samples() {
            let t = e.thrown();
            assert!(t.class.starts_with(FAMILY), "{t:?}");
            assert!(!t.code.is_empty(), "{t:?}");
            let names: Vec<_> = t.fields.iter().map(|(n, f)| (*n, f.jni_type())).collect();
            assert_eq!(by_class.entry(t.class.clone()).or_insert_with(|| names.clone()), &names, "{}", t.class);
            assert_eq!(by_code.entry(t.code).or_insert_with(|| t.class.clone()), &t.class, "{}", t.code);
        }
        // Every class of the Kotlin family but the open bases (Sync: the base of every sync failure).
        assert_eq!(by_class.len(), 20, "{:?}", by_class.keys());
    }

    #[test]
    fn a_wrong_password_is_not_an_expired_session() {
        let wrong = BindError::WrongCredentials("wrong password".into()).thrown();
        let expired = BindError::from(SyncError::LoginRequired).thrown();
        assert_ne!(wrong.class, expired.class);
        assert_eq!(expired.code, "sync-session-expired");
    }
}
