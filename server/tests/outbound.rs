//! The customer's messages reach a local SMTP sink and a local SMS webhook receiver on loopback:
//! what arrived, in which language, with which idempotency key; a sink that is down is a
//! transient failure and the retry succeeds once it is up; a gateway that refuses the auth header
//! is a permanent failure.

use std::net::{SocketAddr, TcpListener};

use axum::http::StatusCode;
use track_core::event::UndeliverableReason;
use track_server::messages::{Language, Update, render};
use track_server::outbound::{Outbound, SendError, SmsWebhook, SmtpConfig, SmtpSecurity};
use track_server::sink::{Gateway, Inbox, SmsRequest, smtp_sink};

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

async fn webhook_receiver(answer: StatusCode) -> (SocketAddr, Inbox<SmsRequest>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let gateway = Gateway { header: "x-gateway-key".into(), secret: "secret".into(), answer };
    (addr, track_server::sink::webhook_receiver(listener, gateway))
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
        let SmsRequest { auth, body } = &got[0];
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
