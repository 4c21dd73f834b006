//! Logs never hold customer data or whole barcode contents: a full demo day (the sync server, the
//! DA's day played from label photos, sync, tracking) with every log at trace level, then the logs
//! are searched for the demo customers' names, addresses and phones and for the full tracking and
//! order IDs.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn track() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_track"));
    c.args(["--log", "trace"]);
    c
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/demo")
}

/// Runs a command; returns its stderr (the logs), failing the test when it fails.
fn logs_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run track");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{cmd:?} failed:\n{stderr}");
    stderr
}

#[test]
fn protection_no_customer_data_in_the_logs_of_a_demo_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_file = dir.path().join("server.log");
    let mut server = track()
        .args(["serve", "--listen", "127.0.0.1:0", "--at", "2026-11-23 22:30", "--db"])
        .arg(dir.path().join("server.db"))
        .env("TRACK_ADMIN_TOKEN", "privacy-admin")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log_file).expect("log file"))
        .spawn()
        .expect("start the server");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout")).read_line(&mut line).expect("server address");
    let url = line.trim().strip_prefix("listening on ").expect("listening line").to_string();
    let phone_db = dir.path().join("phone.db");
    let mut logs = String::new();
    let env = [("TRACK_SERVER", url.as_str()), ("TRACK_ADMIN_TOKEN", "privacy-admin"), ("TRACK_PASSWORD", "privacy-pass-1")];
    logs += &logs_of(track().args(["seed", "--seller"]).arg(fixtures().join("seller.json")).arg("--orders").arg(fixtures().join("orders.json")).envs(env));
    logs += &logs_of(track().args(["seller", "add-da", "--seller", "sharma-textiles", "--phone", "+91 98450 00001"]).envs(env));
    logs += &logs_of(track().args(["account", "--name", "Ravi Kumar", "--phone", "+91 98450 00001", "--seller", "sharma-textiles"]).envs(env));
    let out = track().args(["login", "--login", "9845000001", "--seller", "sharma-textiles"]).envs(env).output().expect("login");
    assert!(out.status.success());
    logs += &String::from_utf8_lossy(&out.stderr);
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let env = [("TRACK_SERVER", url.as_str()), ("TRACK_TOKEN", token.as_str())];
    logs += &logs_of(track().args(["sync", "--fetch", "--at", "2026-11-23 07:30", "--db"]).arg(&phone_db).envs(env));
    logs += &logs_of(track().args(["day", "--db"]).arg(&phone_db).arg(fixtures().join("day.txt")));
    logs += &logs_of(track().args(["sync", "--at", "2026-11-23 22:30", "--db"]).arg(&phone_db).envs(env));
    logs += &logs_of(track().args(["tracking", "EK712345609IN", "EK712346048IN"]).envs(env));
    let _ = server.kill();
    let _ = server.wait();
    logs += &std::fs::read_to_string(&log_file).expect("server log");
    assert!(logs.lines().count() > 20, "the logs are too thin to prove anything:\n{logs}");
    // The scans themselves were logged (with redacted IDs), so a leak would have shown.
    assert!(logs.contains("recorded ofd event") && logs.contains("recorded delivered event"), "{logs}");

    let orders: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(fixtures().join("orders.json")).unwrap()).unwrap();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    for o in &orders {
        let c = &o["customer"];
        for secret in [c["name"].as_str().unwrap(), c["address"].as_str().unwrap(), c["phone"].as_str().unwrap(), o["tracking_id"].as_str().unwrap(), o["order_id"].as_str().unwrap()] {
            assert!(!logs.contains(secret), "the logs hold {secret:?}");
        }
        let phone = digits(c["phone"].as_str().unwrap());
        assert!(!digits(&logs).is_empty() && !logs.contains(&phone[phone.len() - 10..]), "the logs hold a customer's phone number");
    }
}
