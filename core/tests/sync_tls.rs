//! The sync client over TLS, as the phone talks to its server: rustls on ring, the server's
//! certificate checked by the platform's verifier (rustls-platform-verifier; on Linux it reads
//! the roots named by `SSL_CERT_FILE`, here a test CA made for the run). A server whose
//! certificate comes from a CA the platform does not trust is refused, and the error says why.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use track_core::sync::{SyncClient, SyncConfig, SyncError};

/// A certificate authority made for the run.
struct Ca {
    issuer: Issuer<'static, KeyPair>,
    pem: String,
}

fn new_ca(name: &str) -> Ca {
    let key = KeyPair::generate().expect("CA key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    let cert = params.self_signed(&key).expect("CA certificate");
    Ca { pem: cert.pem(), issuer: Issuer::new(params, key) }
}

/// The CA the platform trusts in this test binary: `SSL_CERT_FILE` names it, set once, before
/// any client (or anything else reading the environment) exists: every test calls this first.
fn trusted_ca() -> &'static Ca {
    static CA: OnceLock<(Ca, tempfile::TempPath)> = OnceLock::new();
    &CA.get_or_init(|| {
        let ca = new_ca("track test CA");
        let mut file = tempfile::NamedTempFile::new().expect("CA file");
        file.write_all(ca.pem.as_bytes()).expect("write the CA");
        let path = file.into_temp_path();
        // SAFETY: the tests of this binary call trusted_ca() before they start a thread or read
        // the environment, and OnceLock runs this once while the others wait.
        unsafe { std::env::set_var("SSL_CERT_FILE", &path) };
        (ca, path)
    })
    .0
}

/// A TLS server on 127.0.0.1 with a certificate for 127.0.0.1 signed by `ca`: it answers one
/// request with `{}` and hands back the request's head (or why the connection failed).
fn serve_once(ca: &Ca) -> (String, Receiver<Result<String, String>>) {
    let key = KeyPair::generate().expect("server key");
    let cert = CertificateParams::new(vec!["127.0.0.1".to_string()]).expect("server parameters").signed_by(&key, &ca.issuer).expect("server certificate");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![CertificateDer::from(cert.der().to_vec())], PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())))
        .expect("server config");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("https://127.0.0.1:{}/", listener.local_addr().expect("address").port());
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let result = (|| {
            let (tcp, _) = listener.accept().map_err(|e| e.to_string())?;
            tcp.set_read_timeout(Some(Duration::from_secs(10))).map_err(|e| e.to_string())?;
            let conn = rustls::ServerConnection::new(Arc::new(config)).map_err(|e| e.to_string())?;
            let mut tls = rustls::StreamOwned::new(conn, tcp);
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                match tls.read(&mut byte).map_err(|e| e.to_string())? {
                    0 => return Err("the client closed the connection".to_string()),
                    _ => head.push(byte[0]),
                }
            }
            tls.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}")
                .map_err(|e| e.to_string())?;
            tls.conn.send_close_notify();
            tls.flush().map_err(|e| e.to_string())?;
            Ok(String::from_utf8_lossy(&head).into_owned())
        })();
        let _ = tx.send(result);
    });
    (url, rx)
}

fn client(url: &str) -> SyncClient {
    let mut config = SyncConfig::new(url);
    config.max_attempts = 1;
    config.timeout = Duration::from_secs(10);
    SyncClient::new(config).expect("client")
}

#[test]
fn https_to_a_server_the_platform_trusts() {
    let ca = trusted_ca();
    let (url, served) = serve_once(ca);
    client(&url).logout("a-token").expect("logout over TLS");
    let head = served.recv_timeout(Duration::from_secs(20)).expect("the server ran").expect("the server read a request");
    assert!(head.starts_with("DELETE /v1/sessions HTTP/1.1\r\n"), "{head}");
    let lower = head.to_ascii_lowercase();
    assert!(lower.contains("\r\nauthorization: bearer a-token\r\n"), "{head}");
    assert!(lower.contains("\r\nuser-agent: track-core/"), "{head}");
}

#[test]
fn a_certificate_from_an_unknown_ca_is_refused() {
    trusted_ca();
    let stranger = new_ca("not trusted");
    let (url, served) = serve_once(&stranger);
    let err = client(&url).logout("a-token").expect_err("an untrusted certificate must be refused");
    let SyncError::Network(why) = &err else { panic!("expected a network error, got {err:?}") };
    assert!(why.to_ascii_lowercase().contains("certificate"), "the error names the certificate: {why}");
    assert!(err.to_string().contains("unreachable"), "{err}");
    let server_side = served.recv_timeout(Duration::from_secs(20)).expect("the server ran");
    assert!(server_side.is_err(), "no request may reach a server the client does not trust: {server_side:?}");
}
