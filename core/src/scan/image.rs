//! Owned luminance images: image files (PNG, JPEG, WebP) decoded for the CLI and the tests, and
//! frames built in memory. Owns the image decoding (the `image` crate, feature `image-files`:
//! the phone's library leaves it out) and its limits; the camera's own frames are borrowed views
//! ([`super::frame`]).

use std::fmt;
#[cfg(feature = "image-files")]
use std::path::Path;

use super::frame::{Frame, FrameError};
#[cfg(feature = "image-files")]
use super::frame::MAX_SIDE;

/// An owned luminance image, for image files (the CLI, tests) and frames built in memory.
#[derive(Clone, PartialEq, Eq)]
pub struct LumaImage {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl fmt::Debug for LumaImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LumaImage({}×{})", self.width, self.height)
    }
}

impl LumaImage {
    /// An image from packed luminance bytes (`width × height`).
    pub fn from_raw(width: u32, height: u32, data: Vec<u8>) -> Result<Self, FrameError> {
        Frame::luma(&data, width, height)?;
        Ok(Self { width, height, data })
    }

    /// Reads a PNG, JPEG or WebP file (feature `image-files`) and converts it to 8-bit luminance.
    #[cfg(feature = "image-files")]
    pub fn open(path: impl AsRef<Path>) -> Result<Self, FrameError> {
        let path = path.as_ref();
        let err = |detail: String| FrameError::Image { path: path.display().to_string(), detail };
        let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
        Self::decode(&bytes).map_err(|e| match e {
            FrameError::Image { detail, .. } => err(detail),
            other => other,
        })
    }

    /// Decodes an encoded PNG, JPEG or WebP image to 8-bit luminance (feature `image-files`).
    #[cfg(feature = "image-files")]
    pub fn decode(bytes: &[u8]) -> Result<Self, FrameError> {
        let err = |detail: String| FrameError::Image { path: "(memory)".into(), detail };
        let reader = image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|e| err(e.to_string()))?;
        if reader.format().is_none() {
            return Err(err("not a PNG, JPEG or WebP image".into()));
        }
        let mut reader = reader;
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(1 << 30);
        reader.limits(limits);
        let img = reader.decode().map_err(|e| err(e.to_string()))?.into_luma8();
        let (width, height) = img.dimensions();
        Self::from_raw(width, height, img.into_raw())
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.data
    }

    /// The upright, uncropped frame over this image.
    pub fn frame(&self) -> Frame<'_> {
        Frame::packed(&self.data, self.width, self.height)
    }
}
