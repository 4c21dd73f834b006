//! Proof-of-delivery photos on the server: an upload is checked (a JPEG, at most
//! [`MAX_PHOTO_BYTES`]), re-encoded with its orientation applied so that no metadata survives
//! (no EXIF location, device or time), and kept in an object store (`object_store`: a folder on
//! the filesystem by default). The customer sees it through a URL signed for that tracking ID and
//! event, expiring after [`URL_LIFETIME_S`]; a URL altered to name another parcel does not verify.
//! Owns the photo objects, the URL signatures and the `photos` table: the upload of a Delivered
//! event's photo by its DA (`PUT /v1/scan-events/{event_id}/photo`: once per event; the same
//! bytes again are a success, other bytes a conflict) and the customer's photo
//! (`GET /v1/tracking/{tracking_id}/photos/{event_id}?expires=…&sig=…`).

use std::io::Cursor;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};
use sha2::{Digest, Sha256};
use track_core::event::ScanKind;
use track_core::sync::wire::PhotoStored;
use uuid::Uuid;

use crate::app::App;
use crate::args;
use crate::auth::Caller;
use crate::error::Failure;

/// The largest upload taken (a phone's photo, compressed): the protocol's cap, which the phone
/// checks too.
pub const MAX_PHOTO_BYTES: usize = track_core::sync::wire::MAX_POD_PHOTO_BYTES;
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
        self.store(tracking_id, event_id, cleaned).await?;
        Ok(size)
    }

    /// Stores a photo already [`clean`]ed (replacing an earlier one of the same event).
    pub async fn store(&self, tracking_id: &str, event_id: &str, cleaned: Vec<u8>) -> Result<(), PhotoError> {
        self.store
            .put(&Self::path(tracking_id, event_id), PutPayload::from(cleaned))
            .await
            .map_err(|e| PhotoError::Store(e.to_string()))?;
        Ok(())
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

/// Where photos are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoStore {
    /// A folder on the filesystem (created when missing).
    Folder(std::path::PathBuf),
    /// An object store URL: `s3://BUCKET/PREFIX` (an S3-compatible store, configured by the
    /// `AWS_*` environment variables: `AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`; needs the server built with the `s3` feature)
    /// or `file:///FOLDER`.
    Url(String),
}

impl PhotoStore {
    /// The default beside a database: `FILE.photos/` for a SQLite file, `track-photos/` in the
    /// working folder for PostgreSQL.
    pub fn beside(db: &crate::store::Location) -> Self {
        match db {
            crate::store::Location::Sqlite(path) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".photos");
                PhotoStore::Folder(name.into())
            }
            crate::store::Location::Postgres(_) => PhotoStore::Folder("track-photos".into()),
        }
    }

    /// `s3://…` or `file://…` is a URL; anything else a folder.
    pub fn parse(s: &str) -> Self {
        if s.contains("://") { PhotoStore::Url(s.to_string()) } else { PhotoStore::Folder(s.into()) }
    }
}

impl Photos {
    /// Opens the configured store.
    pub fn open(store: &PhotoStore, key: &[u8]) -> Result<Self, PhotoError> {
        match store {
            PhotoStore::Folder(folder) => Self::in_folder(folder, key),
            PhotoStore::Url(raw) => {
                let url = url::Url::parse(raw).map_err(|e| PhotoError::Store(format!("{raw:?} is not a URL: {e}")))?;
                // The AWS_* variables, as the S3 builder's option names.
                let options = std::env::vars().filter(|(k, _)| k.starts_with("AWS_")).map(|(k, v)| (k.to_ascii_lowercase(), v));
                let (store, prefix) = object_store::parse_url_opts(&url, options)
                    .map_err(|e| PhotoError::Store(format!("{raw}: {e} (an s3:// store needs the server built with the `s3` feature)")))?;
                let store: Arc<dyn ObjectStore> = Arc::from(store);
                let store: Arc<dyn ObjectStore> =
                    if prefix.as_ref().is_empty() { store } else { Arc::new(object_store::prefix::PrefixStore::new(store, prefix)) };
                Ok(Self::on(store, key))
            }
        }
    }
}

/// What a claim on an event's photo found.
enum Claim {
    /// Store it (the object may be missing: a first upload, or one cut before it was stored).
    Store { tracking_id: String },
    /// The same photo is stored already.
    Stored(PhotoStored),
}

fn not_stored(e: PhotoError) -> Failure {
    let (status, code) = e.status_and_code();
    let mut failure = Failure::new(status, code, e.to_string());
    if status == 503 {
        failure.retry_after = Some(30);
    }
    failure
}

impl App {
    /// Whether `caller` may upload the photo of event `event_id`: a Delivered scan the server
    /// accepted from that DA. Returns the event's tracking ID and its photo reference.
    fn photo_event(&self, caller: &Caller, event_id: &Uuid) -> Result<(String, Option<String>), Failure> {
        let row: Option<(String, String, String, String, Option<String>)> = self.read(|tx| {
            Ok(tx.query_opt(
                "SELECT da_id, kind, outcome, tracking_id, pod_photo FROM events WHERE event_id = ?1",
                args![event_id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?)
        })?;
        let Some((da_id, kind, outcome, tracking_id, reference)) = row else {
            return Err(Failure::new(404, "unknown_event", "the server has no scan event with this ID: sync the event first, then upload its photo"));
        };
        if da_id != caller.da_id {
            return Err(Failure::forbidden("not_your_event", "this scan event was recorded by another DA: only its DA uploads its photo"));
        }
        if kind != ScanKind::Delivered.code() || outcome != "accepted" {
            return Err(Failure::new(
                422,
                "not_a_delivery",
                "a photo goes with a Delivered scan the server accepted; this event is not one",
            ));
        }
        Ok((tracking_id, reference))
    }

    /// `PUT /v1/scan-events/{event_id}/photo`, the checks before the photo is read: the event is
    /// the caller's accepted Delivered scan.
    pub fn check_photo_upload(&self, caller: &Caller, event_id: &str) -> Result<Uuid, Failure> {
        let id = Uuid::parse_str(event_id).map_err(|_| Failure::new(404, "unknown_event", "the event ID is not a UUID: no such scan event"))?;
        self.photo_event(caller, &id)?;
        Ok(id)
    }

    fn claim_photo(&self, caller: &Caller, event_id: &Uuid, sha256: &str) -> Result<Claim, Failure> {
        let (tracking_id, reference) = self.photo_event(caller, event_id)?;
        // A Delivered event that names its photo by SHA-256 takes that photo only.
        if let Some(reference) = reference.filter(|r| r.len() == 64 && r.bytes().all(|b| b.is_ascii_hexdigit())) {
            if !reference.eq_ignore_ascii_case(sha256) {
                return Err(Failure::new(
                    422,
                    "photo_mismatch",
                    "this photo is not the one the Delivered scan names (its SHA-256 differs): upload the photo taken at the door",
                ));
            }
        }
        let now = self.now().timestamp_millis();
        let id = event_id.to_string();
        let (stored_sha, stored_bytes, stored_at): (String, Option<i64>, Option<i64>) = self.write(|tx| {
            tx.execute(
                "INSERT INTO photos (event_id, tracking_id, sha256, received_at_ms) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (event_id) DO NOTHING",
                args![id, tracking_id, sha256, now],
            )?;
            Ok(tx.query_row("SELECT sha256, stored_bytes, stored_at_ms FROM photos WHERE event_id = ?1", args![id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?)
        })?;
        if stored_sha != sha256 {
            return Err(Failure::new(409, "photo_conflict", "another photo was already uploaded for this delivery: a delivery keeps its first photo"));
        }
        match (stored_at, stored_bytes) {
            (Some(_), Some(bytes)) => {
                Ok(Claim::Stored(PhotoStored { event_id: *event_id, sha256: stored_sha, stored_bytes: u64::try_from(bytes).unwrap_or(0) }))
            }
            _ => Ok(Claim::Store { tracking_id }),
        }
    }

    fn photo_stored(&self, event_id: &Uuid, bytes: usize) -> Result<(), Failure> {
        let now = self.now().timestamp_millis();
        let bytes = i64::try_from(bytes).unwrap_or(i64::MAX);
        self.write(|tx| {
            tx.execute(
                "UPDATE photos SET stored_bytes = ?2, stored_at_ms = ?3 WHERE event_id = ?1 AND stored_at_ms IS NULL",
                args![event_id.to_string(), bytes, now],
            )?;
            Ok(())
        })
    }

    /// `PUT /v1/scan-events/{event_id}/photo` after [`App::check_photo_upload`]: cleans the photo,
    /// claims the event for it and stores it. `Ok((true, …))` when stored now, `(false, …)` when
    /// the same photo was stored before. Async: the object store is.
    pub async fn upload_photo(self: Arc<Self>, caller: Caller, event_id: Uuid, upload: bytes::Bytes) -> Result<(bool, PhotoStored), Failure> {
        let sha256 = hex::encode(Sha256::digest(&upload));
        // Decoding and re-encoding is CPU work: off the async workers, like the database.
        let app = self.clone();
        let claimed = tokio::task::spawn_blocking(move || {
            let cleaned = clean(&upload).map_err(not_stored)?;
            let claim = app.claim_photo(&caller, &event_id, &sha256)?;
            Ok::<_, Failure>((cleaned, claim, sha256))
        })
        .await
        .map_err(|e| Failure::internal(format!("the photo could not be handled: {e}")))??;
        let (cleaned, claim, sha256) = claimed;
        let tracking_id = match claim {
            Claim::Stored(stored) => return Ok((false, stored)),
            Claim::Store { tracking_id } => tracking_id,
        };
        let size = cleaned.len();
        self.photos.store(&tracking_id, &event_id.to_string(), cleaned).await.map_err(not_stored)?;
        let app = self.clone();
        tokio::task::spawn_blocking(move || app.photo_stored(&event_id, size))
            .await
            .map_err(|e| Failure::internal(format!("the photo could not be recorded: {e}")))??;
        log::info!("stored the photo of a delivery of {}", track_core::redact(&tracking_id));
        Ok((true, PhotoStored { event_id, sha256, stored_bytes: size as u64 }))
    }

    /// The customer's URL of a stored photo (a path under this server), signed for that tracking
    /// ID and event.
    pub(crate) fn photo_url(&self, tracking_id: &str, event_id: &str) -> Result<String, Failure> {
        let query = self.photos.sign(tracking_id, event_id, self.now()).map_err(not_stored)?;
        Ok(format!("/v1/tracking/{tracking_id}/photos/{event_id}?{query}"))
    }

    /// `GET /v1/tracking/{tracking_id}/photos/{event_id}?expires=…&sig=…`: the photo, when the
    /// signature names this tracking ID and event and has not expired (403 otherwise; 400 when the
    /// URL has no expiry or signature).
    pub async fn customer_photo(self: Arc<Self>, tracking_id: String, event_id: String, expires: Option<i64>, sig: Option<String>) -> Result<Vec<u8>, Failure> {
        let tracking = crate::view::tracking_id_from_path(&tracking_id)?;
        let (Some(expires), Some(sig)) = (expires, sig) else {
            return Err(Failure::new(400, "bad_photo_url", "the photo URL lacks its expiry or signature: use the URL of the tracking view"));
        };
        self.photos.verify(tracking.as_str(), &event_id, expires, &sig, self.now()).map_err(not_stored)?;
        let app = self.clone();
        let (t, e) = (tracking.as_str().to_string(), event_id.clone());
        let stored = tokio::task::spawn_blocking(move || {
            app.read(|tx| {
                Ok(tx.query_opt(
                    "SELECT event_id FROM photos WHERE event_id = ?1 AND tracking_id = ?2 AND stored_at_ms IS NOT NULL",
                    args![e, t],
                    |r| r.get::<String>(0),
                )?)
            })
        })
        .await
        .map_err(|e| Failure::internal(format!("the photo could not be found: {e}")))??;
        if stored.is_none() {
            return Err(not_stored(PhotoError::NotFound));
        }
        self.photos.get(tracking.as_str(), &event_id).await.map_err(not_stored)
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
