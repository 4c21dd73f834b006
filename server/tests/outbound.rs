//! The customer's messages reach a local SMTP sink and a local SMS webhook receiver on loopback:
//! what arrived, in which language, with which idempotency key; a sink that is down is a
//! transient failure and the retry succeeds once it is up; a gateway that refuses the auth header
//! is a permanent failure.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use track_core::event::UndeliverableReason;
use track_server::messages::{Language, Update, render};
use track_server::outbound::{Outbound, SendError, SmsWebhook, SmtpConfig, SmtpSecurity};

/// One message the SMTP sink received.
#[derive(Debug, Clone)]
struct Received {
    rcpt: Vec<String>,
    data: String,
}

/// A minimal SMTP server on loopback that accepts every message (RFC 5321's happy path).
fn smtp_sink(listener: TcpListener) -> Arc<Mutex<Vec<Received>>> {
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let sink = inbox.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let sink = sink.clone();
            std::thread::spawn(move || {
                let _ = session(stream, &sink);
            });
        }
    });
    inbox
}

fn session(stream: TcpStream, inbox: &Mutex<Vec<Received>>) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 sink ready\r\n")?;
    let mut current = Received { rcpt: Vec::new(), data: String::new() };
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
                inbox.lock().unwrap().push(std::mem::replace(&mut current, Received { rcpt: Vec::new(), data: String::new() }));
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

fn smtp(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        from: "Track <no-reply@track.example>".into(),
        credentials: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_reaches_the_sink_and_a_down_sink_is_retried() {
    // A port with nothing listening yet: the sink is down.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let out = Outbound::new(Some(smtp(port)), None).unwrap();
    let message = render(Update::Delivered, Language::Hindi, "Asha Stores", "EK712345609IN", "https://track.example/t/EK712345609IN");
    let err = out.email("customer@example.in", Language::Hindi, &message, "evt-1.email").await.unwrap_err();
    assert!(err.is_transient(), "a sink that is down is retried later: {err}");

    // Up again on the same port: the retry is delivered, once.
    let inbox = smtp_sink(TcpListener::bind(("127.0.0.1", port)).unwrap());
    out.email("customer@example.in", Language::Hindi, &message, "evt-1.email").await.unwrap();
    let got = inbox.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert!(got[0].rcpt[0].contains("customer@example.in"), "{:?}", got[0].rcpt);
    let data = &got[0].data;
    assert!(data.contains("Message-ID: <evt-1.email@track.notifications>"), "{data}");
    assert!(data.contains("Content-Language: hi"), "{data}");
    assert!(data.contains("From: Track <no-reply@track.example>"), "{data}");
    // The Hindi subject goes encoded (RFC 2047); the body names the tracking ID.
    assert!(data.contains("Subject: =?utf-8?"), "{data}");
    assert!(data.contains("EK712345609IN"), "{data}");

    let bad = out.email("not an address", Language::English, &message, "evt-2.email").await.unwrap_err();
    assert!(matches!(bad, SendError::BadAddress) && !bad.is_transient(), "{bad}");
    assert_eq!(inbox.lock().unwrap().len(), 1);
}

/// What the webhook receiver got: the auth header and the body.
type Hooked = Arc<Mutex<Vec<(Option<String>, serde_json::Value)>>>;

async fn webhook_receiver(answer: StatusCode) -> (SocketAddr, Hooked) {
    let got: Hooked = Arc::new(Mutex::new(Vec::new()));
    let sink = got.clone();
    let app = axum::Router::new().route(
        "/sms",
        post(move |headers: HeaderMap, Json(body): Json<serde_json::Value>| {
            let sink = sink.clone();
            async move {
                let auth = headers.get("x-gateway-key").and_then(|v| v.to_str().ok()).map(str::to_string);
                let authorised = auth.as_deref() == Some("secret");
                sink.lock().unwrap().push((auth, body));
                if authorised { answer } else { StatusCode::UNAUTHORIZED }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, got)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_reaches_the_webhook_with_its_auth_header_and_key() {
    let (addr, got) = webhook_receiver(StatusCode::ACCEPTED).await;
    let hook = |key: &str| SmsWebhook {
        url: format!("http://{addr}/sms"),
        auth_header: Some(("X-Gateway-Key".into(), key.into())),
    };
    let message = render(
        Update::Undeliverable(UndeliverableReason::CustomerNotAvailable),
        Language::English,
        "Asha Stores",
        "EK712345609IN",
        "https://track.example/t/EK712345609IN",
    );
    let out = Outbound::new(None, Some(hook("secret"))).unwrap();
    out.sms("+919845012345", Language::English, &message, "evt-3.sms").await.unwrap();
    {
        let got = got.lock().unwrap();
        assert_eq!(got.len(), 1);
        let (auth, body) = &got[0];
        assert_eq!(auth.as_deref(), Some("secret"));
        assert_eq!(body["to"], "+919845012345");
        assert_eq!(body["idempotency_key"], "evt-3.sms");
        assert_eq!(body["language"], "en");
        assert!(body["text"].as_str().unwrap().contains("We will try again"), "{body}");
    }
    // A wrong key: the gateway's 401 is permanent, not retried.
    let wrong = Outbound::new(None, Some(hook("wrong"))).unwrap();
    let err = wrong.sms("+919845012345", Language::English, &message, "evt-4.sms").await.unwrap_err();
    assert!(matches!(err, SendError::Gateway { status: 401 }) && !err.is_transient(), "{err}");
    // Not configured: says which channel.
    let none = Outbound::new(None, None).unwrap();
    let err = none.sms("+919845012345", Language::English, &message, "evt-5.sms").await.unwrap_err();
    assert!(err.to_string().contains("SMS (webhook) is not configured"), "{err}");

    // A gateway in trouble (503) is retried later.
    let (addr, _) = webhook_receiver(StatusCode::SERVICE_UNAVAILABLE).await;
    let busy = Outbound::new(None, Some(SmsWebhook { url: format!("http://{addr}/sms"), auth_header: Some(("X-Gateway-Key".into(), "secret".into())) })).unwrap();
    let err = busy.sms("+919845012345", Language::English, &message, "evt-6.sms").await.unwrap_err();
    assert!(err.is_transient(), "{err}");
}
