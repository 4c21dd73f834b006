//! `track day` with a delivery photo (`photo=FILE`), `track sync` uploading it, `track tracking`
//! linking it, and `track report file | show`: a problem report filed on the phone, sent with the
//! sync and looked up by support with the admin token.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn track() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_track"));
    c.env_remove("TRACK_DB_KEY");
    c
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/demo")
}

fn ok(cmd: &mut Command) -> String {
    let out: Output = cmd.output().expect("run track");
    assert!(out.status.success(), "{cmd:?} failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_photo_delivery_reaches_the_customer_view_and_support_reads_a_problem_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut server = track()
        .args(["serve", "--listen", "127.0.0.1:0", "--at", "2026-11-23 22:30", "--db"])
        .arg(dir.path().join("server.db"))
        .env("TRACK_ADMIN_TOKEN", "report-admin")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout")).read_line(&mut line).expect("server address");
    let url = line.trim().strip_prefix("listening on ").expect("listening line").to_string();
    let admin = [("TRACK_SERVER", url.as_str()), ("TRACK_ADMIN_TOKEN", "report-admin"), ("TRACK_PASSWORD", "report-pass-1")];
    ok(track().args(["seed", "--shipped-at", "2026-11-22 18:00", "--seller"]).arg(fixtures().join("seller.json")).arg("--orders").arg(fixtures().join("photo-orders.json")).envs(admin));
    ok(track().args(["seller", "add-da", "--seller", "sharma-textiles", "--phone", "+91 98450 00001"]).envs(admin));
    ok(track().args(["account", "--name", "Ravi Kumar", "--phone", "+91 98450 00001", "--seller", "sharma-textiles"]).envs(admin));
    let token = ok(track().args(["login", "--login", "9845000001", "--seller", "sharma-textiles"]).envs(admin)).trim().to_string();
    let env = [("TRACK_SERVER", url.as_str()), ("TRACK_TOKEN", token.as_str())];
    let phone = dir.path().join("phone.db");
    ok(track().args(["sync", "--fetch", "--at", "2026-11-23 07:30", "--db"]).arg(&phone).envs(env));
    let played = ok(track().args(["day", "--strict", "--db"]).arg(&phone).arg(fixtures().join("photo-day.txt")));
    assert!(played.contains("with its photo"), "{played}");
    let synced = ok(track().args(["sync", "--at", "2026-11-23 22:30", "--db"]).arg(&phone).envs(env));
    assert!(synced.contains("photos: 1 uploaded, 0 refused, 0 waiting"), "{synced}");
    let view = ok(track().args(["tracking", "EK712345348IN"]).envs(env));
    let photo_url = view.lines().find_map(|l| l.trim().strip_prefix("photo: ")).unwrap_or_else(|| panic!("no photo URL:\n{view}"));
    track_core::sync::install_crypto_provider();
    let photo = reqwest::blocking::get(photo_url).expect("fetch the photo");
    assert_eq!(photo.status(), 200);
    assert!(photo.bytes().expect("body").starts_with(&[0xFF, 0xD8]));

    let filed = ok(track().args(["report", "file", "--at", "2026-11-23 22:40", "--db"]).arg(&phone));
    let report_id = filed.split_whitespace().find(|w| w.starts_with("TRK-")).expect("a report ID").to_string();
    assert!(filed.contains("within 3 business days"), "{filed}");
    let synced = ok(track().args(["sync", "--at", "2026-11-23 22:41", "--db"]).arg(&phone).envs(env));
    assert!(synced.contains("problem reports: 1 sent to support, 0 waiting"), "{synced}");
    let shown = ok(track().args(["report", "show", &report_id.to_lowercase()]).envs(admin));
    assert!(shown.contains(&format!("problem report {report_id}")) && shown.contains("Ravi Kumar") && shown.contains("3 business days"), "{shown}");
    // The bundle holds no customer data.
    for customer in ["Meera", "Lavelle", "98860", "EK712345348IN"] {
        assert!(!shown.contains(customer), "{customer} in:\n{shown}");
    }
    // Without the admin token, or for an ID never filed: refused.
    let out = track().args(["report", "show", &report_id, "--admin-token", "wrong"]).env("TRACK_SERVER", &url).output().expect("run");
    assert!(!out.status.success());
    let out = track().args(["report", "show", "TRK-0000-0000-0000"]).envs(admin).output().expect("run");
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("no problem report has ID"), "{out:?}");
    let _ = server.kill();
    let _ = server.wait();
}
