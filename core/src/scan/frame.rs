//! Camera frames: the luminance (Y) plane as the camera delivers it, borrowed, never copied.
//!
//! A [`Frame`] is a checked view of the caller's buffer: width, height, row stride (which may
//! exceed the width), pixel stride, an optional crop rectangle (in buffer coordinates, applied
//! first) and a clockwise rotation by 0, 90, 180 or 270 degrees (applied after the crop, the way
//! Android's `ImageInfo.rotationDegrees` turns a sensor image upright). Every geometry is checked
//! once, when the frame is made: afterwards no pixel access can leave the buffer.
//!
//! Coordinates reported by the decoder (corner points) are those of the *upright* view: after
//! the crop and the rotation.

use std::fmt;

/// The largest side accepted, in pixels.
pub const MAX_SIDE: u32 = 1 << 15;

/// Why a frame's geometry was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("the frame is {width}×{height} pixels: width and height must both be at least 1")]
    ZeroSize { width: u32, height: u32 },
    #[error("the frame is {width}×{height} pixels: at most {max}×{max} is supported; downscale it first", max = MAX_SIDE)]
    TooLarge { width: u32, height: u32 },
    #[error("the pixel stride is 0: pass the distance in bytes between two pixels of a row (1 for a packed Y plane)")]
    ZeroPixelStride,
    #[error("the row stride {row_stride} is smaller than a row of the frame ({needed} bytes for the width × pixel stride): pass the plane's row stride, not the width")]
    RowStrideTooSmall { row_stride: usize, needed: usize },
    #[error("the buffer holds {len} bytes but a {width}×{height} frame with row stride {row_stride} and pixel stride {pixel_stride} needs {needed}: pass the whole plane")]
    BufferTooShort { len: usize, needed: usize, width: u32, height: u32, row_stride: usize, pixel_stride: usize },
    #[error("the buffer of {needed} bytes is too large: at most 2 GiB per plane is supported")]
    BufferTooLarge { needed: usize },
    #[error("the crop {crop} lies outside the {width}×{height} frame: crop within the frame (buffer coordinates, before rotation)")]
    CropOutside { crop: Rect, width: u32, height: u32 },
    #[error("the crop {crop} is empty: width and height must both be at least 1")]
    EmptyCrop { crop: Rect },
    #[error("rotation {0}° is not supported: use 0, 90, 180 or 270")]
    BadRotation(i64),
    #[error("an NV21 frame of {width}×{height} needs {needed} bytes (Y plane then interleaved V/U) but the buffer holds {len}")]
    Nv21TooShort { len: usize, needed: usize, width: u32, height: u32 },
    #[error("cannot read the image {path}: {detail}")]
    Image { path: String, detail: String },
}

/// A clockwise rotation applied to the (cropped) buffer to make it upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Rotation {
    #[default]
    R0,
    R90,
    R180,
    R270,
}

impl Rotation {
    /// All four rotations.
    pub const ALL: [Rotation; 4] = [Rotation::R0, Rotation::R90, Rotation::R180, Rotation::R270];

    /// Parses degrees as the camera reports them (negative and > 360 values are taken modulo 360).
    pub fn from_degrees(degrees: i64) -> Result<Self, FrameError> {
        match degrees.rem_euclid(360) {
            0 => Ok(Rotation::R0),
            90 => Ok(Rotation::R90),
            180 => Ok(Rotation::R180),
            270 => Ok(Rotation::R270),
            _ => Err(FrameError::BadRotation(degrees)),
        }
    }

    pub fn degrees(self) -> u32 {
        match self {
            Rotation::R0 => 0,
            Rotation::R90 => 90,
            Rotation::R180 => 180,
            Rotation::R270 => 270,
        }
    }
}

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rect {
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
}

impl Rect {
    pub fn new(left: u32, top: u32, width: u32, height: u32) -> Self {
        Self { left, top, width, height }
    }
}

impl fmt::Display for Rect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}×{} at ({}, {})", self.width, self.height, self.left, self.top)
    }
}

/// The geometry of a luminance plane as the camera describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub width: u32,
    pub height: u32,
    /// Bytes from one row to the next (at least `(width - 1) * pixel_stride + 1`).
    pub row_stride: usize,
    /// Bytes from one pixel to the next in a row (1 for a packed Y plane).
    pub pixel_stride: usize,
    pub rotation: Rotation,
    /// The part of the buffer to decode, in buffer coordinates (before rotation).
    pub crop: Option<Rect>,
}

impl Geometry {
    /// A packed plane: row stride = width, pixel stride 1, no rotation, no crop.
    pub fn packed(width: u32, height: u32) -> Self {
        Self { width, height, row_stride: width as usize, pixel_stride: 1, rotation: Rotation::R0, crop: None }
    }
}

/// A checked, borrowed view of a luminance plane, cropped and rotated upright.
///
/// Pixel `(x, y)` of the upright view lives at byte `base + x * dx + y * dy` of the buffer;
/// [`Frame::new`] proves that every such byte is inside the buffer.
#[derive(Clone, Copy)]
pub struct Frame<'a> {
    data: &'a [u8],
    width: u32,
    height: u32,
    base: usize,
    dx: isize,
    dy: isize,
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("dx", &self.dx)
            .field("dy", &self.dy)
            .finish_non_exhaustive()
    }
}

impl<'a> Frame<'a> {
    /// The upright, uncropped frame over packed luminance bytes that hold `width × height`
    /// (checked by the caller, [`super::image::LumaImage`]).
    pub(super) fn packed(data: &'a [u8], width: u32, height: u32) -> Frame<'a> {
        Frame { data, width, height, base: 0, dx: 1, dy: width as isize }
    }

    /// A packed luminance plane of `width × height` bytes.
    pub fn luma(data: &'a [u8], width: u32, height: u32) -> Result<Self, FrameError> {
        Self::new(data, Geometry::packed(width, height))
    }

    /// The Y plane of a whole NV21 frame (the Android camera's default preview format): `width ×
    /// height` luminance bytes followed by the interleaved V/U plane at half resolution.
    pub fn nv21(data: &'a [u8], width: u32, height: u32) -> Result<Self, FrameError> {
        check_size(width, height)?;
        let y = (width as usize).checked_mul(height as usize);
        let vu = (width as usize).div_ceil(2).checked_mul((height as usize).div_ceil(2)).and_then(|n| n.checked_mul(2));
        let needed = match (y, vu) {
            (Some(y), Some(vu)) => y.checked_add(vu).ok_or(FrameError::BufferTooLarge { needed: usize::MAX })?,
            _ => return Err(FrameError::BufferTooLarge { needed: usize::MAX }),
        };
        if data.len() < needed {
            return Err(FrameError::Nv21TooShort { len: data.len(), needed, width, height });
        }
        Self::luma(data, width, height)
    }

    /// A plane with any geometry: strides, crop and rotation are checked here.
    pub fn new(data: &'a [u8], g: Geometry) -> Result<Self, FrameError> {
        check_size(g.width, g.height)?;
        if g.pixel_stride == 0 {
            return Err(FrameError::ZeroPixelStride);
        }
        let too_large = FrameError::BufferTooLarge { needed: usize::MAX };
        let row_bytes = ((g.width as usize) - 1).checked_mul(g.pixel_stride).and_then(|n| n.checked_add(1)).ok_or(too_large.clone())?;
        if g.row_stride < row_bytes {
            return Err(FrameError::RowStrideTooSmall { row_stride: g.row_stride, needed: row_bytes });
        }
        let needed = ((g.height as usize) - 1).checked_mul(g.row_stride).and_then(|n| n.checked_add(row_bytes)).ok_or(too_large)?;
        // The engine indexes with 32-bit signed offsets.
        if needed > i32::MAX as usize || g.row_stride > i32::MAX as usize || g.pixel_stride > i32::MAX as usize {
            return Err(FrameError::BufferTooLarge { needed });
        }
        if data.len() < needed {
            return Err(FrameError::BufferTooShort {
                len: data.len(),
                needed,
                width: g.width,
                height: g.height,
                row_stride: g.row_stride,
                pixel_stride: g.pixel_stride,
            });
        }
        let crop = match g.crop {
            None => Rect::new(0, 0, g.width, g.height),
            Some(c) => {
                if c.width == 0 || c.height == 0 {
                    return Err(FrameError::EmptyCrop { crop: c });
                }
                let right = c.left as u64 + c.width as u64;
                let bottom = c.top as u64 + c.height as u64;
                if right > g.width as u64 || bottom > g.height as u64 {
                    return Err(FrameError::CropOutside { crop: c, width: g.width, height: g.height });
                }
                c
            }
        };
        // All values below are bounded by `needed` <= i32::MAX, so no overflow is possible.
        let rs = g.row_stride as isize;
        let ps = g.pixel_stride as isize;
        let origin = crop.top as usize * g.row_stride + crop.left as usize * g.pixel_stride;
        let (cw, ch) = (crop.width as usize, crop.height as usize);
        // Same conventions as zxing-cpp's ImageView::rotated (clockwise).
        let (base, width, height, dx, dy) = match g.rotation {
            Rotation::R0 => (origin, cw, ch, ps, rs),
            Rotation::R90 => (origin + (ch - 1) * g.row_stride, ch, cw, -rs, ps),
            Rotation::R180 => (origin + (ch - 1) * g.row_stride + (cw - 1) * g.pixel_stride, cw, ch, -ps, -rs),
            Rotation::R270 => (origin + (cw - 1) * g.pixel_stride, ch, cw, rs, -ps),
        };
        let frame = Frame { data, width: width as u32, height: height as u32, base, dx, dy };
        // Belt and braces: the four corners (hence every pixel) are inside the buffer.
        for (x, y) in [(0, 0), (frame.width - 1, 0), (0, frame.height - 1), (frame.width - 1, frame.height - 1)] {
            match frame.offset(x, y) {
                Some(o) if o < data.len() => {}
                _ => return Err(FrameError::BufferTooShort {
                    len: data.len(),
                    needed,
                    width: g.width,
                    height: g.height,
                    row_stride: g.row_stride,
                    pixel_stride: g.pixel_stride,
                }),
            }
        }
        Ok(frame)
    }

    /// Width of the upright view.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height of the upright view.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The pixel at `(x, y)` of the upright view, or `None` outside it.
    pub fn pixel(&self, x: u32, y: u32) -> Option<u8> {
        if x >= self.width || y >= self.height {
            return None;
        }
        self.offset(x, y).and_then(|o| self.data.get(o)).copied()
    }

    fn offset(&self, x: u32, y: u32) -> Option<usize> {
        let o = self.base as isize + x as isize * self.dx + y as isize * self.dy;
        usize::try_from(o).ok()
    }

    /// The same view sampled every `k`-th pixel in both directions (no copy).
    pub(crate) fn subsampled(&self, k: u32) -> Frame<'a> {
        let k = k.max(1);
        Frame {
            data: self.data,
            width: (self.width / k).max(1),
            height: (self.height / k).max(1),
            base: self.base,
            dx: self.dx * k as isize,
            dy: self.dy * k as isize,
        }
    }

    /// The part `r` of this view (no copy), or `None` when `r` is empty or not inside the view.
    pub(crate) fn sub(&self, r: Rect) -> Option<Frame<'a>> {
        let right = r.left.checked_add(r.width)?;
        let bottom = r.top.checked_add(r.height)?;
        if r.width == 0 || r.height == 0 || right > self.width || bottom > self.height {
            return None;
        }
        let base = self.offset(r.left, r.top)?;
        Some(Frame { data: self.data, width: r.width, height: r.height, base, dx: self.dx, dy: self.dy })
    }

    /// Raw view parameters for the engine: the buffer, offset of pixel (0, 0) and the steps.
    pub(crate) fn raw(&self) -> (&'a [u8], usize, isize, isize) {
        (self.data, self.base, self.dx, self.dy)
    }

    /// Row `y` of the upright view as a slice of `width` bytes, when its pixels are adjacent in
    /// the buffer (an upright packed plane, cropped or not): hot loops read it without per-pixel
    /// offsets. `None` for other geometries (rotated, pixel stride above 1, subsampled) or
    /// outside the view.
    #[inline]
    pub(crate) fn row_slice(&self, y: u32) -> Option<&'a [u8]> {
        if self.dx != 1 || y >= self.height {
            return None;
        }
        let start = usize::try_from(self.base as isize + y as isize * self.dy).ok()?;
        self.data.get(start..start.checked_add(self.width as usize)?)
    }

    /// Row `y` of the upright view as an iterator-free accessor for hot loops.
    #[inline]
    pub(crate) fn row(&self, y: u32) -> RowRef<'a> {
        RowRef { data: self.data, start: self.base as isize + y as isize * self.dy, dx: self.dx }
    }
}

/// One row of a frame, for hot loops.
#[derive(Clone, Copy)]
pub(crate) struct RowRef<'a> {
    data: &'a [u8],
    start: isize,
    dx: isize,
}

impl RowRef<'_> {
    /// The pixel at `x` of this row (0 if outside the buffer, which a checked frame never is).
    #[inline]
    pub(crate) fn at(&self, x: u32) -> u8 {
        let o = self.start + x as isize * self.dx;
        if o < 0 {
            return 0;
        }
        self.data.get(o as usize).copied().unwrap_or(0)
    }
}

fn check_size(width: u32, height: u32) -> Result<(), FrameError> {
    if width == 0 || height == 0 {
        return Err(FrameError::ZeroSize { width, height });
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(FrameError::TooLarge { width, height });
    }
    Ok(())
}
