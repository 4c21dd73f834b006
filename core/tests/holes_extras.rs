//! Values a scan may carry are bounded on the phone as on the server (issue 11, defect 9): a
//! scan with a photo instead of a photo reference, or a location out of range, is refused and
//! nothing is recorded.

mod common;

use common::{day_at, send_out, tracking};
use track_core::Error;
use track_core::event::{Location, Recipient, ScanExtras};
use track_core::order::OrderStatus;

#[test]
fn hole_huge_pod_photo_refused_on_the_phone() {
    let (_, it) = day_at("2026-11-23", "09:00");
    send_out(&it, &[1]);
    let customer = Recipient::customer();
    let photo = ScanExtras { location: None, pod_photo: Some(format!("data:image/jpeg;base64,{}", "A".repeat(900 * 1024))) };
    let far = ScanExtras { location: Some(Location { latitude: 12.97, longitude: 77.59, accuracy_m: 1e9, fix_time_ms: None }), pod_photo: None };
    for extras in [photo, far] {
        let err = it.deliver(&tracking(1), &tracking(1), &customer, &extras).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
        assert!(err.to_string().len() < 300, "the refusal echoes the value");
    }
    let details = it.order_details(&tracking(1)).unwrap();
    assert_eq!(details.status, OrderStatus::OutForDelivery, "a refused scan changed the order");
    assert_eq!(details.events.len(), 1, "a refused scan was recorded");
    let ok = ScanExtras { location: Some(Location::new(12.97, 77.59, 8.0).unwrap()), pod_photo: Some("pod/2026-11-23/1.jpg".into()) };
    it.deliver(&tracking(1), &tracking(1), &customer, &ok).unwrap();
}
