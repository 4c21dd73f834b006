//! Holes a hostile user found in `track serve` (issue 11), tried against the real command on
//! loopback: a flood of bogus logins, and the seller's registration of its DAs from the CLI.

use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

const ADMIN: &str = "holes-admin";

fn track() -> Command {
    Command::new(env!("CARGO_BIN_EXE_track"))
}

/// `track serve` on a fresh database on a free loopback port; killed when dropped.
struct Serve {
    child: Child,
    addr: SocketAddr,
}

impl Serve {
    fn start(db: &Path) -> Serve {
        let mut child = track()
            .args(["serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .env("TRACK_ADMIN_TOKEN", ADMIN)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let addr = line.trim().strip_prefix("listening on http://").and_then(|s| s.strip_suffix('/')).unwrap_or_else(|| panic!("{line:?}"));
        Serve { addr: addr.parse().unwrap(), child }
    }

    fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// A line of /proc/PID/status, in KiB.
    fn status_kib(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One login over a fresh connection from `source` (a loopback address of its own, so neither
/// the per-address nor the per-account limit stops it before the password check); the status.
async fn bogus_login(server: SocketAddr, source: Ipv4Addr, n: u32) -> std::io::Result<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from((source, 0)))?;
    let mut stream = socket.connect(server).await?;
    let body = format!(r#"{{"login": "98{n:08}", "password": "guess {n} guess", "seller_id": "nobody"}}"#);
    let request = format!(
        "POST /v1/sessions HTTP/1.1\r\nhost: {server}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let text = String::from_utf8_lossy(&answer);
    Ok(text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0))
}

/// Issue 11, defect 2: each login ran argon2 (19 MiB) with nothing bounding how many at once;
/// 800 bogus logins took the server to 3.7 GiB. 500 concurrent bogus logins, each from its own
/// address, must leave `track serve`'s peak resident memory under 200 MiB. (A watchdog stops the
/// server as soon as it passes the bound, so a regression fails fast instead of eating the machine.)
#[test]
fn hole_argon2_memory_bounded() {
    const LIMIT_KIB: u64 = 200 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let server = Serve::start(&dir.path().join("server.db"));
    let start_kib = server.status_kib("VmRSS:").unwrap();
    let pid = server.child.id();
    let done = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let watchdog = {
        let (done, peak) = (done.clone(), peak.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                let rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
                    .ok()
                    .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok()));
                let Some(rss) = rss else { break };
                peak.fetch_max(rss, Ordering::Relaxed);
                if rss > LIMIT_KIB {
                    // Stop the server this test started, by its PID, before it eats the machine.
                    let _ = Command::new("kill").arg("-KILL").arg(pid.to_string()).status();
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let addr = server.addr;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let statuses: Vec<u16> = runtime.block_on(async move {
        let tasks: Vec<_> = (0..500u32)
            .map(|n| {
                let source = Ipv4Addr::new(127, 1 + (n / 250) as u8, (n % 250) as u8, 1 + (n % 7) as u8);
                tokio::spawn(tokio::time::timeout(Duration::from_secs(120), bogus_login(addr, source, n)))
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(match t.await {
                Ok(Ok(Ok(status))) => status,
                _ => 0,
            });
        }
        out
    });
    let hwm_kib = server.status_kib("VmHWM:");
    done.store(true, Ordering::Relaxed);
    watchdog.join().unwrap();
    let seen_kib = peak.load(Ordering::Relaxed);
    let peak_kib = hwm_kib.unwrap_or(seen_kib).max(seen_kib);
    let mut counts = std::collections::BTreeMap::new();
    for s in &statuses {
        *counts.entry(*s).or_insert(0) += 1;
    }
    eprintln!("500 bogus logins: statuses {counts:?}; resident memory {start_kib} KiB at start, peak {peak_kib} KiB");
    assert!(hwm_kib.is_some(), "the server died (stopped by the watchdog at {seen_kib} KiB resident?): statuses {counts:?}");
    assert!(peak_kib < LIMIT_KIB, "peak resident memory {peak_kib} KiB, over {LIMIT_KIB} KiB");
    // Every login was answered: a wrong password, or busy (503, try again later); never a 5xx else.
    assert!(statuses.iter().all(|s| matches!(s, 401 | 503)), "{counts:?}");
    assert!(counts.contains_key(&401), "no login reached the password check: {counts:?}");
    // And the server still answers a real request.
    let answer = runtime.block_on(bogus_login(addr, Ipv4Addr::LOCALHOST, 999_999)).unwrap();
    assert!(matches!(answer, 401 | 503), "{answer}");
}

fn run(args: &[&str], server: &str) -> (bool, String) {
    let out = track().args(args).env("TRACK_SERVER", server).env("TRACK_ADMIN_TOKEN", ADMIN).env("TRACK_PASSWORD", "correct horse").output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// Issue 11, defect 1, from the CLI: `track seller add-da` lets a DA see the seller's orders and
/// `track seller remove-da` ends its session.
#[test]
fn hole_enrol_seller_registers_its_das_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let server = Serve::start(&dir.path().join("server.db"));
    let url = server.url();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/demo");
    let (ok, out) = run(&["seed", "--seller", fixtures.join("seller.json").to_str().unwrap(), "--orders", fixtures.join("orders.json").to_str().unwrap()], &url);
    assert!(ok, "{out}");
    let (ok, out) = run(&["account", "--name", "Ravi", "--phone", "9845000001", "--seller", "sharma-textiles"], &url);
    assert!(ok, "{out}");
    let (ok, token) = run(&["login", "--login", "9845000001", "--seller", "sharma-textiles"], &url);
    assert!(ok, "{token}");
    let token = token.trim().to_string();
    let fetch = |db: &str| {
        let out = track().args(["sync", "--fetch", "--db"]).arg(dir.path().join(db)).env("TRACK_SERVER", &url).env("TRACK_TOKEN", &token).output().unwrap();
        (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    };
    let (ok, out) = fetch("a.db");
    assert!(!ok && out.contains("registered"), "an unregistered DA fetched orders: {out}");
    let (ok, out) = run(&["seller", "add-da", "--seller", "sharma-textiles", "--phone", "+91 98450 00001"], &url);
    assert!(ok && out.contains("+919845000001 registered"), "{out}");
    let (ok, out) = run(&["seller", "das", "--seller", "sharma-textiles"], &url);
    assert!(ok && out.trim() == "+919845000001", "{out}");
    let (ok, out) = fetch("b.db");
    assert!(ok && out.contains("fetched"), "{out}");
    let (ok, out) = run(&["seller", "remove-da", "--seller", "sharma-textiles", "--phone", "98450 00001"], &url);
    assert!(ok && out.contains("1 sessions ended"), "{out}");
    let (ok, out) = fetch("c.db");
    assert!(!ok, "a removed DA's session still works: {out}");
    // Without the admin token the seller's DAs cannot be changed.
    let out = track().args(["seller", "add-da", "--seller", "sharma-textiles", "--phone", "9845000002", "--admin-token", "guess"]).env("TRACK_SERVER", &url).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("401"), "{}", String::from_utf8_lossy(&out.stderr));
}
