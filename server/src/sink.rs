//! Loopback stand-ins for the customers' message transports, for tests and the demo (`track
//! sinks`): a minimal SMTP server that accepts every message (RFC 5321's happy path) and an SMS
//! gateway's webhook receiver that checks one auth header. Both keep what arrived. Not for
//! production: nothing is authenticated or encrypted, and they listen on loopback only.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde::Serialize;

/// One e-mail the SMTP sink received.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Email {
    /// The `RCPT TO` lines as sent.
    pub rcpt: Vec<String>,
    /// The message (headers and body) as sent, dot-stuffing left in.
    pub data: String,
}

impl Email {
    /// A header's value (the first one named `name`, case-insensitive), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let mut lines = self.data.split("\r\n").take_while(|l| !l.is_empty()).peekable();
        while let Some(line) = lines.next() {
            let Some((key, value)) = line.split_once(':') else { continue };
            if key.eq_ignore_ascii_case(name) {
                let mut value = value.trim().to_string();
                while let Some(next) = lines.next_if(|l| l.starts_with([' ', '\t'])) {
                    value.push(' ');
                    value.push_str(next.trim());
                }
                return Some(value);
            }
        }
        None
    }
}

/// What arrived at a sink, in arrival order.
pub type Inbox<T> = Arc<Mutex<Vec<T>>>;

/// Serves SMTP on `listener` (a thread per connection) until the process ends; what arrived.
pub fn smtp_sink(listener: TcpListener) -> Inbox<Email> {
    let inbox: Inbox<Email> = Arc::new(Mutex::new(Vec::new()));
    let sink = inbox.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let sink = sink.clone();
            std::thread::spawn(move || {
                if let Err(e) = session(stream, &sink) {
                    log::debug!("SMTP sink session ended: {e}");
                }
            });
        }
    });
    inbox
}

fn session(stream: TcpStream, inbox: &Mutex<Vec<Email>>) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 sink ready\r\n")?;
    let mut current = Email::default();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" | "HELO" => out.write_all(b"250-sink\r\n250 8BITMIME\r\n")?,
            "MAIL" => out.write_all(b"250 OK\r\n")?,
            "RCPT" => {
                current.rcpt.push(line.trim().to_string());
                out.write_all(b"250 OK\r\n")?;
            }
            "DATA" => {
                out.write_all(b"354 go ahead\r\n")?;
                loop {
                    line.clear();
                    if lines.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    current.data.push_str(&line);
                }
                if let Ok(mut inbox) = inbox.lock() {
                    inbox.push(std::mem::take(&mut current));
                }
                out.write_all(b"250 queued\r\n")?;
            }
            "QUIT" => {
                out.write_all(b"221 bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"250 OK\r\n")?,
        }
    }
}

/// One request the webhook receiver got.
#[derive(Debug, Clone, Serialize)]
pub struct SmsRequest {
    /// The value of the auth header the receiver checks, as sent.
    pub auth: Option<String>,
    pub body: serde_json::Value,
}

/// How the webhook receiver answers: `answer` to a request that carries `header: secret`, 401 to
/// any other.
#[derive(Debug, Clone)]
pub struct Gateway {
    pub header: String,
    pub secret: String,
    pub answer: StatusCode,
}

impl Gateway {
    /// A gateway that accepts (202) what carries `header: secret`.
    pub fn accepting(header: impl Into<String>, secret: impl Into<String>) -> Gateway {
        Gateway { header: header.into(), secret: secret.into(), answer: StatusCode::ACCEPTED }
    }
}

/// Serves the webhook (`POST /sms`) on `listener` on the current tokio runtime; what arrived.
pub fn webhook_receiver(listener: tokio::net::TcpListener, gateway: Gateway) -> Inbox<SmsRequest> {
    let got: Inbox<SmsRequest> = Arc::new(Mutex::new(Vec::new()));
    let sink = got.clone();
    let app = axum::Router::new().route(
        "/sms",
        post(move |headers: HeaderMap, Json(body): Json<serde_json::Value>| {
            let (sink, gateway) = (sink.clone(), gateway.clone());
            async move {
                let auth = headers.get(gateway.header.as_str()).and_then(|v| v.to_str().ok()).map(str::to_string);
                let authorised = auth.as_deref() == Some(gateway.secret.as_str());
                if let Ok(mut sink) = sink.lock() {
                    sink.push(SmsRequest { auth, body });
                }
                if authorised { gateway.answer } else { StatusCode::UNAUTHORIZED }
            }
        }),
    );
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            log::error!("the webhook receiver stopped: {e}");
        }
    });
    got
}

/// What arrived at either sink.
#[derive(Debug, Clone)]
pub enum Arrival {
    Email(Email),
    Sms(SmsRequest),
}

/// Runs both sinks (SMTP on `smtp`, the webhook on `sms`) until the process ends, calling `seen`
/// with each arrival in order (looked for every 100 ms). Blocking; for `track sinks`.
pub fn run(smtp: TcpListener, sms: TcpListener, gateway: Gateway, mut seen: impl FnMut(Arrival)) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    sms.set_nonblocking(true)?;
    let sms = runtime.block_on(async { tokio::net::TcpListener::from_std(sms).map(|l| webhook_receiver(l, gateway)) })?;
    let mail = smtp_sink(smtp);
    let (mut mails_seen, mut sms_seen) = (0, 0);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let new_mail: Vec<Email> = mail.lock().map(|m| m.iter().skip(mails_seen).cloned().collect()).unwrap_or_default();
        mails_seen += new_mail.len();
        new_mail.into_iter().for_each(|m| seen(Arrival::Email(m)));
        let new_sms: Vec<SmsRequest> = sms.lock().map(|m| m.iter().skip(sms_seen).cloned().collect()).unwrap_or_default();
        sms_seen += new_sms.len();
        new_sms.into_iter().for_each(|m| seen(Arrival::Sms(m)));
    }
}
