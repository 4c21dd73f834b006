//! Scanning shipping labels from camera frames.
//!
//! - [`frame`]: the camera's luminance plane, borrowed and checked ([`Frame`]), NV21 frames.
//! - [`image`]: owned luminance images, from image files or memory ([`LumaImage`]).
//! - [`barcode`]: the barcode types ([`Barcode`], [`Format`], [`Point`]).
//! - [`decode`]: every barcode of a frame, at any angle, within a work budget ([`Decoder`]);
//!   [`budget`]: what its passes cost and its statistics ([`DecodeStats`]); the tilted regions
//!   (`orient`, whose tile map also gives the fast path's areas, `locate`) and their bar screen
//!   (`screen`).
//! - [`label`]: which barcode is the tracking ID ([`label::read_label`]).
//! - [`scanner`]: stream mode, confirming reads across frames ([`Scanner`]).
//!
//! The barcode engine (zxing-cpp) stays behind these types.

pub mod barcode;
pub mod budget;
pub mod decode;
mod engine;
pub mod frame;
pub mod image;
pub mod label;
mod locate;
mod orient;
mod screen;
pub mod scanner;

pub use budget::DecodeStats;
pub use decode::{Barcode, DecodeOptions, Decoder, Effort, Format, Point};
pub use frame::{Frame, FrameError, Geometry, Rect, Rotation};
pub use image::LumaImage;
pub use label::{Label, Role};
pub use scanner::{ScanEvent, Scanner, ScannerConfig};
