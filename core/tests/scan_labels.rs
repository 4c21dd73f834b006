//! The demo's shipping-label images (fixtures/demo/labels/): each read back to its tracking ID and
//! order ID. `cargo test -p track-core --test scan_labels -- --ignored` writes them again.

mod scan_util;

use std::path::PathBuf;

use track_core::scan::label::read_label;
use track_core::scan::{DecodeOptions, Decoder};
use zxingcpp::BarcodeFormat;

fn labels_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/demo/labels")
}

/// (tracking ID, order ID) of the demo orders.
fn demo_orders() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/demo/orders.json")).expect("demo orders");
    let orders: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON");
    orders
        .iter()
        .map(|o| (o["tracking_id"].as_str().expect("tracking").to_string(), o["order_id"].as_str().expect("order").to_string()))
        .collect()
}

#[test]
#[ignore = "writes fixtures/demo/labels; run on purpose"]
fn write_demo_labels() {
    std::fs::create_dir_all(labels_dir()).expect("labels folder");
    for (i, (tracking, order)) in demo_orders().into_iter().enumerate() {
        let (w, h) = (800usize, 480usize);
        let mut img = vec![246u8; w * h];
        let tilt = [0.0f32, 12.0, -8.0, 25.0, 5.0, -15.0, 3.0, 40.0, -30.0, 18.0][i % 10];
        let code = scan_util::linear_modules(BarcodeFormat::Code128, &tracking);
        scan_util::draw_linear(&mut img, w, h, &code, 2.5, 70.0, tilt, 400.0, 150.0);
        let (mw, mh, qr) = scan_util::matrix_modules(BarcodeFormat::QRCode, &order);
        scan_util::draw_matrix(&mut img, w, h, mw, mh, &qr, 4.0, tilt, 170.0, 360.0);
        image::GrayImage::from_raw(w as u32, h as u32, img).expect("image").save(labels_dir().join(format!("{tracking}.png"))).expect("write");
    }
}

#[test]
fn demo_labels_read_back() {
    let decoder = Decoder::new(DecodeOptions::still());
    for (tracking, order) in demo_orders() {
        let path = labels_dir().join(format!("{tracking}.png"));
        let found = decoder.decode_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let label = read_label(&found).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(label.tracking_id.as_str(), tracking);
        assert_eq!(label.order_id.as_deref(), Some(order.as_str()));
    }
}
