//! Customer details at rest (owns the sealing, not the rows: those are [`crate::storage`]'s): name, address and phone are sealed with ChaCha20-Poly1305 under a
//! key the app supplies (on Android, held by the Android Keystore). The key never lands in the
//! database or the logs; a wrong key is a clear error, never garbage. Without a key (the CLI,
//! tests) the details are stored as plain text.
//!
//! A sealed value is a BLOB: a 12-byte random nonce, then the ciphertext and its tag. The
//! associated data binds it to its order and field, so values cannot be swapped between rows.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rusqlite::types::{Value, ValueRef};

use crate::error::{Error, StorageError};

/// The app's 256-bit key for customer details.
#[derive(Clone)]
pub struct CustomerKey([u8; 32]);

impl CustomerKey {
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::InvalidArgument(format!("the customer-data key must be 32 bytes, not {}", bytes.len())))?;
        Ok(Self(key))
    }
}

impl std::fmt::Debug for CustomerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CustomerKey(…)")
    }
}

const CHECK_AAD: &[u8] = b"track vault check";
const CHECK_TEXT: &[u8] = b"track customer vault v1";

/// Seals and opens customer details.
pub(crate) struct Vault {
    cipher: Option<ChaCha20Poly1305>,
}

impl Vault {
    pub fn new(key: Option<&CustomerKey>) -> Self {
        Self { cipher: key.map(|k| ChaCha20Poly1305::new(Key::from_slice(&k.0))) }
    }

    fn encrypt(cipher: &ChaCha20Poly1305, aad: &[u8], plain: &[u8]) -> Result<Vec<u8>, StorageError> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|e| StorageError::Corrupt(format!("no random numbers for a nonce: {e}")))?;
        let mut out = nonce.to_vec();
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad })
            .map_err(|_| StorageError::Corrupt("customer details could not be sealed".into()))?;
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    fn decrypt(cipher: &ChaCha20Poly1305, aad: &[u8], blob: &[u8]) -> Option<Vec<u8>> {
        let (nonce, sealed) = blob.split_at_checked(12)?;
        cipher.decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad }).ok()
    }

    /// The stored form of a customer field of an order.
    pub fn seal(&self, tracking_id: &str, field: &str, value: &str) -> Result<Value, StorageError> {
        match &self.cipher {
            None => Ok(Value::Text(value.to_string())),
            Some(_) if value.is_empty() => Ok(Value::Text(String::new())),
            Some(c) => Ok(Value::Blob(Self::encrypt(c, format!("{tracking_id}/{field}").as_bytes(), value.as_bytes())?)),
        }
    }

    /// A customer field as stored: plain text, or sealed.
    pub fn open(&self, tracking_id: &str, field: &str, stored: ValueRef<'_>) -> Result<String, StorageError> {
        match stored {
            ValueRef::Null => Ok(String::new()),
            ValueRef::Text(t) => Ok(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => {
                let cipher = self.cipher.as_ref().ok_or(StorageError::KeyRequired)?;
                let plain = Self::decrypt(cipher, format!("{tracking_id}/{field}").as_bytes(), b).ok_or(StorageError::WrongKey)?;
                String::from_utf8(plain).map_err(|_| StorageError::Corrupt("a customer field is not text".into()))
            }
            _ => Err(StorageError::Corrupt(format!("customer {field} has an unexpected type"))),
        }
    }

    /// At open: checks the key against the database's key check (`stored`). Returns the key
    /// check to record when this is the key's first use (the caller then seals the details still
    /// stored as plain text). Refuses a wrong key, and a missing one for a database whose details
    /// are sealed.
    pub fn verify(&self, stored: Option<&[u8]>) -> Result<Option<Vec<u8>>, StorageError> {
        let Some(cipher) = &self.cipher else {
            return if stored.is_some() { Err(StorageError::KeyRequired) } else { Ok(None) };
        };
        match stored {
            Some(check) => match Self::decrypt(cipher, CHECK_AAD, check) {
                Some(t) if t == CHECK_TEXT => Ok(None),
                _ => Err(StorageError::WrongKey),
            },
            None => Ok(Some(Self::encrypt(cipher, CHECK_AAD, CHECK_TEXT)?)),
        }
    }
}
