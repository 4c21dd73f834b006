//! `track validate` as a seller's tooling would call it.

use std::process::Command;

fn track() -> Command {
    Command::new(env!("CARGO_BIN_EXE_track"))
}

fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn ids_as_json_with_every_candidate() {
    let out = track()
        .args(["validate", "--json", " ek 712345609 in ", "986578788855"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["input"], " ek 712345609 in ");
    assert_eq!(lines[0]["normalized"], "EK712345609IN");
    assert_eq!(lines[0]["valid"], true);
    assert!(
        lines[0]["carriers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["carrier"] == "india-post" && c["check_digit"] == true)
    );
    assert_eq!(
        lines[1]["carriers"][0]["carrier"], "fedex",
        "verified first: {}",
        lines[1]
    );
    assert!(
        lines[1]["carriers"].as_array().unwrap().len() > 1,
        "ambiguous: every candidate listed"
    );
    assert_eq!(lines[1]["error"], serde_json::Value::Null);
}

#[test]
fn carrier_answers_for_that_carrier() {
    let out = track()
        .args(["validate", "--json", "--carrier", "BlueDart", "TBA1234"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let line = &json_lines(&out.stdout)[0];
    assert_eq!(line["valid"], false);
    assert_eq!(
        line["error"],
        "tracking ID TBA1234 does not match carrier Blue Dart: expected 11 digits"
    );
    let out = track()
        .args(["validate", "--carrier", "Blue Drat", "12345678901"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean Blue Dart"));
}

#[test]
fn bulk_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("upload.csv");
    std::fs::write(&file, "order_id,carrier,tracking_id\n402-5510230-8812340,India Post,EK712345609IN\n402-5510237-8812353,FedEx,1\n").unwrap();
    let out = track()
        .args(["validate", "--csv"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("line 3: 402-5510237-8812353: INVALID"),
        "{text}"
    );
    assert!(text.contains("2 rows: 1 valid, 1 invalid"), "{text}");
    std::fs::write(&file, "id,tracking\n").unwrap();
    let out = track()
        .args(["validate", "--csv"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("expected `order_id,carrier,tracking_id`")
    );
}
