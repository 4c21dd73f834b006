//! Errors of sync: each tells the app what to do (log in again, wait, fix the address).

use std::time::Duration;

/// Why a sync did not complete. Recorded events are never lost because of these: they stay in
/// the outbox and go with the next sync.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    #[error("sync server address {0:?} is not a valid URL")]
    BadUrl(String),
    #[error("refusing plain HTTP to {0}: use https (plain http is only allowed to this device's loopback address)")]
    InsecureUrl(String),
    #[error("the session has expired or was revoked: log in again (your scans are kept and will be sent)")]
    LoginRequired,
    #[error("the server refused: {0}")]
    Forbidden(String),
    #[error("the server is unreachable ({0}): scans are kept and will be sent when the network is back")]
    Network(String),
    #[error("the server asked to wait {}s before sending again: scans are kept", .0.as_secs())]
    RetryLater(Duration),
    /// A 5xx is the server's failure; a 4xx is the server refusing this request.
    #[error("{} ({status} {code}): {message}", if *.status >= 500 { "the server failed" } else { "the server refused the request" })]
    Server { status: u16, code: String, message: String },
    #[error("the server's answer could not be read: {0}")]
    Protocol(String),
}

impl SyncError {
    /// Whether trying again later may succeed without anything else changing.
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Network(_) | SyncError::RetryLater(_) => true,
            SyncError::Server { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hole_client_errors_are_not_called_server_failures() {
        let refused = SyncError::Server { status: 409, code: "conflict".into(), message: "event ID reused".into() };
        assert_eq!(refused.to_string(), "the server refused the request (409 conflict): event ID reused");
        let failed = SyncError::Server { status: 503, code: "unavailable".into(), message: "try later".into() };
        assert!(failed.to_string().starts_with("the server failed (503"), "{failed}");
    }
}
