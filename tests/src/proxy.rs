//! A fault-injecting HTTP/1.1 proxy for the sync tests: it sits between the client and the server
//! on loopback and, request by request, passes the request on or breaks it the way networks and
//! servers break: the connection dropped before the server saw the request or after it committed,
//! a 500, a 429 with Retry-After, an answer slower than the client's timeout, the server killed
//! while it handles the request.
//!
//! Every request goes to the server on a connection of its own (`Connection: close`), so the
//! server's answer ends where its connection ends, whatever its framing.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// What the proxy does with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Passes it on and returns the answer.
    Pass,
    /// Closes the client's connection without passing the request on: the server never saw it.
    DropBeforeServer,
    /// Passes it on, waits for the whole answer (the server has committed), then closes the
    /// client's connection without the answer.
    DropAfterServer,
    /// Answers 500 without passing it on.
    ServerError,
    /// Answers 429 with `Retry-After` in seconds, without passing it on.
    TooManyRequests { retry_after_s: u32 },
    /// Passes it on and holds the answer back this long (longer than the client's timeout).
    Slow(Duration),
    /// Passes it on, then calls the kill hook (which kills the server) before the answer can come.
    KillServer,
}

/// Chooses the fault of each request.
pub enum Plan {
    /// These faults for the first requests, in order, then [`Fault::Pass`].
    Script(Vec<Fault>),
    /// Each fault with its weight, drawn with a seeded generator, for a number of requests; then
    /// [`Fault::Pass`] so that every run ends.
    Random { seed: u64, weights: Vec<(Fault, u32)>, requests: usize },
}

struct State {
    upstream: SocketAddr,
    plan: Plan,
    rng: fastrand::Rng,
    served: usize,
    log: Vec<(String, Fault)>,
}

/// The proxy. Dropping it stops accepting connections.
pub struct Proxy {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    kill_hook: Arc<Mutex<Option<Box<dyn FnMut() + Send>>>>,
}

impl Proxy {
    /// Starts a proxy on 127.0.0.1 (a free port) in front of `upstream`.
    pub fn start(upstream: SocketAddr, plan: Plan) -> io::Result<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let seed = match &plan {
            Plan::Random { seed, .. } => *seed,
            Plan::Script(_) => 0,
        };
        let state = Arc::new(Mutex::new(State { upstream, plan, rng: fastrand::Rng::with_seed(seed), served: 0, log: Vec::new() }));
        let stop = Arc::new(AtomicBool::new(false));
        let kill_hook: Arc<Mutex<Option<Box<dyn FnMut() + Send>>>> = Arc::new(Mutex::new(None));
        let (st, sp, kh) = (state.clone(), stop.clone(), kill_hook.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if sp.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (st, kh) = (st.clone(), kh.clone());
                thread::spawn(move || {
                    let _ = handle(conn, &st, &kh);
                });
            }
        });
        Ok(Proxy { addr, state, stop, kill_hook })
    }

    /// The base URL to give the client.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Points the proxy at a new server address (after a restart).
    pub fn set_upstream(&self, upstream: SocketAddr) {
        lock(&self.state).upstream = upstream;
    }

    /// What [`Fault::KillServer`] calls.
    pub fn on_kill(&self, hook: impl FnMut() + Send + 'static) {
        *lock(&self.kill_hook) = Some(Box::new(hook));
    }

    /// Each request's first line and the fault it met.
    pub fn log(&self) -> Vec<(String, Fault)> {
        lock(&self.state).log.clone()
    }

    /// How many requests met each fault other than [`Fault::Pass`].
    pub fn faults_injected(&self) -> usize {
        lock(&self.state).log.iter().filter(|(_, f)| *f != Fault::Pass).count()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop up so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn next_fault(state: &mut State) -> Fault {
    let n = state.served;
    state.served += 1;
    match &state.plan {
        Plan::Script(faults) => faults.get(n).copied().unwrap_or(Fault::Pass),
        Plan::Random { weights, requests, .. } => {
            if n >= *requests {
                return Fault::Pass;
            }
            let total: u32 = weights.iter().map(|(_, w)| w).sum();
            let mut pick = state.rng.u32(0..total.max(1));
            for (fault, w) in weights {
                if pick < *w {
                    return *fault;
                }
                pick -= w;
            }
            Fault::Pass
        }
    }
}

/// Serves one client connection: request after request until the client closes it.
fn handle(mut client: TcpStream, state: &Mutex<State>, kill_hook: &Mutex<Option<Box<dyn FnMut() + Send>>>) -> io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut pending = Vec::new();
    loop {
        let Some(request) = read_request(&mut client, &mut pending)? else { return Ok(()) };
        let first_line = String::from_utf8_lossy(request.split(|b| *b == b'\r').next().unwrap_or(b"")).into_owned();
        let (fault, upstream) = {
            let mut st = lock(state);
            let fault = next_fault(&mut st);
            st.log.push((first_line, fault));
            (fault, st.upstream)
        };
        match fault {
            Fault::DropBeforeServer => {
                let _ = client.shutdown(Shutdown::Both);
                return Ok(());
            }
            Fault::ServerError => {
                respond(&mut client, "500 Internal Server Error", &[], r#"{"error":{"code":"internal","message":"injected failure"}}"#)?;
                continue;
            }
            Fault::TooManyRequests { retry_after_s } => {
                let header = format!("Retry-After: {retry_after_s}");
                respond(&mut client, "429 Too Many Requests", &[&header], r#"{"error":{"code":"rate_limited","message":"slow down"}}"#)?;
                continue;
            }
            Fault::KillServer => {
                // Sends the request, then kills the server while it works on it.
                if let Ok(mut server) = TcpStream::connect(upstream) {
                    let _ = server.write_all(&close_connection(&request));
                    thread::sleep(Duration::from_millis(fastrand::u64(0..20)));
                }
                if let Some(hook) = lock(kill_hook).as_mut() {
                    hook();
                }
                let _ = client.shutdown(Shutdown::Both);
                return Ok(());
            }
            Fault::Pass | Fault::DropAfterServer | Fault::Slow(_) => {}
        }
        let answer = match forward(upstream, &request) {
            Ok(answer) => answer,
            Err(_) => {
                // The server is down: the client sees a broken connection, as it would.
                let _ = client.shutdown(Shutdown::Both);
                return Ok(());
            }
        };
        match fault {
            Fault::DropAfterServer => {
                let _ = client.shutdown(Shutdown::Both);
                return Ok(());
            }
            Fault::Slow(d) => thread::sleep(d),
            _ => {}
        }
        client.write_all(&answer)?;
        // The answer carries `Connection: close` (the request to the server asked for it).
        let _ = client.shutdown(Shutdown::Both);
        return Ok(());
    }
}

fn respond(client: &mut TcpStream, status: &str, headers: &[&str], body: &str) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n", body.len());
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    client.write_all(head.as_bytes())?;
    client.write_all(body.as_bytes())
}

fn forward(upstream: SocketAddr, request: &[u8]) -> io::Result<Vec<u8>> {
    let mut server = TcpStream::connect(upstream)?;
    server.set_read_timeout(Some(Duration::from_secs(30)))?;
    server.write_all(&close_connection(request))?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer)?;
    if answer.is_empty() {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "no answer"));
    }
    Ok(answer)
}

/// The request with `Connection: close` instead of any connection header.
fn close_connection(request: &[u8]) -> Vec<u8> {
    let Some(end) = find(request, b"\r\n\r\n") else { return request.to_vec() };
    let head = String::from_utf8_lossy(&request[..end]);
    let mut out = String::new();
    for line in head.split("\r\n") {
        if line.to_ascii_lowercase().starts_with("connection:") {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&request[end + 4..]);
    bytes
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads one whole request (head and `Content-Length` body). `None` when the client closed.
fn read_request(client: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<Option<Vec<u8>>> {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = find(buf, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap_or(0)))
                .unwrap_or(0);
            let total = end + 4 + length;
            if buf.len() >= total {
                let rest = buf.split_off(total);
                let request = std::mem::replace(buf, rest);
                return Ok(Some(request));
            }
        }
        let n = client.read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}
