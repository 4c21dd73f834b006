//! Scanning shipping labels from camera frames.
//!
//! - [`frame`]: the camera's luminance plane, borrowed and checked ([`Frame`]), NV21 frames and
//!   image files ([`LumaImage`]).
//! - [`decode`]: every barcode of a frame, at any angle, within a work budget ([`Decoder`]).
//! - [`label`]: which barcode is the tracking ID ([`label::read_label`]).
//! - [`scanner`]: stream mode, confirming reads across frames ([`Scanner`]).
//!
//! The barcode engine (zxing-cpp) stays behind these types.

pub mod decode;
mod engine;
pub mod frame;
pub mod label;
mod orient;
pub mod scanner;

pub use decode::{Barcode, DecodeOptions, DecodeStats, Decoder, Effort, Format, Point};
pub use frame::{Frame, FrameError, Geometry, LumaImage, Rect, Rotation};
pub use label::{Label, Role};
pub use scanner::{ScanEvent, Scanner, ScannerConfig};
