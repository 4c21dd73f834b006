//! The `track` command's holes a hostile or careless user found (issue 11, defect 10): the
//! database key, storage errors, unbounded scripts and lines, and the sync command's answers; and
//! the seller's tracking commands against a served database (issue 16).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

fn track() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_track"));
    c.env_remove("TRACK_DB_KEY").env_remove("TRACK_SERVER").env_remove("TRACK_TOKEN");
    c
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/demo")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run track")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn import(db: &Path, key: Option<&str>) {
    let mut cmd = track();
    cmd.args(["import", "--db"]).arg(db).arg(fixtures().join("orders.json"));
    if let Some(k) = key {
        cmd.env("TRACK_DB_KEY", k);
    }
    let out = run(&mut cmd);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

fn script(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("day.txt");
    std::fs::write(&path, body).expect("write script");
    path
}

const OFD: &str = "2026-11-23\n09:05 ofd EK712345609IN\n09:06 confirm\n";

#[test]
fn hole_cli_day_uses_db_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("sealed.db");
    import(&db, Some(KEY));
    let day = script(dir.path(), OFD);
    let out = run(track().args(["day", "--strict", "--db"]).arg(&db).arg(&day).env("TRACK_DB_KEY", KEY));
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("1 orders Out for Delivery"), "{}", text(&out.stdout));
    // The database is still sealed: without the key it does not open.
    let out = run(track().args(["order", "--db"]).arg(&db).arg("EK712345609IN"));
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("sealed"), "{}", text(&out.stderr));
    let out = run(track().args(["order", "--db"]).arg(&db).arg("EK712345609IN").env("TRACK_DB_KEY", KEY));
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A plain database played with the key is sealed, as by every other command.
    let plain = dir.path().join("plain.db");
    import(&plain, None);
    let out = run(track().args(["day", "--strict", "--db"]).arg(&plain).arg(&day).env("TRACK_DB_KEY", KEY));
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    let out = run(track().args(["order", "--db"]).arg(&plain).arg("EK712345609IN"));
    assert!(text(&out.stderr).contains("sealed"), "the database was left plain: {}", text(&out.stderr));
}

#[test]
fn hole_cli_storage_error_stops_the_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("day.db");
    import(&db, None);
    let day = script(dir.path(), OFD);
    // Another writer holds the database: every scan would fail for storage, not as a bad scan.
    let holder = rusqlite::Connection::open(&db).expect("open");
    holder.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    let out = run(track().args(["day", "--db"]).arg(&db).arg(&day));
    drop(holder);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(!out.status.success(), "{stdout}{stderr}");
    assert!(!stdout.contains("REFUSED"), "{stdout}");
    assert!(stderr.contains("locked"), "{stderr}");
    assert!(!stderr.contains("the database at the database"), "{stderr}");
}

#[test]
fn hole_cli_script_size_is_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("day.db");
    import(&db, None);
    let out = run(track().args(["day", "--db"]).arg(&db).arg("/dev/zero"));
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("larger than"), "{}", text(&out.stderr));
    // A 10 MB line: refused, and the error does not echo it.
    let big = script(dir.path(), &format!("09:05 ofd {}\n", "X".repeat(10_000_000)));
    let out = run(track().args(["day", "--db"]).arg(&db).arg(&big));
    assert!(!out.status.success());
    assert!(out.stderr.len() + out.stdout.len() < 1000, "{} bytes of output", out.stderr.len() + out.stdout.len());
}

#[test]
fn hole_cli_bad_line_error_is_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("day.db");
    import(&db, None);
    let day = script(dir.path(), &format!("09:05 fly {}\n", "Y".repeat(500_000)));
    let out = run(track().args(["day", "--db"]).arg(&db).arg(&day));
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 1") && stderr.contains("unknown command"), "{}", &stderr[..stderr.len().min(400)]);
    assert!(stderr.len() < 1000, "{} bytes on stderr", stderr.len());
}

#[test]
fn hole_cli_byte_order_mark_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("day.db");
    import(&db, None);
    let day = script(dir.path(), &format!("\u{feff}{OFD}"));
    let out = run(track().args(["day", "--strict", "--db"]).arg(&db).arg(&day));
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("1 orders Out for Delivery"), "{}", text(&out.stdout));
}

#[test]
fn hole_cli_sync_unreachable_exits_3() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("day.db");
    import(&db, None);
    let day = script(dir.path(), OFD);
    assert!(run(track().args(["day", "--db"]).arg(&db).arg(&day)).status.success());
    // A port nobody listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let out = run(track()
        .args(["sync", "--token", "t", "--at", "2026-11-23 10:00", "--server"])
        .arg(format!("http://127.0.0.1:{port}/"))
        .arg("--db")
        .arg(&db));
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("unreachable"), "{}", text(&out.stderr));
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &Path) -> Server {
    let mut child = track()
        .args(["serve", "--listen", "127.0.0.1:0", "--at", "2026-11-23 07:00", "--db"])
        .arg(dir.join("server.db"))
        .env("TRACK_ADMIN_TOKEN", "holes-admin")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("server address");
    let url = line.trim().strip_prefix("listening on ").expect("listening line").to_string();
    Server(child, url)
}

#[test]
fn hole_cli_sync_rejections_read_as_sentences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = serve(dir.path());
    let env = [("TRACK_SERVER", server.1.as_str()), ("TRACK_ADMIN_TOKEN", "holes-admin"), ("TRACK_PASSWORD", "holes-pass-1")];
    let ok = |out: Output| {
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    ok(run(track().args(["seed", "--seller"]).arg(fixtures().join("seller.json")).arg("--orders").arg(fixtures().join("orders.json")).envs(env)));
    // The seller registers the DA's phone first (issue 11, defect 1).
    ok(run(track().args(["seller", "add-da", "--seller", "sharma-textiles", "--phone", "+91 98450 00001"]).envs(env)));
    ok(run(track().args(["account", "--name", "Ravi Kumar", "--phone", "+91 98450 00001", "--seller", "sharma-textiles"]).envs(env)));
    let token = ok(run(track().args(["login", "--login", "9845000001", "--seller", "sharma-textiles"]).envs(env))).trim().to_string();
    let env = [("TRACK_SERVER", server.1.as_str()), ("TRACK_TOKEN", token.as_str())];
    // Two phones of one DA send Out for Delivery for the same order: the second is rejected.
    let day = script(dir.path(), OFD);
    let phones = [dir.path().join("one.db"), dir.path().join("two.db")];
    for phone in &phones {
        ok(run(track().args(["sync", "--fetch", "--at", "2026-11-23 07:30", "--db"]).arg(phone).envs(env)));
        ok(run(track().args(["day", "--strict", "--db"]).arg(phone).arg(&day)));
    }
    ok(run(track().args(["sync", "--at", "2026-11-23 09:10", "--db"]).arg(&phones[0]).envs(env)));
    let out = ok(run(track().args(["sync", "--at", "2026-11-23 09:10", "--db"]).arg(&phones[1]).envs(env)));
    assert!(out.contains("1 rejected"), "{out}");
    assert!(!out.contains("RejectedEvent") && !out.contains("OutboxEvent"), "{out}");
    assert!(out.contains("rejected: event #1 Out for Delivery of"), "{out}");
    assert!(!out.contains("EK712345609IN"), "a full tracking ID: {out}");
}

/// Issue 11, defect 4, end to end: under a 128 open-file limit, 200 half-open connections do not
/// keep a normal request from being answered (they are capped, then closed after the header
/// timeout).
#[test]
fn hole_half_open_connections_under_a_file_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -n 128 && exec "$0" serve --listen 127.0.0.1:0 --max-connections 64 --header-timeout 1 --idle-timeout 2 --db "$1""#)
        .arg(env!("CARGO_BIN_EXE_track"))
        .arg(dir.path().join("server.db"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("server address");
    let server = Server(child, line.trim().strip_prefix("listening on ").expect("listening line").to_string());
    let addr: std::net::SocketAddr = server.1.trim_start_matches("http://").trim_end_matches('/').parse().expect("address");
    let half_open: Vec<std::net::TcpStream> = (0..200).map(|_| std::net::TcpStream::connect(addr).expect("connect")).collect();
    for _ in 0..3 {
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        stream.set_read_timeout(Some(std::time::Duration::from_secs(30))).expect("timeout");
        std::io::Write::write_all(&mut stream, b"GET /v1/openapi.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").expect("send");
        let mut answer = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stream, &mut answer);
        assert!(answer.starts_with(b"HTTP/1.1 200"), "a normal request was not answered: {:?}", text(&answer[..answer.len().min(80)]));
    }
    drop(half_open);
}

/// The seller's tracking commands end to end (issue 16): a shipment with boxes, a refused
/// duplicate, a box file refused with its line number then applied, a carrier change to Other,
/// the window, Ready to ship → Shipped, the receipt, a confirmed order and the metrics, in JSON.
#[test]
fn seller_tracking_commands_with_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = serve(dir.path());
    let env = [("TRACK_SERVER", server.1.as_str()), ("TRACK_ADMIN_TOKEN", "holes-admin")];
    let seller = |args: &[&str]| run(track().arg("seller").arg(args[0]).args(["--seller", "sharma-textiles"]).args(&args[1..]).envs(env));
    let json = |args: &[&str]| {
        let mut args = args.to_vec();
        args.push("--json");
        let out = seller(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON")
    };
    let refused = |args: &[&str], says: &str| {
        let out = seller(args);
        assert!(!out.status.success(), "{args:?} was accepted");
        assert!(text(&out.stderr).contains(says), "{args:?}: {}", text(&out.stderr));
    };
    let seeded = run(track().args(["seed", "--seller"]).arg(fixtures().join("seller.json")).arg("--orders").arg(fixtures().join("orders.json")).envs(env));
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    let ship = ["--shipment", "FBA15CLI"];
    let v = json(&["shipment-new", ship[0], ship[1], "--mode", "small-parcel", "--carrier", "UPS", "--boxes", "2"]);
    assert_eq!((v["status"].as_str(), v["boxes"].as_array().map(Vec::len)), (Some("working"), Some(2)), "{v}");
    json(&["box", ship[0], ship[1], "--box", "1", "--tracking-id", "1Z5R89390357567127"]);
    refused(&["box", ship[0], ship[1], "--box", "2", "--tracking-id", "1Z5R89390357567127"], "is already on box 1");
    let csv = dir.path().join("boxes.csv");
    std::fs::write(&csv, "box,tracking_id\n2, 1Z879E930346834440\n").expect("write");
    refused(&["box-csv", ship[0], ship[1], csv.to_str().expect("path")], "line 2: the tracking ID has spaces before or after it");
    std::fs::write(&csv, "box,tracking_id\n2,1Z879E930346834440\n").expect("write");
    assert_eq!(json(&["box-csv", ship[0], ship[1], csv.to_str().expect("path")])["applied"], 1);
    let v = json(&["carrier", ship[0], ship[1], "--carrier", "other", "--other-name", "Speedy Couriers", "--box-id", "1=SPD0001231", "--box-id", "2=SPD0001232"]);
    assert_eq!((v["carrier_code"].as_str(), v["boxes"][1]["tracking_id"].as_str()), (Some("other:Speedy Couriers"), Some("SPD0001232")), "{v}");
    refused(&["window", ship[0], ship[1], "--start", "2026-11-23 06:00", "--end", "2026-11-23 09:00"], "start in the future");
    let v = json(&["window", ship[0], ship[1], "--start", "2026-11-24 09:00", "--end", "2026-11-24 17:00"]);
    assert_eq!(v["window"]["locked"], false, "{v}");
    assert_eq!(json(&["ready", ship[0], ship[1]])["status"], "shipped");
    assert_eq!(json(&["received", ship[0], ship[1]])["status"], "delivered");
    let out = seller(&["shipment", ship[0], ship[1]]);
    assert!(text(&out.stdout).contains("FBA15CLI  Small parcel  Speedy Couriers  Delivered  window 2026-11-24 09:00 to 2026-11-24 17:00"), "{}", text(&out.stdout));
    let c = json(&["confirm-tracking", "--order", "402-5510272-8812418", "--carrier", "India Post", "--tracking-id", "EK712346269IN"]);
    assert_eq!(c["counts_toward_vtr"], true, "{c}");
    refused(&["confirm-tracking", "--order", "402-5510272-8812418", "--carrier", "UPS", "--tracking-id", "EK712346269IN"], "looks like a India Post number");
    let m = json(&["tracking-metrics"]);
    assert_eq!((m["missing_tracking_defects"]["shipments"].as_u64(), m["missing_tracking_defects"]["level"].as_str()), (Some(1), Some("none")), "{m}");
    assert_eq!((m["valid_tracking_rate"]["shipments"].as_u64(), m["valid_tracking_rate"]["target"].as_f64()), (Some(8), Some(0.95)), "{m}");
    let out = seller(&["tracking-metrics"]);
    assert!(text(&out.stdout).contains("valid tracking rate: 8 of 8 (100.0%), target 95.0%"), "{}", text(&out.stdout));
}
