//! The JNI bridge of track-core: thin. Every entry point converts its arguments, calls the core,
//! and returns a primitive or a JSON string (parsed by the Kotlin facade into data classes). Every
//! call goes through [`call`], which catches panics and turns each error into a Kotlin exception
//! of the sealed `com.track.core.TrackException` family (IllegalArgumentException for bad
//! arguments such as frame geometry): nothing crosses into the JVM as a panic or an abort.
//!
//! The core crosses as a `jlong` handle (a boxed [`Day`], the core's session) owned by the Kotlin `TrackCore`, which is
//! `AutoCloseable`: it frees the handle once (closing twice is harmless) and refuses calls after
//! closing with IllegalStateException before they reach native code.

mod error;
pub mod schema;
pub mod shapes;

use std::sync::{Arc, Once};

use jni::EnvUnowned;
use jni::errors::ThrowRuntimeExAndDefault;
use jni::objects::{JByteArray, JByteBuffer, JClass, JString};
use jni::strings::JNIString;
use jni::sys::{jboolean, jint, jlong};
use track_core::event::{Location, RecipientKind, RejectReason, ScanExtras, UndeliverableReason};
use track_core::order::{Order, TrackingId};
use track_core::scan::{Frame, Geometry, Rect, Rotation};
use track_core::sync::{SyncClient, SyncConfig};
use track_core::{Day, Marketplace, OfdScan, ScanMode, ScanOutcome, SystemClock};

pub use error::{BindError, Thrown};

/// What a handle points to: the core's session of the DA's day (database, vault, scanner,
/// marketplace).
pub type Core = Day;

static INIT: Once = Once::new();

/// Logging to logcat on Android, to the `log` facade's logger elsewhere (the host tests install
/// none: logs are dropped).
fn init() {
    INIT.call_once(|| {
        #[cfg(target_os = "android")]
        android_logger::init_once(android_logger::Config::default().with_max_level(log::LevelFilter::Info).with_tag("track"));
    });
}

/// Runs one entry point: panics and errors become Java exceptions, and `T::default()` is
/// returned to the JVM (which ignores it because an exception is pending).
fn call<'local, T: Default>(
    env: &mut EnvUnowned<'local>,
    f: impl FnOnce(&mut jni::Env<'local>) -> Result<T, BindError>,
) -> T {
    env.with_env(|env| -> jni::errors::Result<T> {
        init();
        match f(env) {
            Ok(v) => Ok(v),
            Err(e) => {
                if !env.exception_check() {
                    let thrown = e.thrown();
                    // The class and code only: messages may name orders.
                    log::warn!("native call failed: {} {}", thrown.class, thrown.code);
                    throw(env, &thrown);
                }
                Ok(T::default())
            }
        }
    })
    .resolve::<ThrowRuntimeExAndDefault>()
}

/// Throws `t`: a TrackException subclass built with its code, message and fields, or a JVM
/// exception from its message. When the class cannot be built (a drift between the two sides),
/// an IllegalStateException says which.
fn throw(env: &mut jni::Env<'_>, t: &Thrown) {
    if !t.class.starts_with("com/track/") {
        let _ = env.throw_new(JNIString::from(t.class.as_str()), JNIString::from(t.message.as_str()));
        return;
    }
    let built = (|| -> jni::errors::Result<()> {
        let sig = jni::signature::RuntimeMethodSignature::from_str(BindError::signature(t))?;
        let code = env.new_string(t.code)?;
        let message = env.new_string(&t.message)?;
        let mut strings = Vec::new();
        for (_, f) in &t.fields {
            if let error::Field::Str(Some(v)) = f {
                strings.push(env.new_string(v)?);
            }
        }
        let mut args: Vec<jni::objects::JValue<'_>> = vec![(&code).into(), (&message).into()];
        let null = jni::objects::JObject::null();
        let mut next = strings.iter();
        for (_, f) in &t.fields {
            args.push(match f {
                error::Field::Str(Some(_)) => match next.next() {
                    Some(v) => v.into(),
                    None => (&null).into(),
                },
                error::Field::Str(None) => (&null).into(),
                error::Field::Int(i) => jni::objects::JValue::Int(*i),
            });
        }
        let obj = env.new_object(JNIString::from(t.class.as_str()), jni::signature::MethodSignature::from(&sig), &args)?;
        let throwable = env.cast_local::<jni::objects::JThrowable>(obj)?;
        // jni reports a successful throw as `JavaException` (an exception is now pending).
        match env.throw(throwable) {
            Err(jni::errors::Error::JavaException) | Ok(()) => Ok(()),
            Err(e) => Err(e),
        }
    })();
    if let Err(e) = built {
        env.exception_clear();
        let _ = env.throw_new(
            JNIString::from("java/lang/IllegalStateException"),
            JNIString::from(format!("track bindings: cannot build {} ({}: {e}): {}", t.class, t.code, t.message)),
        );
    }
}

/// A location from Kotlin, with its platform fix time (required: 0 is refused).
fn location(latitude: f64, longitude: f64, accuracy_m: f64, fix_time_ms: jlong) -> Result<Location, BindError> {
    if fix_time_ms <= 0 || chrono::DateTime::from_timestamp_millis(fix_time_ms).is_none() {
        return Err(track_core::Error::InvalidArgument(format!("the location's fix time {fix_time_ms} ms is not a time")).into());
    }
    Ok(Location::new(latitude, longitude, accuracy_m)?.fixed_at(fix_time_ms))
}

/// Optional facts of a scan from Kotlin: the location (when `has_location`) and the
/// proof-of-delivery photo. The photo's reference recorded (and synced) is its SHA-256 in hex;
/// its path or content URI stays with the app. Checked as the server checks them.
#[allow(clippy::too_many_arguments)]
fn extras(
    env: &jni::Env<'_>,
    has_location: bool,
    latitude: f64,
    longitude: f64,
    accuracy_m: f64,
    fix_time_ms: jlong,
    photo_uri: &JString<'_>,
    photo_sha256: &JString<'_>,
) -> Result<ScanExtras, BindError> {
    let location = if has_location { Some(location(latitude, longitude, accuracy_m, fix_time_ms)?) } else { None };
    let pod_photo = match (opt_string(env, photo_uri)?, opt_string(env, photo_sha256)?) {
        (None, None) => None,
        (Some(uri), Some(sha)) => {
            if uri.trim().is_empty() {
                return Err(track_core::Error::InvalidArgument("the proof-of-delivery photo's path or URI is empty".into()).into());
            }
            let sha = sha.to_ascii_lowercase();
            if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(track_core::Error::InvalidArgument("the proof-of-delivery photo's SHA-256 must be 64 hex digits".into()).into());
            }
            Some(sha)
        }
        _ => return Err(track_core::Error::InvalidArgument("a proof-of-delivery photo needs both its path or URI and its SHA-256".into()).into()),
    };
    let extras = ScanExtras { location, pod_photo };
    extras.check()?;
    Ok(extras)
}

/// A delivery's photo from Kotlin: the path of the JPEG file the app took (in its own storage) and
/// optionally the SHA-256 it computed (the core checks the file still has it). A content URI is
/// refused: the app copies the photo into its storage first.
fn pod_photo_file(env: &jni::Env<'_>, path: &JString<'_>, sha256: &JString<'_>) -> Result<Option<(String, Option<String>)>, BindError> {
    let bad = |why: &str| -> BindError { track_core::Error::InvalidArgument(format!("the proof-of-delivery photo {why}")).into() };
    let (path, sha) = match (opt_string(env, path)?, opt_string(env, sha256)?) {
        (None, None) => return Ok(None),
        (None, Some(_)) => return Err(bad("needs its file's path")),
        (Some(path), sha) => (path, sha),
    };
    if path.trim().is_empty() {
        return Err(bad("path is empty"));
    }
    if path.contains("://") {
        return Err(bad("must be a file path in the app's storage, not a URI: copy the photo there first"));
    }
    if let Some(sha) = &sha {
        if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad("SHA-256 must be 64 hex digits"));
        }
    }
    Ok(Some((path, sha)))
}

/// The core behind a handle. Kotlin guarantees the handle is live (it holds a read lock during
/// every call and frees the handle under the write lock).
fn core<'a>(handle: jlong) -> Result<&'a Core, BindError> {
    if handle == 0 {
        return Err(BindError::InvalidArgument("the core was closed".into()));
    }
    // SAFETY: `handle` came from `Box::into_raw` in `nativeOpen` and Kotlin frees it only under
    // its write lock, after every call holding the read lock has returned.
    Ok(unsafe { &*(handle as *const Core) })
}

/// Notes the kind of a scan's error for problem reports, and passes the result on.
fn recorded<T>(core: &Core, result: Result<T, track_core::Error>) -> Result<T, track_core::Error> {
    if let Err(e) = &result {
        core.record_error(e);
    }
    result
}

fn string(env: &jni::Env<'_>, s: &JString<'_>, what: &str) -> Result<String, BindError> {
    if s.is_null() {
        return Err(BindError::InvalidArgument(format!("{what} must not be null")));
    }
    Ok(s.try_to_string(env)?)
}

fn opt_string(env: &jni::Env<'_>, s: &JString<'_>) -> Result<Option<String>, BindError> {
    if s.is_null() { Ok(None) } else { Ok(Some(s.try_to_string(env)?)) }
}

fn jstring<'local>(env: &mut jni::Env<'local>, s: impl AsRef<str>) -> Result<JString<'local>, BindError> {
    Ok(env.new_string(s)?)
}

fn to_json<'local>(env: &mut jni::Env<'local>, v: &impl serde::Serialize) -> Result<JString<'local>, BindError> {
    let text = serde_json::to_string(v).map_err(|e| BindError::InvalidArgument(e.to_string()))?;
    jstring(env, text)
}

fn market(tz: &str) -> Result<Marketplace, BindError> {
    Ok(Marketplace::in_zone(tz)?)
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeVersion<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>) -> JString<'local> {
    call(&mut env, |env| jstring(env, env!("CARGO_PKG_VERSION")))
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeOpen<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    path: JString<'local>,
    time_zone: JString<'local>,
    key: JByteArray<'local>,
    fixed_time_ms: jlong,
) -> jlong {
    call(&mut env, |env| {
        let path = string(env, &path, "the database path")?;
        let tz = string(env, &time_zone, "the time zone")?;
        // The key that seals customer details (from the Android Keystore); null stores them plain.
        let key = if key.is_null() {
            None
        } else {
            let mut bytes = env.convert_byte_array(&key)?;
            let key = track_core::vault::CustomerKey::from_bytes(&bytes);
            bytes.fill(0);
            Some(key?)
        };
        // A fixed clock (milliseconds since the epoch, for tests and demos) or the system clock.
        let clock: Arc<dyn track_core::Clock> = if fixed_time_ms == 0 {
            Arc::new(SystemClock)
        } else {
            let at = chrono::DateTime::from_timestamp_millis(fixed_time_ms)
                .ok_or_else(|| BindError::InvalidArgument(format!("{fixed_time_ms} ms is not a time")))?;
            Arc::new(track_core::ManualClock::new(at))
        };
        let options = track_core::StoreOptions { key, ..Default::default() };
        let core = Box::new(Day::open_with(&path, &options, clock, market(&tz)?)?);
        Ok(Box::into_raw(core) as jlong)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeClose<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) {
    call(&mut env, |_| {
        if handle != 0 {
            // SAFETY: the handle came from `Box::into_raw`; Kotlin calls this once, under its
            // write lock, and zeroes its copy.
            drop(unsafe { Box::from_raw(handle as *mut Core) });
        }
        Ok(())
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeImportOrders<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    json: JString<'local>,
) -> jint {
    call(&mut env, |env| {
        let text = string(env, &json, "the orders")?;
        let orders: Vec<Order> = serde_json::from_str(&text).map_err(|e| BindError::InvalidArgument(format!("orders JSON: {e}")))?;
        Ok(core(handle)?.import_orders(&orders)? as jint)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeScanOfd<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    label: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        let label = string(env, &label, "the label")?;
        let core = core(handle)?;
        let scan = recorded(core, core.scan_ofd(&label))?;
        let count = match scan {
            OfdScan::Added { count } | OfdScan::AlreadyScanned { count } => count,
            OfdScan::AlreadyOutForDelivery => core.ofd_batch()?.len(),
        };
        to_json(env, &shapes::OfdResult { outcome: shapes::ofd_code(&scan), count })
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeOfdBatch<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) -> JString<'local> {
    call(&mut env, |env| {
        let batch: Vec<String> = core(handle)?.ofd_batch()?.into_iter().map(|t| t.to_string()).collect();
        to_json(env, &batch)
    })
}

#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_com_track_core_Native_nativeConfirmOfd<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    has_location: bool,
    latitude: f64,
    longitude: f64,
    accuracy_m: f64,
    fix_time_ms: jlong,
    photo_uri: JString<'local>,
    photo_sha256: JString<'local>,
) -> jint {
    call(&mut env, |env| {
        let extras = extras(env, has_location, latitude, longitude, accuracy_m, fix_time_ms, &photo_uri, &photo_sha256)?;
        let core = core(handle)?;
        let n = core.confirm_ofd(&extras)?.len();
        Ok(n as jint)
    })
}

/// The DA's latest position for the customers' map: kept (true) while parcels are out inside
/// working hours, sent with the next sync after the outbox.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeUpdatePosition<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    latitude: f64,
    longitude: f64,
    accuracy_m: f64,
    fix_time_ms: jlong,
) -> jboolean {
    call(&mut env, |_| {
        let location = location(latitude, longitude, accuracy_m, fix_time_ms)?;
        Ok(core(handle)?.update_position(location)?)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeCancelOfd<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) -> jint {
    call(&mut env, |_| {
        let core = core(handle)?;
        let n = core.cancel_ofd()?;
        Ok(n as jint)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeItinerary<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) -> JString<'local> {
    call(&mut env, |env| {
        let entries = core(handle)?.entries(None)?;
        to_json(env, &entries)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeOrderDetails<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    tracking: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        let tracking = string(env, &tracking, "the tracking ID")?;
        let details = core(handle)?.order_details(&tracking)?;
        to_json(env, &details)
    })
}

#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_com_track_core_Native_nativeDeliver<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    opened: JString<'local>,
    scanned: JString<'local>,
    recipient: JString<'local>,
    name: JString<'local>,
    has_location: bool,
    latitude: f64,
    longitude: f64,
    accuracy_m: f64,
    fix_time_ms: jlong,
    photo_path: JString<'local>,
    photo_sha256: JString<'local>,
) -> jlong {
    call(&mut env, |env| {
        let opened = string(env, &opened, "the opened order")?;
        let scanned = string(env, &scanned, "the scanned label")?;
        let kind = RecipientKind::parse(&string(env, &recipient, "the recipient")?)?;
        let name = opt_string(env, &name)?;
        let recipient = track_core::event::Recipient::new(kind, name.as_deref())?;
        // The photo is a file the core reads and keeps a copy of (its photo queue); the event
        // names it by its SHA-256.
        let extras = extras(env, has_location, latitude, longitude, accuracy_m, fix_time_ms, &JString::null(), &JString::null())?;
        let photo = pod_photo_file(env, &photo_path, &photo_sha256)?;
        let core = core(handle)?;
        let delivered = match &photo {
            Some((path, sha)) => core.deliver_with_photo(&opened, &scanned, &recipient, &extras, std::path::Path::new(path), sha.as_deref()),
            None => core.deliver(&opened, &scanned, &recipient, &extras),
        };
        Ok(recorded(core, delivered)?.seq)
    })
}

#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_com_track_core_Native_nativeUndeliverable<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    tracking: JString<'local>,
    reason: JString<'local>,
    has_location: bool,
    latitude: f64,
    longitude: f64,
    accuracy_m: f64,
    fix_time_ms: jlong,
    photo_uri: JString<'local>,
    photo_sha256: JString<'local>,
) -> jlong {
    call(&mut env, |env| {
        let tracking = string(env, &tracking, "the tracking ID")?;
        let reason = UndeliverableReason::parse(&string(env, &reason, "the reason")?)?;
        let extras = extras(env, has_location, latitude, longitude, accuracy_m, fix_time_ms, &photo_uri, &photo_sha256)?;
        let core = core(handle)?;
        Ok(recorded(core, core.mark_undeliverable(&tracking, reason, &extras))?.seq)
    })
}

#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_com_track_core_Native_nativeReject<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    tracking: JString<'local>,
    reason: JString<'local>,
    has_location: bool,
    latitude: f64,
    longitude: f64,
    accuracy_m: f64,
    fix_time_ms: jlong,
    photo_uri: JString<'local>,
    photo_sha256: JString<'local>,
) -> jlong {
    call(&mut env, |env| {
        let tracking = string(env, &tracking, "the tracking ID")?;
        let reason = RejectReason::parse(&string(env, &reason, "the reason")?)?;
        let extras = extras(env, has_location, latitude, longitude, accuracy_m, fix_time_ms, &photo_uri, &photo_sha256)?;
        let core = core(handle)?;
        Ok(recorded(core, core.reject(&tracking, reason, &extras))?.seq)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeCloseDay<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) -> jint {
    call(&mut env, |_| Ok(core(handle)?.close_day()?.len() as jint))
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeSummary<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    day: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        let day = match opt_string(env, &day)? {
            Some(d) => Some(d.parse().map_err(|_| BindError::InvalidArgument(format!("{d:?} is not a date: expected YYYY-MM-DD")))?),
            None => None,
        };
        let summary = core(handle)?.summary(day)?;
        to_json(env, &summary)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeSyncStatus<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) -> JString<'local> {
    call(&mut env, |env| {
        let status = track_core::sync::status(core(handle)?)?;
        to_json(env, &status)
    })
}

/// Working hours now (JSON `WorkingHours`): open and the time left today, or when scanning opens.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeWorkingHours<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) -> JString<'local> {
    call(&mut env, |env| {
        let hours = core(handle)?.working_hours();
        to_json(env, &hours)
    })
}

/// The scans the server refused for good (JSON array of `RefusedScan`), oldest refusal first.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeRefusedScans<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) -> JString<'local> {
    call(&mut env, |env| {
        let refused = track_core::sync::refused_scans(core(handle)?)?;
        to_json(env, &refused)
    })
}

fn client(url: String, batch: jint) -> Result<SyncClient, BindError> {
    let mut config = SyncConfig::new(url);
    if batch > 0 {
        config.batch_size = batch as usize;
    }
    Ok(SyncClient::new(config).map_err(track_core::Error::from)?)
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeLogin<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    url: JString<'local>,
    login: JString<'local>,
    password: JString<'local>,
    seller: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        let body = track_core::sync::wire::Login {
            login: string(env, &login, "the login")?,
            password: string(env, &password, "the password")?,
            seller_id: string(env, &seller, "the seller")?,
        };
        let session = client(string(env, &url, "the server URL")?, 0)?.login(&body).map_err(|e| match e {
            track_core::sync::error::SyncError::LoginRequired => BindError::WrongCredentials(
                "wrong phone number, e-mail address or password (or not registered with this seller)".into(),
            ),
            e => BindError::from(e),
        })?;
        to_json(env, &session)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeCreateAccount<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    url: JString<'local>,
    name: JString<'local>,
    phone: JString<'local>,
    email: JString<'local>,
    password: JString<'local>,
    seller: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        // A phone number, an e-mail address, or both (e-mail only: the phone is left empty).
        let (phone, email) = match (opt_string(env, &phone)?, opt_string(env, &email)?) {
            (None, None) => return Err(track_core::Error::InvalidArgument("an account needs a phone number or an e-mail address".into()).into()),
            (Some(login), None) if login.contains('@') => (String::new(), Some(login)),
            (phone, email) => (phone.unwrap_or_default(), email),
        };
        let body = track_core::sync::wire::CreateAccount {
            name: string(env, &name, "the name")?,
            phone,
            email,
            password: string(env, &password, "the password")?,
            seller_id: string(env, &seller, "the seller")?,
        };
        let created = client(string(env, &url, "the server URL")?, 0)?.create_account(&body).map_err(track_core::Error::from)?;
        jstring(env, created.da_id)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeSync<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    url: JString<'local>,
    token: JString<'local>,
    batch: jint,
    fetch: bool,
) -> JString<'local> {
    call(&mut env, |env| {
        let core = core(handle)?;
        let client = client(string(env, &url, "the server URL")?, batch)?;
        let token = string(env, &token, "the token")?;
        if fetch {
            client.fetch_orders(&token, core)?;
        }
        let report = client.push(&token, core)?;
        to_json(env, &report)
    })
}

/// Logs out: the server revokes the token; the phone's outbox is kept for the next session.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeLogout<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    url: JString<'local>,
    token: JString<'local>,
) {
    call(&mut env, |env| {
        let token = string(env, &token, "the token")?;
        client(string(env, &url, "the server URL")?, 0)?.logout(&token)?;
        Ok(())
    })
}

/// Forgets the frames seen so far (after a mode switch, or when the DA turns to another parcel):
/// the next label is confirmed afresh.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeResetScanner<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, handle: jlong) {
    call(&mut env, |_| {
        core(handle)?.reset_scanner();
        Ok(())
    })
}

/// What the bridge sends and throws, from the Rust types: for the Kotlin drift test.
#[cfg(feature = "self-test")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeSchema<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>) -> JString<'local> {
    call(&mut env, |env| {
        let schema = schema::schema()?;
        to_json(env, &schema)
    })
}

/// Throws the sample error `index` of [`error::samples`] through the bridge's one throwing path
/// (for the drift test); returns the number of samples when `index` is out of range.
#[cfg(feature = "self-test")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeSelfTestThrow<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>, index: jint) -> jint {
    call(&mut env, |_| {
        let mut samples = error::samples();
        let n = samples.len();
        match usize::try_from(index) {
            Ok(i) if i < n => Err(samples.swap_remove(i)),
            _ => Ok(n as jint),
        }
    })
}

/// A problem report (unique ID and diagnostic bundle without customer data) as JSON.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeProblemReport<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    app_version: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        let version = string(env, &app_version, "the app version")?;
        let report = core(handle)?.problem_report(&version)?;
        to_json(env, &report)
    })
}

/// Files a problem report: queued for support (sent with the next sync). JSON
/// `{report: <bundle>, answer_within_business_days}`: the ID to show and the promise to make.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeFileProblemReport<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    app_version: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        let version = string(env, &app_version, "the app version")?;
        let report = core(handle)?.file_problem_report(&version)?;
        to_json(env, &serde_json::json!({"report": report, "answer_within_business_days": track_core::report::ANSWER_WITHIN_BUSINESS_DAYS}))
    })
}

/// Frame geometry from Kotlin; a crop with zero width means none.
#[allow(clippy::too_many_arguments)]
fn geometry(width: jint, height: jint, row_stride: jint, pixel_stride: jint, rotation: jint, crop: [jint; 4]) -> Result<Geometry, BindError> {
    let nonneg = |v: jint, what: &str| u32::try_from(v).map_err(|_| BindError::InvalidArgument(format!("{what} {v} is negative")));
    let rotation = Rotation::from_degrees(i64::from(rotation))?;
    let crop = if crop[2] == 0 && crop[3] == 0 {
        None
    } else {
        Some(Rect::new(nonneg(crop[0], "crop left")?, nonneg(crop[1], "crop top")?, nonneg(crop[2], "crop width")?, nonneg(crop[3], "crop height")?))
    };
    Ok(Geometry {
        width: nonneg(width, "width")?,
        height: nonneg(height, "height")?,
        row_stride: nonneg(row_stride, "row stride")? as usize,
        pixel_stride: nonneg(pixel_stride, "pixel stride")? as usize,
        rotation,
        crop,
    })
}

fn scan_event(core: &Core, frame: &Frame<'_>) -> Option<shapes::ScanResult> {
    core.push_frame(frame).map(|e| shapes::ScanResult::of(&e))
}

/// Feeds one frame over `data` to the scanner: its event as JSON, or null.
fn scan<'local>(env: &mut jni::Env<'local>, core: &Core, data: &[u8], g: Geometry) -> Result<JString<'local>, BindError> {
    let frame = Frame::new(data, g)?;
    match scan_event(core, &frame) {
        Some(v) => to_json(env, &v),
        None => Ok(JString::default()),
    }
}

/// A camera frame in a direct ByteBuffer (CameraX's Y plane), read in place.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_com_track_core_Native_nativeScanFrame<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    buffer: JByteBuffer<'local>,
    width: jint,
    height: jint,
    row_stride: jint,
    pixel_stride: jint,
    rotation: jint,
    crop_left: jint,
    crop_top: jint,
    crop_width: jint,
    crop_height: jint,
) -> JString<'local> {
    call(&mut env, |env| {
        let core = core(handle)?;
        if buffer.is_null() {
            return Err(BindError::InvalidArgument("the frame buffer must not be null".into()));
        }
        let g = geometry(width, height, row_stride, pixel_stride, rotation, [crop_left, crop_top, crop_width, crop_height])?;
        let ptr = env
            .get_direct_buffer_address(&buffer)
            .map_err(|_| BindError::InvalidArgument("the frame buffer must be a direct ByteBuffer (or pass a ByteArray)".into()))?;
        let len = env.get_direct_buffer_capacity(&buffer)?;
        // SAFETY: the JVM keeps a direct buffer's memory at `ptr` with `len` bytes for as long as
        // the buffer object lives, which covers this call (the reference is held by the caller).
        let data = unsafe { std::slice::from_raw_parts(ptr as *const u8, len) };
        scan(env, core, data, g)
    })
}

/// A camera frame in a byte array (copied once by the JVM).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_com_track_core_Native_nativeScanFrameBytes<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    bytes: JByteArray<'local>,
    width: jint,
    height: jint,
    row_stride: jint,
    pixel_stride: jint,
    rotation: jint,
    crop_left: jint,
    crop_top: jint,
    crop_width: jint,
    crop_height: jint,
) -> JString<'local> {
    call(&mut env, |env| {
        let core = core(handle)?;
        if bytes.is_null() {
            return Err(BindError::InvalidArgument("the frame bytes must not be null".into()));
        }
        let g = geometry(width, height, row_stride, pixel_stride, rotation, [crop_left, crop_top, crop_width, crop_height])?;
        let data = env.convert_byte_array(&bytes)?;
        scan(env, core, &data, g)
    })
}

/// The mode of a scan: delivery of the opened order when `opened` is given, else Out for Delivery.
fn scan_mode(opened: Option<String>) -> Result<ScanMode, BindError> {
    Ok(match opened {
        Some(opened) => ScanMode::Delivery { opened: TrackingId::parse(&opened)? },
        None => ScanMode::OutForDelivery,
    })
}

fn outcome_json(o: &ScanOutcome) -> shapes::ScanOutcomeJson {
    shapes::ScanOutcomeJson::of(o)
}

/// One camera frame (a byte array) through the whole scan: decoded, confirmed, the mode's rule
/// applied and recorded. The outcome as JSON, or null while no label is confirmed.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_com_track_core_Native_nativeScanFrameOutcome<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    opened: JString<'local>,
    bytes: JByteArray<'local>,
    width: jint,
    height: jint,
    row_stride: jint,
    pixel_stride: jint,
    rotation: jint,
    crop_left: jint,
    crop_top: jint,
    crop_width: jint,
    crop_height: jint,
) -> JString<'local> {
    call(&mut env, |env| {
        let core = core(handle)?;
        let mode = scan_mode(opt_string(env, &opened)?)?;
        if bytes.is_null() {
            return Err(BindError::InvalidArgument("the frame bytes must not be null".into()));
        }
        let g = geometry(width, height, row_stride, pixel_stride, rotation, [crop_left, crop_top, crop_width, crop_height])?;
        let data = env.convert_byte_array(&bytes)?;
        let frame = Frame::new(&data, g)?;
        match recorded(core, core.scan_frame(&mode, &frame))? {
            Some(outcome) => to_json(env, &outcome_json(&outcome)),
            None => Ok(JString::default()),
        }
    })
}

/// A tracking ID typed by hand, through the same rule as a scanned label: the outcome as JSON.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeEnterId<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    handle: jlong,
    opened: JString<'local>,
    text: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        let core = core(handle)?;
        let mode = scan_mode(opt_string(env, &opened)?)?;
        let text = string(env, &text, "the tracking ID")?;
        let outcome = recorded(core, core.enter_id(&mode, &text))?;
        to_json(env, &outcome_json(&outcome))
    })
}

/// Validates a tracking ID (for the seller screens): the candidates as JSON.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeDetectTracking<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    id: JString<'local>,
) -> JString<'local> {
    call(&mut env, |env| {
        let id = string(env, &id, "the tracking ID")?;
        let (normalized, candidates) =
            track_core::tracking::detect(&id).map_err(|e| track_core::Error::InvalidTrackingId(e.to_string()))?;
        let _ = TrackingId::parse(&normalized);
        to_json(env, &shapes::Detected { normalized, candidates })
    })
}

/// Android only: rustls-platform-verifier needs the app's Context before the first HTTPS call.
#[cfg(target_os = "android")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeInitAndroid<'local>(
    mut env: EnvUnowned<'local>,
    _c: JClass<'local>,
    context: jni::objects::JObject<'local>,
) {
    call(&mut env, |env| {
        rustls_platform_verifier::android::init_with_env(env, context)
            .map_err(|e| BindError::InvalidArgument(format!("certificate verifier: {e}")))?;
        Ok(())
    })
}

/// Self-test of the bridge's panic guard: panics on purpose, which must reach Kotlin as a
/// RuntimeException ("Rust panic: …"), never as an abort of the process.
#[cfg(feature = "self-test")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_track_core_Native_nativeSelfTestPanic<'local>(mut env: EnvUnowned<'local>, _c: JClass<'local>) -> jint {
    call(&mut env, |_| -> Result<jint, BindError> {
        let empty: Vec<jint> = Vec::new();
        Ok(empty[usize::MAX % 7])
    })
}
