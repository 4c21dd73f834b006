//! The rules of a DA's day, each at chosen instants.

mod common;

use common::{at, day_at, send_out, tracking};
use track_core::event::{
    EventState, Location, Recipient, RecipientKind, RejectReason, ScanExtras, ScanKind, UndeliverableReason,
};
use track_core::order::OrderStatus;
use track_core::{BadScan, Error, OfdScan};

fn kinds(it: &track_core::Day, n: u32) -> Vec<ScanKind> {
    it.order_details(&tracking(n)).unwrap().events.iter().map(|e| e.kind).collect()
}

#[test]
fn only_self_delivery_orders_may_be_scanned() {
    let (_, it) = day_at("2026-11-23", "09:00");
    for (n, channel) in [(6, "FBA"), (7, "Easy Ship")] {
        let err = it.scan_ofd(&tracking(n)).unwrap_err();
        assert!(matches!(err, Error::BadScan(BadScan::NotSelfDelivery { .. })), "{err:?}");
        let msg = err.to_string();
        assert!(msg.contains(channel) && msg.contains("only Self-Delivery"), "{msg}");
    }
    assert!(it.ofd_batch().unwrap().is_empty());
}

#[test]
fn an_unknown_label_is_a_bad_scan_and_garbage_is_refused() {
    let (_, it) = day_at("2026-11-23", "09:00");
    let err = it.scan_ofd("ZZ9999999999").unwrap_err();
    assert!(matches!(err, Error::BadScan(BadScan::UnknownOrder { .. })), "{err:?}");
    assert!(matches!(it.scan_ofd("  ").unwrap_err(), Error::InvalidTrackingId(_)));
    assert!(matches!(it.scan_ofd("SD'; DROP TABLE orders;--").unwrap_err(), Error::InvalidTrackingId(_)));
}

#[test]
fn out_for_delivery_is_a_batch_scanned_then_confirmed() {
    let (_, it) = day_at("2026-11-23", "09:05");
    assert_eq!(it.scan_ofd(&tracking(1)).unwrap(), OfdScan::Added { count: 1 });
    assert_eq!(it.scan_ofd(&tracking(1).to_lowercase()).unwrap(), OfdScan::AlreadyScanned { count: 1 });
    assert_eq!(it.scan_ofd(&tracking(2)).unwrap(), OfdScan::Added { count: 2 });
    assert_eq!(it.ofd_batch().unwrap().len(), 2);
    // Nothing is recorded for the backend until the DA confirms.
    assert_eq!(it.outbox_counts().unwrap().pending, 0);
    assert!(it.entries(None).unwrap().is_empty());

    let events = it.confirm_ofd(&ScanExtras::default()).unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e.kind == ScanKind::OutForDelivery && e.state == EventState::Pending));
    assert!(it.ofd_batch().unwrap().is_empty());
    let entries = it.entries(None).unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e.status == OrderStatus::OutForDelivery));

    // Already out today: no second event.
    assert_eq!(it.scan_ofd(&tracking(1)).unwrap(), OfdScan::AlreadyOutForDelivery);
    assert!(matches!(it.confirm_ofd(&ScanExtras::default()).unwrap_err(), Error::EmptyBatch));
    assert_eq!(kinds(&it, 1), vec![ScanKind::OutForDelivery]);
    assert_eq!(it.outbox_counts().unwrap().pending, 2);
}

#[test]
fn cancelling_discards_the_batch() {
    let (_, it) = day_at("2026-11-23", "09:05");
    it.scan_ofd(&tracking(1)).unwrap();
    it.scan_ofd(&tracking(2)).unwrap();
    assert_eq!(it.cancel_ofd().unwrap(), 2);
    assert!(it.ofd_batch().unwrap().is_empty());
    assert!(matches!(it.confirm_ofd(&ScanExtras::default()).unwrap_err(), Error::EmptyBatch));
    assert_eq!(it.outbox_counts().unwrap().pending, 0);
    assert_eq!(it.scan_ofd(&tracking(1)).unwrap(), OfdScan::Added { count: 1 });
}

#[test]
fn scan_for_delivery_needs_the_matching_label_on_todays_itinerary() {
    let (clock, it) = day_at("2026-11-23", "09:05");
    send_out(&it, &[1, 2]);
    clock.set(at("2026-11-23", "11:40"));
    let guard = Recipient::new(RecipientKind::SecurityGuard, None).unwrap();

    let err = it.deliver(&tracking(1), &tracking(2), &guard, &ScanExtras::default()).unwrap_err();
    assert!(matches!(err, Error::LabelMismatch { .. }), "{err:?}");
    assert!(err.to_string().contains(&tracking(2)) && err.to_string().contains(&tracking(1)));

    let err = it.deliver(&tracking(3), &tracking(3), &guard, &ScanExtras::default()).unwrap_err();
    assert!(matches!(err, Error::NotOnItinerary { status: OrderStatus::Pending, .. }), "{err:?}");
    assert!(err.to_string().contains("not on today's itinerary"));
    assert!(matches!(
        it.deliver("NOSUCH12345", "NOSUCH12345", &guard, &ScanExtras::default()).unwrap_err(),
        Error::OrderNotFound(_)
    ));

    let extras = ScanExtras {
        location: Some(Location::new(12.9716, 77.5946, 6.5).unwrap()),
        pod_photo: Some("pod/2026-11-23/1.jpg".into()),
    };
    let e = it.deliver(&tracking(1), &tracking(1), &guard, &extras).unwrap();
    assert_eq!(e.kind, ScanKind::Delivered);
    assert_eq!(e.recipient.as_ref().map(|r| r.kind), Some(RecipientKind::SecurityGuard));
    assert_eq!(e.location, extras.location);
    assert_eq!(e.pod_photo, extras.pod_photo);

    let ravi = Recipient::new(RecipientKind::Other, Some("Ravi Kumar")).unwrap();
    let e = it.deliver(&tracking(2), &tracking(2), &ravi, &ScanExtras::default()).unwrap();
    assert_eq!(e.recipient.unwrap().name.as_deref(), Some("Ravi Kumar"));

    // A delivered order is finished: no second delivery, no new OFD.
    let err = it.deliver(&tracking(1), &tracking(1), &guard, &ScanExtras::default()).unwrap_err();
    assert!(matches!(err, Error::NotOnItinerary { status: OrderStatus::Delivered, .. }));
    assert!(matches!(it.scan_ofd(&tracking(1)).unwrap_err(), Error::BadScan(BadScan::AlreadyDelivered { .. })));
    let d = it.order_details(&tracking(1)).unwrap();
    assert_eq!((d.status, d.attempts), (OrderStatus::Delivered, 1));
}

#[test]
fn undeliverable_may_be_reattempted_the_same_day_from_the_itinerary() {
    let (clock, it) = day_at("2026-11-23", "09:05");
    send_out(&it, &[1]);
    clock.set(at("2026-11-23", "12:10"));
    let e = it.mark_undeliverable(&tracking(1), UndeliverableReason::CustomerNotAvailable, &ScanExtras::default()).unwrap();
    assert_eq!(e.reason.as_deref(), Some("customer-not-available"));
    // Still on today's itinerary, so no new OFD scan is needed or recorded.
    assert_eq!(it.scan_ofd(&tracking(1)).unwrap(), OfdScan::AlreadyOutForDelivery);
    clock.set(at("2026-11-23", "15:00"));
    it.mark_undeliverable(&tracking(1), UndeliverableReason::MissedDelivery, &ScanExtras::default()).unwrap();
    clock.set(at("2026-11-23", "17:30"));
    it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &ScanExtras::default()).unwrap();
    let d = it.order_details(&tracking(1)).unwrap();
    assert_eq!((d.status, d.attempts), (OrderStatus::Delivered, 3));
    assert_eq!(
        kinds(&it, 1),
        vec![ScanKind::OutForDelivery, ScanKind::Undeliverable, ScanKind::Undeliverable, ScanKind::Delivered]
    );
}

#[test]
fn undeliverable_needs_a_new_ofd_scan_the_next_day() {
    let (clock, it) = day_at("2026-11-23", "09:05");
    send_out(&it, &[1]);
    it.mark_undeliverable(&tracking(1), UndeliverableReason::UnableToLocateAddress, &ScanExtras::default()).unwrap();
    clock.set(at("2026-11-24", "09:00"));
    assert!(it.entries(None).unwrap().is_empty());
    let err = it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &ScanExtras::default()).unwrap_err();
    assert!(matches!(err, Error::NotOnItinerary { status: OrderStatus::Undeliverable, .. }), "{err:?}");
    assert_eq!(it.scan_ofd(&tracking(1)).unwrap(), OfdScan::Added { count: 1 });
    it.confirm_ofd(&ScanExtras::default()).unwrap();
    it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &ScanExtras::default()).unwrap();
    assert_eq!(it.order_details(&tracking(1)).unwrap().attempts, 2);
    // Yesterday's itinerary still shows what happened then.
    assert_eq!(it.entries(Some("2026-11-23".parse().unwrap())).unwrap().len(), 0);
    assert_eq!(it.entries(Some("2026-11-24".parse().unwrap())).unwrap()[0].status, OrderStatus::Delivered);
}

#[test]
fn rejection_is_final() {
    let (clock, it) = day_at("2026-11-23", "09:05");
    send_out(&it, &[1]);
    clock.set(at("2026-11-23", "13:00"));
    let e = it.reject(&tracking(1), RejectReason::Damaged, &ScanExtras::default()).unwrap();
    assert_eq!(e.reason.as_deref(), Some("damaged"));
    let err = it.scan_ofd(&tracking(1)).unwrap_err();
    assert!(matches!(err, Error::BadScan(BadScan::ReturnedToSeller { .. })), "{err:?}");
    assert!(err.to_string().contains("returned to the seller"));
    assert!(it.mark_undeliverable(&tracking(1), UndeliverableReason::MissedDelivery, &ScanExtras::default()).is_err());
    clock.set(at("2026-11-30", "09:00"));
    assert!(matches!(it.scan_ofd(&tracking(1)).unwrap_err(), Error::BadScan(BadScan::ReturnedToSeller { .. })));
    assert_eq!(it.order_details(&tracking(1)).unwrap().status, OrderStatus::Rejected);
}

#[test]
fn scanning_only_within_working_hours() {
    let (clock, it) = day_at("2026-11-23", "05:59");
    let err = it.scan_ofd(&tracking(1)).unwrap_err();
    assert!(matches!(err, Error::OutsideWorkingHours { .. }));
    let msg = err.to_string();
    assert!(msg.contains("06:00") && msg.contains("22:00") && msg.contains("05:59"), "{msg}");

    clock.set(at("2026-11-23", "06:00"));
    it.scan_ofd(&tracking(1)).unwrap();
    it.confirm_ofd(&ScanExtras::default()).unwrap();

    clock.set(at("2026-11-23", "21:59"));
    it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &ScanExtras::default()).unwrap();
    it.scan_ofd(&tracking(2)).unwrap();

    clock.set(at("2026-11-23", "22:00"));
    assert!(matches!(it.confirm_ofd(&ScanExtras::default()).unwrap_err(), Error::OutsideWorkingHours { .. }));
    assert!(matches!(it.scan_ofd(&tracking(3)).unwrap_err(), Error::OutsideWorkingHours { .. }));
    assert!(matches!(
        it.mark_undeliverable(&tracking(1), UndeliverableReason::MissedDelivery, &ScanExtras::default()).unwrap_err(),
        Error::OutsideWorkingHours { .. }
    ));
    // Reading is always allowed.
    assert_eq!(it.entries(Some("2026-11-23".parse().unwrap())).unwrap().len(), 1);
}

#[test]
fn at_closing_time_orders_still_out_leave_the_itinerary() {
    let (clock, it) = day_at("2026-11-23", "09:05");
    send_out(&it, &[1, 2, 3]);
    clock.set(at("2026-11-23", "12:00"));
    it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &ScanExtras::default()).unwrap();
    it.mark_undeliverable(&tracking(2), UndeliverableReason::UnableToLocateCustomer, &ScanExtras::default()).unwrap();

    clock.set(at("2026-11-23", "21:59"));
    assert!(it.close_day().unwrap().is_empty());
    clock.set(at("2026-11-23", "22:00"));
    let left = it.close_day().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, ScanKind::LeftItinerary);
    assert_eq!(left[0].tracking_id.as_str(), tracking(3));
    assert_eq!(left[0].device_time, at("2026-11-23", "22:00"));
    assert_eq!(left[0].local_offset_s, 19_800);
    assert!(it.close_day().unwrap().is_empty(), "closing twice records nothing more");
    let d = it.order_details(&tracking(3)).unwrap();
    assert_eq!((d.status, d.on_todays_itinerary), (OrderStatus::Pending, false));

    // The next morning it must be scanned Out for Delivery again.
    clock.set(at("2026-11-24", "06:00"));
    let err = it.deliver(&tracking(3), &tracking(3), &Recipient::customer(), &ScanExtras::default()).unwrap_err();
    assert!(matches!(err, Error::NotOnItinerary { .. }));
    assert_eq!(it.scan_ofd(&tracking(3)).unwrap(), OfdScan::Added { count: 1 });
}

#[test]
fn a_phone_switched_off_at_closing_time_catches_up_on_its_next_scan() {
    let (clock, it) = day_at("2026-11-23", "20:00");
    send_out(&it, &[1, 2]);
    // Across midnight, the first scan of the next day closes the day before.
    clock.set(at("2026-11-24", "00:01"));
    assert!(it.scan_ofd(&tracking(3)).is_err(), "00:01 is outside working hours");
    clock.set(at("2026-11-24", "07:30"));
    assert_eq!(it.scan_ofd(&tracking(1)).unwrap(), OfdScan::Added { count: 1 });
    let left: Vec<_> = it.pending_events(100).unwrap().into_iter().filter(|e| e.kind == ScanKind::LeftItinerary).collect();
    assert_eq!(left.len(), 2);
    assert!(left.iter().all(|e| e.device_time == at("2026-11-23", "22:00")));
}

#[test]
fn a_batch_left_unconfirmed_overnight_is_dropped() {
    let (clock, it) = day_at("2026-11-23", "21:50");
    it.scan_ofd(&tracking(1)).unwrap();
    clock.set(at("2026-11-24", "06:30"));
    assert!(it.ofd_batch().unwrap().is_empty());
    assert!(matches!(it.confirm_ofd(&ScanExtras::default()).unwrap_err(), Error::EmptyBatch));
}

#[test]
fn the_daily_summary_counts_outcomes_and_same_day_workflows() {
    let (clock, it) = day_at("2026-11-23", "09:05");
    send_out(&it, &[1, 2, 3, 4]);
    clock.set(at("2026-11-23", "11:00"));
    it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &ScanExtras::default()).unwrap();
    it.mark_undeliverable(&tracking(2), UndeliverableReason::CustomerNotAvailable, &ScanExtras::default()).unwrap();
    it.reject(&tracking(3), RejectReason::NotRequired, &ScanExtras::default()).unwrap();

    let s = it.summary(None).unwrap();
    assert_eq!((s.out_for_delivery, s.delivered, s.undeliverable, s.rejected, s.still_out), (4, 1, 1, 1, 1));
    assert_eq!(s.successful, 3);

    clock.set(at("2026-11-23", "22:30"));
    let s = it.summary(Some("2026-11-23".parse().unwrap())).unwrap();
    assert_eq!((s.left_itinerary, s.still_out, s.successful), (1, 0, 3));
    assert_eq!(s.success_rate, Some(0.75));

    // A same-day re-attempt replaces the outcome of that day's workflow.
    clock.set(at("2026-11-24", "09:00"));
    send_out(&it, &[2, 4]);
    it.mark_undeliverable(&tracking(2), UndeliverableReason::MissedDelivery, &ScanExtras::default()).unwrap();
    it.deliver(&tracking(2), &tracking(2), &Recipient::customer(), &ScanExtras::default()).unwrap();
    let s = it.summary(None).unwrap();
    assert_eq!((s.out_for_delivery, s.delivered, s.undeliverable, s.still_out, s.successful), (2, 1, 0, 1, 1));
    assert_eq!(s.success_rate, Some(0.5));
    let empty = it.summary(Some("2026-11-01".parse().unwrap())).unwrap();
    assert_eq!((empty.out_for_delivery, empty.success_rate), (0, None));
}

#[test]
fn order_details_for_the_itinerary() {
    let (_, it) = day_at("2026-11-23", "09:05");
    send_out(&it, &[5]);
    let d = it.order_details(&format!(" {} ", tracking(5).to_lowercase())).unwrap();
    assert_eq!(d.customer_name, "Customer 5");
    assert_eq!(d.address, "5 MG Road, Bengaluru 560001");
    assert_eq!(d.phone_uri.as_deref(), Some("tel:+919876500005"));
    assert_eq!((d.status, d.attempts, d.on_todays_itinerary), (OrderStatus::OutForDelivery, 0, true));
    assert_eq!(d.itinerary_day, Some("2026-11-23".parse().unwrap()));
    assert!(matches!(it.order_details("SD9999999999IN").unwrap_err(), Error::OrderNotFound(_)));
}

#[test]
fn events_carry_ids_sequence_utc_time_and_offset() {
    let (clock, it) = day_at("2026-11-23", "09:05");
    send_out(&it, &[1, 2, 3]);
    clock.set(at("2026-11-23", "10:15:30.250"));
    it.deliver(&tracking(1), &tracking(1), &Recipient::customer(), &ScanExtras::default()).unwrap();
    let events = it.pending_events(10).unwrap();
    assert_eq!(events.len(), 4);
    assert!(events.windows(2).all(|w| w[0].seq < w[1].seq));
    let ids: std::collections::HashSet<_> = events.iter().map(|e| e.event_id).collect();
    assert_eq!(ids.len(), 4);
    let last = events.last().unwrap();
    assert_eq!(last.device_time, at("2026-11-23", "10:15:30.250"));
    assert_eq!(last.local_offset_s, 5 * 3600 + 30 * 60);
    assert_eq!(last.local_time().to_rfc3339(), "2026-11-23T10:15:30.250+05:30");
    assert_eq!(last.order_id.as_str(), "402-1000001-2000001");
}

#[test]
fn a_tracking_id_belongs_to_one_order() {
    let (_, it) = day_at("2026-11-23", "09:05");
    let mut clash = common::order(1, track_core::order::Channel::SelfDelivery);
    clash.order_id = track_core::order::OrderId::parse("171-0000000-0000000").unwrap();
    let err = it.import_orders(&[clash]).unwrap_err().to_string();
    assert!(err.contains("already belongs to order 402-1000001-2000001"), "{err}");
    // Re-importing the same order updates details, not the status.
    send_out(&it, &[1]);
    let mut again = common::order(1, track_core::order::Channel::SelfDelivery);
    again.customer.address = "New address".into();
    it.import_orders(&[again]).unwrap();
    let d = it.order_details(&tracking(1)).unwrap();
    assert_eq!((d.address.as_str(), d.status), ("New address", OrderStatus::OutForDelivery));
}

#[test]
fn scans_from_several_threads_are_all_recorded() {
    let (_, it) = day_at("2026-11-23", "09:05");
    let it = std::sync::Arc::new(it);
    send_out(&it, &[1, 2, 3, 4, 5]);
    let handles: Vec<_> = (1..=5)
        .map(|n| {
            let it = it.clone();
            std::thread::spawn(move || it.deliver(&tracking(n), &tracking(n), &Recipient::customer(), &ScanExtras::default()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    assert_eq!(it.summary(None).unwrap().delivered, 5);
    assert_eq!(it.outbox_counts().unwrap().pending, 10);
}

#[test]
fn transitions_shared_with_the_server() {
    use track_core::event::ScanKind as K;
    use track_core::lifecycle::next;
    use track_core::order::OrderStatus as S;
    assert_eq!(next(S::Pending, K::OutForDelivery), Ok(S::OutForDelivery));
    assert_eq!(next(S::Undeliverable, K::OutForDelivery), Ok(S::OutForDelivery));
    assert_eq!(next(S::OutForDelivery, K::Delivered), Ok(S::Delivered));
    assert_eq!(next(S::Undeliverable, K::Delivered), Ok(S::Delivered));
    assert_eq!(next(S::OutForDelivery, K::LeftItinerary), Ok(S::Pending));
    assert!(next(S::Pending, K::Delivered).is_err());
    assert!(next(S::OutForDelivery, K::OutForDelivery).is_err());
    assert!(next(S::Delivered, K::OutForDelivery).is_err());
    assert!(next(S::Rejected, K::OutForDelivery).unwrap_err().to_string().contains("returning to the seller"));
    assert!(next(S::Undeliverable, K::LeftItinerary).is_err());
}

#[test]
fn same_day_workflow_rule() {
    use track_core::metrics::is_same_day;
    let m = track_core::Marketplace::india();
    assert!(is_same_day(&m, at("2026-11-23", "09:00"), at("2026-11-23", "21:59")));
    assert!(!is_same_day(&m, at("2026-11-23", "09:00"), at("2026-11-23", "22:00")));
    assert!(!is_same_day(&m, at("2026-11-23", "09:00"), at("2026-11-24", "09:00")));
    assert!(!is_same_day(&m, at("2026-11-23", "09:00"), at("2026-11-23", "08:00")));
}

#[test]
fn position_kept_only_while_parcels_are_out_inside_hours_latest_only_off_at_close() {
    let (clock, it) = day_at("2026-11-23", "09:00");
    let here = |lat: f64, when: chrono::DateTime<chrono::Utc>| Location::new(lat, 77.6, 10.0).unwrap().fixed_at(when.timestamp_millis());
    // Nothing out: not kept.
    assert!(!it.update_position(here(12.9, at("2026-11-23", "09:00"))).unwrap());
    assert_eq!(it.position_to_send().unwrap(), None);
    send_out(&it, &[1, 2]);
    assert!(it.update_position(here(12.9, at("2026-11-23", "09:00"))).unwrap());
    // Coalesced: the newer fix replaces it; an older one arriving late does not.
    clock.advance(chrono::Duration::minutes(5));
    assert!(it.update_position(here(13.0, at("2026-11-23", "09:05"))).unwrap());
    assert!(it.update_position(here(14.0, at("2026-11-23", "09:01"))).unwrap());
    let kept = it.position_to_send().unwrap().unwrap();
    assert_eq!((kept.latitude, kept.fix_time_ms), (13.0, Some(at("2026-11-23", "09:05").timestamp_millis())));
    // Sent: forgotten, unless a newer one came meanwhile.
    it.position_sent(at("2026-11-23", "09:00").timestamp_millis()).unwrap();
    assert!(it.position_to_send().unwrap().is_some(), "another fix than the one sent stays");
    it.position_sent(kept.fix_time_ms.unwrap()).unwrap();
    assert_eq!(it.position_to_send().unwrap(), None);
    // Out of range is an error, not a position.
    assert!(it.update_position(Location { latitude: 91.0, longitude: 0.0, accuracy_m: 1.0, fix_time_ms: None }).is_err());
    // All delivered: nothing out, the kept position goes.
    assert!(it.update_position(here(13.1, at("2026-11-23", "09:05"))).unwrap());
    for n in [1, 2] {
        it.deliver(&tracking(n), &tracking(n), &Recipient::customer(), &ScanExtras::default()).unwrap();
    }
    assert_eq!(it.position_to_send().unwrap(), None);
    // The day closes: off.
    send_out(&it, &[3]);
    assert!(it.update_position(here(13.2, at("2026-11-23", "09:05"))).unwrap());
    clock.set(at("2026-11-23", "22:00"));
    assert_eq!(it.position_to_send().unwrap(), None);
    assert!(!it.update_position(here(13.3, at("2026-11-23", "22:00"))).unwrap());
}
