//! `track sinks`: the loopback SMTP sink and SMS webhook receiver of [`track_server::sink`], for
//! the demo: each message that arrives is printed as one JSON line.

use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;
use track_server::sink::{Arrival, Gateway};

#[derive(Args)]
pub struct SinksArgs {
    /// Where the SMTP sink listens (loopback; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:2525", value_name = "ADDR")]
    pub smtp: String,
    /// Where the SMS webhook receiver listens (`POST /sms`).
    #[arg(long, default_value = "127.0.0.1:8025", value_name = "ADDR")]
    pub sms: String,
    /// The auth header the receiver expects, as `Name: value` (others are answered 401).
    #[arg(long, env = "TRACK_SMS_AUTH_HEADER", hide_env_values = true, default_value = "X-Gateway-Key: demo")]
    pub sms_auth_header: String,
}

fn loopback(addr: &str) -> Result<TcpListener, String> {
    let listener = TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    if !local.ip().is_loopback() {
        return Err(format!("the sinks listen on loopback only, not {local}"));
    }
    Ok(listener)
}

pub fn run(a: &SinksArgs) -> Result<ExitCode, String> {
    let (header, secret) = crate::serve::auth_header(&a.sms_auth_header)?;
    let (smtp, sms) = (loopback(&a.smtp)?, loopback(&a.sms)?);
    let smtp_addr = smtp.local_addr().map_err(|e| e.to_string())?;
    let sms_addr = sms.local_addr().map_err(|e| e.to_string())?;
    println!("{}", json!({"smtp": smtp_addr.to_string(), "sms": format!("http://{sms_addr}/sms")}));
    let _ = std::io::stdout().flush();
    let gateway = Gateway::accepting(header, secret.clone());
    track_server::sink::run(smtp, sms, gateway, |arrival| {
        let line = match arrival {
            Arrival::Email(m) => json!({
                "channel": "email",
                "to": m.rcpt.iter().map(|r| r.trim_start_matches("RCPT TO:").trim().trim_matches(['<', '>'])).collect::<Vec<_>>(),
                "subject": m.header("Subject"),
                "message_id": m.header("Message-ID"),
                "language": m.header("Content-Language"),
            }),
            Arrival::Sms(r) => json!({
                "channel": "sms",
                "to": r.body["to"],
                "text": r.body["text"],
                "language": r.body["language"],
                "idempotency_key": r.body["idempotency_key"],
                "authorised": r.auth.as_deref() == Some(secret.as_str()),
            }),
        };
        println!("{line}");
        let _ = std::io::stdout().flush();
    })
    .map_err(|e| format!("the sinks stopped: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
