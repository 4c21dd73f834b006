//! The reference server as a child process for the end-to-end tests (so a test can kill it):
//! `test-server DB [ADDR]` listens on ADDR (default: a free loopback port), prints `listening on
//! http://ADDR/`, and takes the admin token `test-admin`. Its clock is the real time, shifted by
//! the milliseconds in `TRACK_TEST_CLOCK_SHIFT_MS` when set (`track_tests::server::ShiftedClock`).

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let db = std::env::args().nth(1).ok_or("usage: test-server DB [ADDR]")?;
    let listen = std::env::args().nth(2).unwrap_or_else(|| "127.0.0.1:0".into());
    let mut config = track_server::Config::new(db.as_str());
    config.admin_token = Some(track_tests::server::ADMIN_TOKEN.into());
    if let Some(clock) = track_tests::server::ShiftedClock::from_env()? {
        config.clock = std::sync::Arc::new(clock);
    }
    // On PostgreSQL, photos go to a temporary folder rather than the working folder.
    if db.starts_with("postgres") {
        config.photo_store = Some(track_server::photos::PhotoStore::Folder(std::env::temp_dir().join("track-test-photos")));
    }
    track_server::run(config, &listen, |addr| {
        println!("listening on http://{addr}/");
        let _ = std::io::stdout().flush();
    })?;
    Ok(())
}
