//! The bridge's errors and the Kotlin exception each becomes: one sealed family,
//! `com.track.core.TrackException`, plus the JVM's own IllegalArgumentException for bad arguments.

use track_core::{Error, StorageError};

/// What went wrong in a call, and the Kotlin exception class it is thrown as.
#[derive(Debug)]
pub enum BindError {
    /// A core error.
    Core(Error),
    /// A bad argument from Kotlin (bad frame geometry, an unknown reason code…).
    InvalidArgument(String),
    /// A JNI failure (a Java exception may already be pending).
    Jni(jni::errors::Error),
}

impl From<Error> for BindError {
    fn from(e: Error) -> Self {
        BindError::Core(e)
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

const FAMILY: &str = "com/track/core/TrackException$";

impl BindError {
    /// The JNI name of the exception class, and its message.
    pub fn exception(&self) -> (String, String) {
        match self {
            BindError::Core(e) => {
                let class = match e {
                    Error::BadScan(_) | Error::LabelMismatch { .. } | Error::EmptyBatch => "BadScan",
                    Error::OutsideWorkingHours { .. } | Error::Clock(_) => "OutsideWorkingHours",
                    Error::NotOnItinerary { .. } | Error::OrderNotFound(_) => "NotOnItinerary",
                    Error::InvalidTrackingId(_) => "InvalidTrackingId",
                    Error::InvalidArgument(_) => "InvalidArgument",
                    Error::Storage(StorageError::Full) | Error::Storage(_) => "Storage",
                    Error::Sync(_) => "Sync",
                };
                (format!("{FAMILY}{class}"), e.to_string())
            }
            BindError::InvalidArgument(m) => ("java/lang/IllegalArgumentException".into(), m.clone()),
            BindError::Jni(e) => ("java/lang/RuntimeException".into(), format!("JNI failure: {e}")),
        }
    }
}
