//! Slow and silent clients against the real server on loopback (issue 11, defect 4): connections
//! that drip their headers or send nothing are closed after the header timeout, idle kept-alive
//! connections are closed, and normal requests are answered while such clients hold the
//! connection cap. Every loop here is bounded in count and time.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use track_server::{App, Config};

/// Far above the server's limits below (1 s headers, 2 s idle): reaching it means a connection
/// was held open.
const PATIENCE: Duration = Duration::from_secs(15);

fn start(max_connections: usize) -> (SocketAddr, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path().join("server.db"));
    config.header_read_timeout = Duration::from_secs(1);
    config.idle_timeout = Duration::from_secs(2);
    config.max_connections = max_connections;
    let app: Arc<App> = App::open(config).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            track_server::serve(listener, app).await.unwrap();
        });
    });
    (addr, dir)
}

/// Whether the server closed the connection (end of stream or reset) before `deadline`, reading
/// and discarding whatever it sends first.
fn closed_by_server(stream: &mut TcpStream, deadline: Instant) -> bool {
    let mut buf = [0u8; 4096];
    while Instant::now() < deadline {
        stream.set_read_timeout(Some(deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1)))).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return false,
            Err(_) => return true,
        }
    }
    false
}

/// One normal request on its own connection: the status line of the answer.
fn normal_request(addr: SocketAddr) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(b"GET /v1/openapi.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_string()
}

#[test]
fn hole_slow_clients_do_not_starve_server() {
    const SLOW: usize = 40;
    let (addr, _dir) = start(8);
    // Half drip a header line one byte at a time, half connect and send nothing.
    let mut slow: Vec<TcpStream> = (0..SLOW).map(|_| TcpStream::connect(addr).unwrap()).collect();
    let dripping: Vec<TcpStream> = slow.iter().step_by(2).map(|s| s.try_clone().unwrap()).collect();
    let dripper = std::thread::spawn(move || {
        let header = b"GET /v1/openapi.json HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".iter().chain(std::iter::repeat(&b'a'));
        let mut dripping = dripping;
        // At most PATIENCE of dripping, one byte to each connection every 100 ms.
        for byte in header.take(PATIENCE.as_millis() as usize / 100) {
            dripping.retain_mut(|s| s.write_all(&[*byte]).is_ok());
            if dripping.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    // Normal requests are answered while the slow clients hold (more than) every slot.
    for _ in 0..3 {
        let status = normal_request(addr);
        assert!(status.starts_with("HTTP/1.1 200"), "a normal request was not answered: {status:?}");
    }
    // And every slow connection was closed by the server.
    // One deadline for them all: the test ends within PATIENCE however many were held.
    let deadline = Instant::now() + PATIENCE;
    let held = slow.iter_mut().map(|s| closed_by_server(s, deadline)).filter(|closed| !closed).count();
    assert_eq!(held, 0, "{held} of {SLOW} slow connections were still open");
    dripper.join().unwrap();
}

#[test]
fn hole_idle_keep_alive_connections_closed() {
    let (addr, _dir) = start(8);
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(b"GET /v1/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    // Read the whole answer (by its Content-Length), then stay silent on the kept-alive connection.
    let mut answer = Vec::new();
    let mut buf = [0u8; 8192];
    let length = loop {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "the server closed before answering");
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = text[..end]
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap()))
                .expect("content-length");
            break end + 4 + length;
        }
    };
    while answer.len() < length {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "the answer was cut");
        answer.extend_from_slice(&buf[..n]);
    }
    assert!(answer.starts_with(b"HTTP/1.1 200"));
    assert!(closed_by_server(&mut stream, Instant::now() + PATIENCE), "an idle kept-alive connection stayed open");
}

#[test]
fn hole_clients_that_stop_reading_are_closed() {
    const REQUESTS: usize = 2000;
    let (addr, _dir) = start(8);
    let mut stream = TcpStream::connect(addr).unwrap();
    // Many pipelined requests for the OpenAPI document (tens of MB of answers), then no reading:
    // the server's writes stall once the socket buffers are full.
    let request = b"GET /v1/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n";
    stream.write_all(&request.repeat(REQUESTS)).unwrap();
    // Longer than the idle timeout (2 s), far shorter than PATIENCE.
    std::thread::sleep(Duration::from_secs(6));
    // Now read what the server wrote before it gave up: not every answer.
    let deadline = Instant::now() + PATIENCE;
    let mut received = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    let closed = loop {
        if Instant::now() >= deadline {
            break false;
        }
        stream.set_read_timeout(Some(deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1)))).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => received.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => break false,
            Err(_) => break true,
        }
    };
    let answers = received.windows(12).filter(|w| w == b"HTTP/1.1 200").count();
    assert!(closed, "the connection stayed open");
    assert!(answers < REQUESTS, "all {answers} answers were written: the stalled connection was never closed");
}
