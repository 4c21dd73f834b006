//! Camera frames as the phone delivers them: padded strides, pixel strides, every rotation, crops,
//! NV21, bad geometry (an error, never a panic or an out-of-bounds read), a frame with no label,
//! the time budget, 2D symbols at any angle, and which barcode of a label is acted on.

mod scan_util;

use std::time::Duration;

use proptest::prelude::*;
use track_core::BadScan;
use track_core::scan::label::{Role, read_label};
use track_core::scan::{DecodeOptions, Decoder, Format, Frame, FrameError, Geometry, Rect, Rotation};
use zxingcpp::BarcodeFormat;

const TRACKING: &str = "EK712345609IN";
const ORDER: &str = "402-5510230-8812340";
const W: usize = 640;
const H: usize = 400;

fn decoder() -> Decoder {
    // A budget that never binds: these tests are about geometry, not speed.
    Decoder::new(DecodeOptions { budget: Duration::from_secs(30), ..DecodeOptions::stream() })
}

fn texts(frame: &Frame<'_>) -> Vec<String> {
    decoder().decode(frame).into_iter().map(|b| b.text).collect()
}

/// An upright frame with the tracking ID's Code 128 at `angle`.
fn upright(angle: f32) -> Vec<u8> {
    let mut img = scan_util::label_frame(W, H, TRACKING, 2.0, 50.0, angle, 7);
    scan_util::noise(&mut img, 3.0, 7);
    img
}

#[test]
fn padded_row_stride_and_pixel_stride() {
    let img = upright(0.0);
    for (pixel_stride, pad) in [(1usize, 0usize), (1, 37), (2, 0), (2, 64), (3, 5)] {
        let row_stride = (W - 1) * pixel_stride + 1 + pad;
        let mut buf = vec![0xAAu8; row_stride * H];
        for y in 0..H {
            for x in 0..W {
                buf[y * row_stride + x * pixel_stride] = img[y * W + x];
            }
        }
        // A buffer that ends right after the last pixel is enough (Android's last row is short).
        buf.truncate((H - 1) * row_stride + (W - 1) * pixel_stride + 1);
        let g = Geometry { row_stride, pixel_stride, ..Geometry::packed(W as u32, H as u32) };
        let frame = Frame::new(&buf, g).unwrap_or_else(|e| panic!("pixel stride {pixel_stride}, pad {pad}: {e}"));
        assert_eq!(texts(&frame), [TRACKING], "pixel stride {pixel_stride}, pad {pad}");
    }
}

/// The buffer a sensor delivers for an upright image when the camera reports `rotation`.
fn sensor_buffer(img: &[u8], w: usize, h: usize, rotation: Rotation) -> (Vec<u8>, usize, usize) {
    // Turning the sensor buffer clockwise by `rotation` gives the upright image.
    let turned = |f: &dyn Fn(usize, usize) -> usize| {
        let (sw, sh) = (h, w);
        let mut s = vec![0; sw * sh];
        for sy in 0..sh {
            for sx in 0..sw {
                s[sy * sw + sx] = img[f(sx, sy)];
            }
        }
        (s, sw, sh)
    };
    match rotation {
        Rotation::R0 => (img.to_vec(), w, h),
        Rotation::R180 => (img.iter().rev().copied().collect(), w, h),
        // Turned clockwise, the sensor's bottom-left corner becomes the top-left.
        Rotation::R90 => turned(&|sx, sy| sx * w + (w - 1 - sy)),
        Rotation::R270 => turned(&|sx, sy| (h - 1 - sx) * w + sy),
    }
}

#[test]
fn every_rotation_reads_in_upright_coordinates() {
    let img = upright(0.0);
    let level = decoder().decode(&Frame::luma(&img, W as u32, H as u32).expect("frame"));
    assert_eq!(level.len(), 1);
    for rotation in Rotation::ALL {
        let (buf, sw, sh) = sensor_buffer(&img, W, H, rotation);
        let g = Geometry { rotation, ..Geometry::packed(sw as u32, sh as u32) };
        let frame = Frame::new(&buf, g).expect("frame");
        assert_eq!((frame.width() as usize, frame.height() as usize), (W, H), "{rotation:?}");
        // The upright view is pixel for pixel the image.
        for (x, y) in [(0, 0), (W - 1, 0), (3, H - 1), (W / 2, H / 3)] {
            assert_eq!(frame.pixel(x as u32, y as u32), Some(img[y * W + x]), "{rotation:?} at ({x}, {y})");
        }
        let found = decoder().decode(&frame);
        assert_eq!(found.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(), [TRACKING], "{rotation:?}");
        let (cx, cy) = found[0].centre();
        let (lx, ly) = level[0].centre();
        assert!((cx - lx).abs() < 6.0 && (cy - ly).abs() < 6.0, "{rotation:?}: centre ({cx}, {cy}) vs ({lx}, {ly})");
    }
    assert_eq!(Rotation::from_degrees(-90).expect("-90°"), Rotation::R270);
    assert_eq!(Rotation::from_degrees(450).expect("450°"), Rotation::R90);
    assert!(matches!(Rotation::from_degrees(45), Err(FrameError::BadRotation(45))));
}

#[test]
fn crops_read_the_centre_and_keep_coordinates_in_the_crop() {
    let img = upright(0.0);
    let around = Rect::new(100, 120, 440, 160);
    let frame = Frame::new(&img, Geometry { crop: Some(around), ..Geometry::packed(W as u32, H as u32) }).expect("crop");
    assert_eq!((frame.width(), frame.height()), (440, 160));
    let found = decoder().decode(&frame);
    assert_eq!(found.len(), 1);
    let (cx, cy) = found[0].centre();
    assert!((cx - 220.0).abs() < 10.0 && (cy - 80.0).abs() < 10.0, "centre ({cx}, {cy}) in crop coordinates");
    // A crop beside the label sees nothing.
    let beside = Rect::new(0, 0, 120, 100);
    let frame = Frame::new(&img, Geometry { crop: Some(beside), ..Geometry::packed(W as u32, H as u32) }).expect("crop");
    assert!(texts(&frame).is_empty());
    // Crop and rotation together.
    let (buf, sw, sh) = sensor_buffer(&img, W, H, Rotation::R90);
    let sensor_crop = Rect::new(H as u32 - 280, 100, 160, 440); // the same area, in sensor coordinates
    let g = Geometry { rotation: Rotation::R90, crop: Some(sensor_crop), ..Geometry::packed(sw as u32, sh as u32) };
    let frame = Frame::new(&buf, g).expect("rotated crop");
    assert_eq!((frame.width(), frame.height()), (440, 160));
    assert_eq!(texts(&frame), [TRACKING]);
}

#[test]
fn nv21_frames() {
    let img = upright(10.0);
    let mut nv21 = img.clone();
    nv21.extend(std::iter::repeat_n(128u8, W * H / 2));
    let frame = Frame::nv21(&nv21, W as u32, H as u32).expect("nv21");
    assert_eq!(texts(&frame), [TRACKING]);
    let err = Frame::nv21(&img, W as u32, H as u32).expect_err("the V/U plane is missing");
    assert!(matches!(err, FrameError::Nv21TooShort { .. }), "{err}");
}

#[test]
fn bad_geometry_is_an_error_that_says_what_to_pass() {
    let buf = vec![0u8; 100 * 50];
    let packed = Geometry::packed(100, 50);
    let cases: Vec<(Geometry, &[u8], &str)> = vec![
        (Geometry::packed(0, 50), &buf, "at least 1"),
        (Geometry::packed(100, 0), &buf, "at least 1"),
        (Geometry { row_stride: 99, ..packed }, &buf, "row stride 99"),
        (Geometry { pixel_stride: 0, ..packed }, &buf, "pixel stride is 0"),
        (Geometry { pixel_stride: 2, ..packed }, &buf, "row stride"),
        (packed, &buf[..100 * 50 - 1], "needs 5000"),
        (Geometry { row_stride: 120, ..packed }, &buf, "needs"),
        (Geometry { crop: Some(Rect::new(90, 0, 20, 10)), ..packed }, &buf, "outside"),
        (Geometry { crop: Some(Rect::new(0, 45, 10, 10)), ..packed }, &buf, "outside"),
        (Geometry { crop: Some(Rect::new(u32::MAX, u32::MAX, 2, 2)), ..packed }, &buf, "outside"),
        (Geometry { crop: Some(Rect::new(10, 10, 0, 5)), ..packed }, &buf, "empty"),
        (Geometry { row_stride: usize::MAX, ..packed }, &buf, "too large"),
        (Geometry::packed(1 << 20, 1), &buf, "at most"),
    ];
    for (g, data, words) in cases {
        let err = Frame::new(data, g).expect_err("refused");
        assert!(err.to_string().contains(words), "{g:?}: {err}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any geometry over any buffer: a frame whose every pixel is inside the buffer, or an error.
    #[test]
    fn no_geometry_panics_or_reads_outside(
        len in 0usize..5000, width in 0u32..80, height in 0u32..80, row_stride in 0usize..200, pixel_stride in 0usize..4,
        rot in 0usize..4, crop in proptest::option::of((0u32..90, 0u32..90, 0u32..90, 0u32..90)),
    ) {
        let buf = vec![7u8; len];
        let g = Geometry {
            width, height, row_stride, pixel_stride, rotation: Rotation::ALL[rot],
            crop: crop.map(|(l, t, w, h)| Rect::new(l, t, w, h)),
        };
        if let Ok(frame) = Frame::new(&buf, g) {
            for y in 0..frame.height() {
                for x in 0..frame.width() {
                    prop_assert_eq!(frame.pixel(x, y), Some(7));
                }
            }
            prop_assert!(decoder().decode(&frame).is_empty());
        }
    }
}

#[test]
fn a_frame_without_a_label_reports_nothing() {
    for seed in 0..4 {
        let mut img = scan_util::background(W, H, seed);
        // Clutter: printed text-like blobs and stripes of a table edge.
        let mut rng = fastrand::Rng::with_seed(seed);
        for _ in 0..400 {
            let (x, y) = (rng.usize(0..W - 8), rng.usize(0..H - 12));
            for dy in 0..rng.usize(2..12) {
                for dx in 0..rng.usize(1..8) {
                    img[(y + dy) * W + x + dx] = 30;
                }
            }
        }
        scan_util::noise(&mut img, 8.0, seed);
        let frame = Frame::luma(&img, W as u32, H as u32).expect("frame");
        assert!(Decoder::new(DecodeOptions::still()).decode(&frame).is_empty(), "seed {seed}");
    }
}

#[test]
fn the_time_budget_stops_further_passes() {
    let img = upright(30.0);
    let frame = Frame::luma(&img, W as u32, H as u32).expect("frame");
    // Nothing after the first pass: a label tilted by 30° needs the tilt search.
    let none = Decoder::new(DecodeOptions { budget: Duration::ZERO, ..DecodeOptions::stream() });
    assert!(none.decode(&frame).is_empty());
    assert_eq!(texts(&frame), [TRACKING]);
    // A huge frame is read subsampled, so one call stays bounded.
    let big = vec![200u8; 8000 * 6000];
    let frame = Frame::luma(&big, 8000, 6000).expect("frame");
    assert!(Decoder::new(DecodeOptions::stream()).decode(&frame).is_empty());
}

#[test]
fn qr_and_datamatrix_at_any_angle() {
    for (format, zx) in [(Format::QrCode, BarcodeFormat::QRCode), (Format::DataMatrix, BarcodeFormat::DataMatrix)] {
        let (mw, mh, modules) = scan_util::matrix_modules(zx, ORDER);
        for angle in [0.0f32, 20.0, 45.0, 100.0, 200.0, 333.0] {
            let mut img = scan_util::background(W, H, 3);
            scan_util::draw_matrix(&mut img, W, H, mw, mh, &modules, 5.0, angle, W as f32 / 2.0, H as f32 / 2.0);
            let frame = Frame::luma(&img, W as u32, H as u32).expect("frame");
            let found = decoder().decode(&frame);
            assert_eq!(found.iter().map(|b| (b.format, b.text.as_str())).collect::<Vec<_>>(), [(format, ORDER)], "{format} at {angle}°");
        }
    }
}

#[test]
fn a_label_with_several_barcodes_acts_on_the_tracking_id() {
    let mut img = scan_util::background(900, 500, 1);
    let code = scan_util::linear_modules(BarcodeFormat::Code128, TRACKING);
    scan_util::draw_linear(&mut img, 900, 500, &code, 2.0, 60.0, 0.0, 450.0, 120.0);
    let (mw, mh, qr) = scan_util::matrix_modules(BarcodeFormat::QRCode, ORDER);
    scan_util::draw_matrix(&mut img, 900, 500, mw, mh, &qr, 4.0, 0.0, 200.0, 360.0);
    let other = scan_util::linear_modules(BarcodeFormat::Code128, "PKG-BOX-7");
    scan_util::draw_linear(&mut img, 900, 500, &other, 2.0, 40.0, 0.0, 650.0, 380.0);
    let frame = Frame::luma(&img, 900, 500).expect("frame");
    let found = decoder().decode(&frame);
    assert_eq!(found.len(), 3, "{found:?}");
    let label = read_label(&found).expect("a label");
    assert_eq!(label.tracking_id.as_str(), TRACKING);
    assert_eq!(label.order_id.as_deref(), Some(ORDER));
    let roles: Vec<Role> = label.barcodes.iter().map(|c| c.role).collect();
    assert!(roles.contains(&Role::OrderId) && roles.contains(&Role::Other) && roles.contains(&Role::TrackingId));
    assert_eq!(label.barcodes[label.chosen].barcode.format, Format::Code128);

    // Only the order ID in view: a bad scan that says what to do.
    let mut img = scan_util::background(W, H, 2);
    scan_util::draw_matrix(&mut img, W, H, mw, mh, &qr, 4.0, 0.0, 320.0, 200.0);
    let found = decoder().decode(&Frame::luma(&img, W as u32, H as u32).expect("frame"));
    let Err(BadScan::NoTrackingId { reason }) = read_label(&found) else { panic!("not a bad scan") };
    assert!(reason.contains("order ID") && !reason.contains(ORDER), "{reason}");
    let Err(BadScan::NoTrackingId { reason }) = read_label(&[]) else { panic!("not a bad scan") };
    assert!(reason.contains("no barcode"), "{reason}");
}
