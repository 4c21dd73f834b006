//! The `track` command as a developer runs it: decoding label images, playing the demo day.

use std::path::PathBuf;
use std::process::Command;

fn track() -> Command {
    Command::new(env!("CARGO_BIN_EXE_track"))
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/demo")
}

#[test]
fn decode_json_names_each_barcode_and_its_role() {
    let label = fixtures().join("labels/EK712345714IN.png");
    let missing = fixtures().join("labels/none.png");
    let out = track().args(["decode", "--json"]).arg(&label).output().expect("run track");
    assert!(out.status.success());
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(line["file"], label.to_str().expect("utf-8"));
    assert_eq!(line["error"], serde_json::Value::Null);
    let mut barcodes: Vec<(String, String, String)> = line["barcodes"]
        .as_array()
        .expect("barcodes")
        .iter()
        .map(|b| (b["format"].as_str().unwrap().into(), b["text"].as_str().unwrap().into(), b["role"].as_str().unwrap().into()))
        .collect();
    barcodes.sort();
    assert_eq!(
        barcodes,
        [
            ("Code128".to_string(), "EK712345714IN".to_string(), "tracking_id".to_string()),
            ("QRCode".to_string(), "402-5510237-8812353".to_string(), "order_id".to_string())
        ]
    );
    // A file that cannot be read: its own line with the error, and exit status 1.
    let out = track().args(["decode", "--json"]).arg(&label).arg(&missing).output().expect("run track");
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[1]["error"].as_str().is_some_and(|e| e.contains("none.png")), "{}", lines[1]);
}

#[test]
fn the_demo_day_plays_with_label_photos() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("day.db");
    let out = track().args(["import", "--db"]).arg(&db).arg(fixtures().join("orders.json")).output().expect("import");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = track().args(["day", "--json", "--db"]).arg(&db).arg(fixtures().join("day.txt")).output().expect("day");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let refused: Vec<&str> = lines.iter().filter(|l| l["ok"] == false).map(|l| l["command"].as_str().unwrap()).collect();
    assert_eq!(refused.len(), 5, "{refused:?}");
    // The photo of an FBA label is decoded, then refused for what it is.
    let fba = lines.iter().find(|l| l["command"].as_str().is_some_and(|c| c.contains("EK712346480IN.png"))).expect("FBA line");
    assert!(fba["error"].as_str().is_some_and(|e| e.contains("FBA")), "{fba}");
    let confirm = lines.iter().find(|l| l["command"].as_str().is_some_and(|c| c.ends_with("confirm"))).expect("confirm");
    assert_eq!(confirm["result"]["events"].as_array().map(Vec::len), Some(7));
}
