//! Proof-of-delivery photos on the server: an upload is checked (a JPEG, at most
//! [`MAX_PHOTO_BYTES`]), re-encoded with its orientation applied so that no metadata survives
//! (no EXIF location, device or time), and kept in an object store (`object_store`: a folder on
//! the filesystem by default). The customer sees it through a URL signed for that tracking ID and
//! event, expiring after [`URL_LIFETIME_S`]; a URL altered to name another parcel does not verify.
//! Owns the photo objects and the URL signatures.

use std::io::Cursor;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};
use sha2::Sha256;

/// The largest upload taken (a phone's photo, compressed).
pub const MAX_PHOTO_BYTES: usize = 4 * 1024 * 1024;
/// The largest side kept; larger photos are scaled down.
pub const MAX_SIDE: u32 = 2048;
/// The quality of the re-encoded JPEG.
const JPEG_QUALITY: u8 = 80;
/// How long a customer's photo URL works.
pub const URL_LIFETIME_S: i64 = 7 * 24 * 3600;

/// Why a photo was refused or not found.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("the photo is {0} bytes: at most {MAX_PHOTO_BYTES} are taken")]
    TooBig(usize),
    #[error("the photo is empty")]
    Empty,
    #[error("the photo must be a JPEG")]
    NotJpeg,
    #[error("the photo could not be read as a JPEG: {0}")]
    Unreadable(String),
    #[error("no photo for this delivery")]
    NotFound,
    #[error("the photo URL is not valid or has expired")]
    BadSignature,
    #[error("the photo store failed: {0}")]
    Store(String),
}

impl PhotoError {
    /// The HTTP status and stable code of the refusal.
    pub fn status_and_code(&self) -> (u16, &'static str) {
        match self {
            PhotoError::TooBig(_) => (413, "photo_too_large"),
            PhotoError::Empty | PhotoError::Unreadable(_) => (400, "invalid_photo"),
            PhotoError::NotJpeg => (415, "photo_not_jpeg"),
            PhotoError::NotFound => (404, "photo_not_found"),
            PhotoError::BadSignature => (403, "bad_photo_url"),
            PhotoError::Store(_) => (503, "photo_store_unavailable"),
        }
    }
}

/// Checks an upload and re-encodes it: orientation applied, metadata gone, at most
/// [`MAX_SIDE`] pixels a side.
pub fn clean(upload: &[u8]) -> Result<Vec<u8>, PhotoError> {
    if upload.is_empty() {
        return Err(PhotoError::Empty);
    }
    if upload.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooBig(upload.len()));
    }
    let reader = ImageReader::new(Cursor::new(upload)).with_guessed_format().map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    if reader.format() != Some(ImageFormat::Jpeg) {
        return Err(PhotoError::NotJpeg);
    }
    let mut decoder = reader.into_decoder().map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    let orientation = decoder.orientation().map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    // A decompression bomb: a small file claiming a huge image.
    if u64::from(w) * u64::from(h) > 64_000_000 {
        return Err(PhotoError::Unreadable(format!("{w}×{h} pixels is too large")));
    }
    let mut photo = DynamicImage::from_decoder(decoder).map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    photo.apply_orientation(orientation);
    if photo.width() > MAX_SIDE || photo.height() > MAX_SIDE {
        photo = photo.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&photo.to_rgb8())
        .map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    Ok(out)
}

/// Where photos are kept, and the key URLs are signed with.
#[derive(Clone)]
pub struct Photos {
    store: Arc<dyn ObjectStore>,
    key: Arc<[u8]>,
}

impl Photos {
    /// Photos in a folder on the filesystem (created if missing).
    pub fn in_folder(folder: &std::path::Path, key: &[u8]) -> Result<Self, PhotoError> {
        std::fs::create_dir_all(folder).map_err(|e| PhotoError::Store(e.to_string()))?;
        let store = LocalFileSystem::new_with_prefix(folder).map_err(|e| PhotoError::Store(e.to_string()))?;
        Ok(Self::on(Arc::new(store), key))
    }

    /// Photos in any object store (an S3-compatible bucket, memory in tests).
    pub fn on(store: Arc<dyn ObjectStore>, key: &[u8]) -> Self {
        Self { store, key: key.into() }
    }

    fn path(tracking_id: &str, event_id: &str) -> Path {
        Path::from(format!("pod/{tracking_id}/{event_id}.jpg"))
    }

    /// Cleans and stores the photo of an event (replacing an earlier upload of the same event, so
    /// a retried upload is harmless). Returns the stored size.
    pub async fn put(&self, tracking_id: &str, event_id: &str, upload: &[u8]) -> Result<usize, PhotoError> {
        let cleaned = clean(upload)?;
        let size = cleaned.len();
        self.store
            .put(&Self::path(tracking_id, event_id), PutPayload::from(cleaned))
            .await
            .map_err(|e| PhotoError::Store(e.to_string()))?;
        Ok(size)
    }

    /// The stored photo of an event.
    pub async fn get(&self, tracking_id: &str, event_id: &str) -> Result<Vec<u8>, PhotoError> {
        match self.store.get(&Self::path(tracking_id, event_id)).await {
            Ok(found) => Ok(found.bytes().await.map_err(|e| PhotoError::Store(e.to_string()))?.to_vec()),
            Err(object_store::Error::NotFound { .. }) => Err(PhotoError::NotFound),
            Err(e) => Err(PhotoError::Store(e.to_string())),
        }
    }

    fn signature(&self, tracking_id: &str, event_id: &str, expires: i64) -> Result<Hmac<Sha256>, PhotoError> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).map_err(|e| PhotoError::Store(e.to_string()))?;
        mac.update(format!("{tracking_id}\n{event_id}\n{expires}").as_bytes());
        Ok(mac)
    }

    /// The query of the customer's URL of an event's photo: `expires=…&sig=…`.
    pub fn sign(&self, tracking_id: &str, event_id: &str, now: DateTime<Utc>) -> Result<String, PhotoError> {
        let expires = now.timestamp().saturating_add(URL_LIFETIME_S);
        let sig = self.signature(tracking_id, event_id, expires)?.finalize().into_bytes();
        Ok(format!("expires={expires}&sig={}", hex::encode(sig)))
    }

    /// Whether a URL's signature names this tracking ID and event and has not expired.
    pub fn verify(&self, tracking_id: &str, event_id: &str, expires: i64, sig: &str, now: DateTime<Utc>) -> Result<(), PhotoError> {
        if now.timestamp() > expires {
            return Err(PhotoError::BadSignature);
        }
        let bytes = hex::decode(sig).map_err(|_| PhotoError::BadSignature)?;
        self.signature(tracking_id, event_id, expires)?.verify_slice(&bytes).map_err(|_| PhotoError::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use image::{Rgb, RgbImage};

    /// A JPEG with an EXIF block carrying an orientation (rotate 90°) and a GPS-like marker text.
    fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, _| if x < w / 2 { Rgb([250, 10, 10]) } else { Rgb([10, 10, 250]) });
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 90).encode_image(&img).unwrap();
        // EXIF (big-endian TIFF): IFD0 with Orientation = 6 (rotate 90° clockwise) and an
        // ImageDescription holding text that must not survive.
        let secret = b"GPS 12.9716N 77.5946E\0";
        let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&2u16.to_be_bytes());
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
        let text_at = 8 + 2 + 24 + 4;
        tiff.extend_from_slice(&[0x01, 0x0e, 0, 2]);
        tiff.extend_from_slice(&(secret.len() as u32).to_be_bytes());
        tiff.extend_from_slice(&(text_at as u32).to_be_bytes());
        tiff.extend_from_slice(&0u32.to_be_bytes());
        tiff.extend_from_slice(secret);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn cleaning_applies_the_orientation_and_drops_the_metadata() {
        let upload = jpeg_with_exif(64, 32);
        assert!(upload.windows(4).any(|w| w == b"GPS "), "the fixture carries the text");
        let cleaned = clean(&upload).unwrap();
        assert!(!cleaned.windows(4).any(|w| w == b"GPS "), "metadata survived");
        assert!(!cleaned.windows(4).any(|w| w == b"Exif"), "an EXIF block survived");
        let img = image::load_from_memory(&cleaned).unwrap();
        assert_eq!((img.width(), img.height()), (32, 64), "rotated by the orientation");
    }

    #[test]
    fn bad_uploads_are_refused_with_their_reason() {
        assert!(matches!(clean(&[]), Err(PhotoError::Empty)));
        assert!(matches!(clean(&vec![0xFF; MAX_PHOTO_BYTES + 1]), Err(PhotoError::TooBig(_))));
        // A PNG (its signature and header): refused by type, whatever follows.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x04\0\0\0\x04\x08\x02\0\0\0";
        assert!(matches!(clean(png), Err(PhotoError::NotJpeg)));
        assert_eq!(PhotoError::NotJpeg.status_and_code(), (415, "photo_not_jpeg"));
        let mut cut = jpeg_with_exif(64, 32);
        cut.truncate(cut.len() / 3);
        assert!(matches!(clean(&cut), Err(PhotoError::Unreadable(_))), "a cut JPEG");
        assert!(matches!(clean(b"\xFF\xD8\xFF not really"), Err(PhotoError::Unreadable(_))));
    }

    #[test]
    fn urls_are_signed_for_one_parcel_and_expire() {
        let photos = Photos::on(Arc::new(object_store::memory::InMemory::new()), b"server secret");
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let query = photos.sign("EK712345609IN", "evt-1", now).unwrap();
        let (expires, sig) = query.strip_prefix("expires=").and_then(|q| q.split_once("&sig=")).unwrap();
        let expires: i64 = expires.parse().unwrap();
        photos.verify("EK712345609IN", "evt-1", expires, sig, now).unwrap();
        assert!(photos.verify("EK712345610IN", "evt-1", expires, sig, now).is_err(), "another parcel");
        assert!(photos.verify("EK712345609IN", "evt-2", expires, sig, now).is_err(), "another event");
        assert!(photos.verify("EK712345609IN", "evt-1", expires + 1, sig, now).is_err(), "a longer life");
        assert!(photos.verify("EK712345609IN", "evt-1", expires, sig, now + Duration::seconds(URL_LIFETIME_S + 1)).is_err(), "expired");
        assert!(photos.verify("EK712345609IN", "evt-1", expires, "zz", now).is_err());
        assert!(photos.verify("EK712345609IN", "evt-1", expires, &"é".repeat(32), now).is_err());
        let other_key = Photos::on(Arc::new(object_store::memory::InMemory::new()), b"another secret");
        assert!(other_key.verify("EK712345609IN", "evt-1", expires, sig, now).is_err());
    }

    #[tokio::test]
    async fn photos_are_kept_in_a_folder_and_a_retry_replaces_the_first_upload() {
        let dir = tempfile::tempdir().unwrap();
        let photos = Photos::in_folder(dir.path(), b"k").unwrap();
        assert!(matches!(photos.get("EK712345609IN", "evt-1").await, Err(PhotoError::NotFound)));
        photos.put("EK712345609IN", "evt-1", &jpeg_with_exif(64, 32)).await.unwrap();
        photos.put("EK712345609IN", "evt-1", &jpeg_with_exif(64, 32)).await.unwrap();
        let stored = photos.get("EK712345609IN", "evt-1").await.unwrap();
        assert!(stored.starts_with(&[0xFF, 0xD8]));
        assert!(dir.path().join("pod/EK712345609IN/evt-1.jpg").exists());
        let files = walk(dir.path());
        assert_eq!(files, 1, "one file for the event");
    }

    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).unwrap().flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum()
    }
}
