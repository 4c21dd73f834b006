//! The proof-of-delivery photo on the phone: the file the app took is read once when the
//! Delivered scan is recorded, checked at the edge (a JPEG, not empty, at most
//! [`MAX_POD_PHOTO_BYTES`]) and named by its SHA-256 in hex, the reference the Delivered event
//! carries. Owns that check and the reference; the copy waits in the photo queue
//! ([`crate::storage::photos`]) until the sync client uploads it after its event was accepted.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::Error;
pub use crate::sync::wire::MAX_POD_PHOTO_BYTES;

/// A checked photo: its bytes (the app's copy) and its SHA-256 in lowercase hex.
#[derive(Clone, PartialEq, Eq)]
pub struct PodPhoto {
    bytes: Vec<u8>,
    sha256: String,
}

impl std::fmt::Debug for PodPhoto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PodPhoto({} bytes, sha256 {})", self.bytes.len(), self.sha256)
    }
}

fn refused(why: String) -> Error {
    Error::InvalidArgument(format!("the proof-of-delivery photo {why}"))
}

impl PodPhoto {
    /// Reads and checks the photo file at `path`. When the app gives the SHA-256 it computed
    /// (`expected_sha256`, hex), the file must still have it.
    pub fn read(path: &Path, expected_sha256: Option<&str>) -> Result<Self, Error> {
        let file = std::fs::File::open(path).map_err(|e| refused(format!("cannot be read ({e}): take the photo again")))?;
        let mut bytes = Vec::new();
        // One byte more than the cap tells a file that is too large without reading all of it.
        file.take(MAX_POD_PHOTO_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| refused(format!("cannot be read ({e}): take the photo again")))?;
        let photo = Self::from_bytes(bytes)?;
        if let Some(expected) = expected_sha256 {
            if !expected.trim().eq_ignore_ascii_case(&photo.sha256) {
                return Err(refused("file changed after it was taken (its SHA-256 differs): take the photo again".into()));
            }
        }
        Ok(photo)
    }

    /// Checks photo bytes: a JPEG (it starts with the JPEG start-of-image marker), not empty, at
    /// most [`MAX_POD_PHOTO_BYTES`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, Error> {
        if bytes.is_empty() {
            return Err(refused("is empty: take the photo again".into()));
        }
        if bytes.len() > MAX_POD_PHOTO_BYTES {
            return Err(refused(format!(
                "is larger than {} MiB: take it again at a lower resolution",
                MAX_POD_PHOTO_BYTES / (1024 * 1024)
            )));
        }
        if !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Err(refused("is not a JPEG: only JPEG photos are taken".into()));
        }
        let sha256 = hex::encode(Sha256::digest(&bytes));
        Ok(Self { bytes, sha256 })
    }

    /// The photo's reference: its SHA-256 in lowercase hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_jpeg_within_the_cap_is_taken() {
        let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[7; 100]].concat();
        let photo = PodPhoto::from_bytes(jpeg.clone()).unwrap();
        assert_eq!(photo.sha256().len(), 64);
        assert_eq!(photo.sha256(), hex::encode(Sha256::digest(&jpeg)));
        let err = |b: Vec<u8>| PodPhoto::from_bytes(b).unwrap_err().to_string();
        assert!(err(Vec::new()).contains("is empty"));
        assert!(err(b"\x89PNG\r\n\x1a\n".to_vec()).contains("is not a JPEG"));
        let mut big = jpeg.clone();
        big.resize(MAX_POD_PHOTO_BYTES + 1, 0);
        assert!(err(big).contains("larger than 4 MiB"));
        let mut at_cap = jpeg;
        at_cap.resize(MAX_POD_PHOTO_BYTES, 0);
        assert!(PodPhoto::from_bytes(at_cap).is_ok());
    }

    #[test]
    fn a_file_is_read_and_its_given_sha256_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pod.jpg");
        std::fs::write(&path, [0xFF, 0xD8, 0xFF, 0xDB, 1, 2, 3]).unwrap();
        let photo = PodPhoto::read(&path, None).unwrap();
        assert_eq!(PodPhoto::read(&path, Some(&photo.sha256().to_uppercase())).unwrap(), photo);
        let changed = PodPhoto::read(&path, Some(&"0".repeat(64))).unwrap_err().to_string();
        assert!(changed.contains("changed after it was taken"), "{changed}");
        let missing = PodPhoto::read(&dir.path().join("gone.jpg"), None).unwrap_err().to_string();
        assert!(missing.contains("cannot be read"), "{missing}");
    }
}
