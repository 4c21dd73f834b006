//! What the bridge hands to Kotlin, described from the Rust types themselves, for the Kotlin
//! drift test (`TrackCoreTest`): a sample of every type sent as JSON (serialised by serde, so
//! its keys are the field names Kotlin must read), every enum's codes, every exception the bridge
//! throws (class, code, fields) and the names of the JNI entry points (read from this crate's
//! source). The Kotlin test decodes each sample with the facade's own decoder and fails when a key
//! is left unread or missing, a code or an exception is unknown there, or a native is not declared.

use std::sync::Arc;

use serde_json::{Value, json};
use track_core::event::{EventState, Location, Recipient, RecipientKind, RejectReason, ScanExtras, ScanKind, UndeliverableReason};
use track_core::order::{Channel, Order, OrderStatus, TrackingId};
use track_core::refusal::{RefusalReason, RefusedScan};
use track_core::sync::SyncReport;
use track_core::sync::status::SyncStatus;
use track_core::sync::wire::Session;
use track_core::{BadScan, Day, ManualClock, Marketplace, OfdScan, ScanOutcome};

use crate::BindError;
use crate::error::samples;
use crate::shapes::{self, Detected, OfdResult, ScanOutcomeJson, ScanResult};

fn value(v: &impl serde::Serialize) -> Result<Value, BindError> {
    serde_json::to_value(v).map_err(|e| BindError::InvalidArgument(e.to_string()))
}

fn codes<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

/// The names of the JNI entry points, from this crate's source (Android-only ones included).
pub fn natives() -> Vec<String> {
    const PREFIX: &str = "pub extern \"system\" fn Java_com_track_core_Native_";
    include_str!("lib.rs")
        .lines()
        .filter_map(|l| l.trim().strip_prefix(PREFIX))
        .filter_map(|rest| rest.split(['<', '(']).next())
        .map(str::to_string)
        .collect()
}

/// A real day in memory with one order delivered with a location, a photo and a named recipient:
/// the samples of the core's types, every optional field filled.
fn sample_day() -> Result<(Day, TrackingId), BindError> {
    let at = chrono::DateTime::from_timestamp(1_795_406_400, 0).ok_or_else(|| BindError::InvalidArgument("sample time".into()))?;
    let day = Day::in_memory(Arc::new(ManualClock::new(at)), Marketplace::in_zone("Asia/Kolkata")?)?;
    let order: Order = serde_json::from_value(json!({
        "order_id": "402-0000000-0000001", "tracking_id": "EK712345609IN", "channel": "self-delivery", "seller": "Sample Seller",
        "customer": {"name": "Sample Customer", "address": "1 Sample Road, Bengaluru 560001", "phone": "98450 00000"}
    }))
    .map_err(|e| BindError::InvalidArgument(e.to_string()))?;
    day.import_orders(&[order])?;
    let id = TrackingId::parse("EK712345609IN")?;
    let location = Some(Location::new(12.97, 77.64, 8.0)?.fixed_at(at.timestamp_millis()));
    day.scan_ofd(id.as_str())?;
    day.confirm_ofd(&ScanExtras { location, pod_photo: None })?;
    let extras = ScanExtras { location, pod_photo: Some("0".repeat(64)) };
    day.deliver(id.as_str(), id.as_str(), &Recipient::new(RecipientKind::Other, Some("Sample Name"))?, &extras)?;
    Ok((day, id))
}

pub fn schema() -> Result<Value, BindError> {
    let (day, id) = sample_day()?;
    let at = day.now();
    let entries = day.entries(None)?;
    let entry = entries.first().ok_or_else(|| BindError::InvalidArgument("sample itinerary is empty".into()))?;
    let status = SyncStatus { pending: 2, rejected: 0, conflicts: 0, last_success: Some(at), last_error: Some("sample".into()), last_error_at: Some(at), photos_waiting: 1, reports_waiting: 0 };
    let details = day.order_details(id.as_str())?;
    let event = details.events.first().cloned().ok_or_else(|| BindError::InvalidArgument("sample order has no events".into()))?;
    let refused = RefusedScan {
        event,
        reason: RefusalReason::NotOnYourItinerary,
        code: RefusalReason::NotOnYourItinerary.code().into(),
        message: "sample".into(),
        refused_at: at,
    };
    let report = SyncReport {
        sent: 2,
        accepted: 1,
        duplicates: 0,
        rejected: 1,
        conflicts: 0,
        retry_later: 0,
        requests: 1,
        refused: vec![refused.clone()],
        queued: 1,
        photos_uploaded: 1,
        photos_refused: 0,
        photos_waiting: 0,
        reports_sent: 1,
        reports_waiting: 0,
    };
    let session = Session { token: "t".into(), da_id: "da".into(), seller_id: "s".into(), expires_at: at };
    let (normalized, candidates) = track_core::tracking::detect("986578788855").map_err(|e| track_core::Error::InvalidTrackingId(e.to_string()))?;
    let ofd = OfdResult { outcome: "added", count: 1 };
    let frame = ScanResult {
        kind: "label",
        tracking_id: Some(id.as_str().into()),
        order_id: Some("402-0000000-0000001".into()),
        format: Some("Code128".into()),
        message: Some("m".into()),
    };
    let outcome = ScanOutcomeJson {
        outcome: "refused",
        tracking_id: Some(id.as_str().into()),
        count: Some(1),
        expected: Some(id.as_str().into()),
        kind: Some("bad-scan"),
        message: Some("m".into()),
    };
    let types = json!({
        "ItineraryEntry": value(entry)?,
        "OrderDetails": value(&details)?,
        "RefusedScan": value(&refused)?,
        // Open (time left today) and closed (when scanning opens): every optional field filled once.
        "WorkingHours": value(&day.working_hours())?,
        "WorkingHoursClosed": value(&day.marketplace().working_hours(at + chrono::Duration::hours(14)))?,
        "DailySummary": value(&day.summary(None)?)?,
        "SyncStatus": value(&status)?,
        "SyncReport": value(&report)?,
        "Session": value(&session)?,
        "Detected": value(&Detected { normalized, candidates })?,
        "OfdResult": value(&ofd)?,
        "ScanResult": value(&frame)?,
        "ScanOutcome": value(&outcome)?,
    });

    // Every outcome code, by an exhaustive match on a sample of each variant.
    let t = || id.clone();
    let outcomes = [
        ScanOutcome::Added { tracking_id: t(), count: 1 },
        ScanOutcome::AlreadyScanned { tracking_id: t(), count: 1 },
        ScanOutcome::AlreadyOutForDelivery { tracking_id: t(), count: 1 },
        ScanOutcome::Refused { tracking_id: None, reason: BadScan::UnknownOrder { tracking_id: id.as_str().into() } },
        ScanOutcome::Matches { tracking_id: t() },
        ScanOutcome::Mismatch { expected: t(), scanned: t() },
    ];
    let ofd_codes: Vec<&str> =
        [OfdScan::Added { count: 1 }, OfdScan::AlreadyScanned { count: 1 }, OfdScan::AlreadyOutForDelivery].iter().map(shapes::ofd_code).collect();
    let enums = json!({
        "OrderStatus": codes(OrderStatus::ALL, OrderStatus::code),
        "Channel": codes(Channel::ALL, Channel::code),
        "ScanKind": codes(ScanKind::ALL, ScanKind::code),
        "EventState": codes(EventState::ALL, EventState::code),
        "UndeliverableReason": codes(UndeliverableReason::ALL, UndeliverableReason::code),
        "RejectReason": codes(RejectReason::ALL, RejectReason::code),
        "RecipientKind": codes(RecipientKind::ALL, RecipientKind::code),
        "RefusalReason": codes(RefusalReason::ALL, RefusalReason::code),
        "ScanOutcome": outcomes.iter().map(ScanOutcome::code).collect::<Vec<_>>(),
        "OfdOutcome": ofd_codes,
        "ScanResultKind": shapes::SCAN_RESULT_KINDS,
    });

    let errors: Vec<Value> = samples()
        .iter()
        .map(|e| {
            let t = e.thrown();
            let fields: serde_json::Map<String, Value> = t.fields.iter().map(|(n, f)| (n.to_string(), f.to_json())).collect();
            json!({"class": t.class.rsplit('$').next().unwrap_or_default(), "code": t.code, "fields": fields})
        })
        .collect();

    Ok(json!({
        "types": types,
        // Sent whole for the app to forward, not decoded field by field.
        "opaque": ["ProblemReport"],
        "enums": enums,
        "errors": errors,
        "natives": natives(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_built_and_lists_every_native() {
        let s = schema().unwrap();
        let natives = natives();
        assert!(natives.contains(&"nativeOpen".to_string()) && natives.contains(&"nativeSchema".to_string()), "{natives:?}");
        assert!(natives.contains(&"nativeInitAndroid".to_string()), "Android-only entry points are listed too");
        let details = &s["types"]["OrderDetails"];
        for key in ["events", "itinerary_day", "on_todays_itinerary"] {
            assert!(details.get(key).is_some(), "{key}");
        }
        // The delivery: every optional field filled, nested objects included.
        let event = &details["events"][1];
        assert!(event["location"].is_object() && event["recipient"]["name"].is_string() && event["pod_photo"].is_string(), "{event}");
        assert_eq!(s["errors"].as_array().unwrap().len(), samples().len());
    }
}
