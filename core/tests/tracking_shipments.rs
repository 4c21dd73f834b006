//! Send to Amazon shipments, bulk CSV uploads and the Valid Tracking Rate.

use chrono::{DateTime, Duration, TimeZone, Utc};
use track_core::tracking::bulk::{BulkError, validate_csv};
use track_core::tracking::shipment::{MAX_BOXES, Mode, Shipment, ShipmentError, Status, Window, shipment_id};
use track_core::order::Channel;
use track_core::tracking::choice::{CarrierChoice, EntryError};
use track_core::tracking::defects::{CoachingLevel, ShipmentTracking, missing_tracking_defects};
use track_core::tracking::vtr::{ConfirmError, ShipmentRecord, tracking_is_valid, valid_tracking_rate};
use track_core::tracking::{Carrier, TrackingError};

fn t(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

#[test]
fn small_parcel_boxes_need_unique_valid_tracking() {
    let mut s = Shipment::small_parcel("FBA15XYZ", Carrier::Ups, 3);
    s.set_box_tracking(1, "1Z5R89390357567127").unwrap();
    s.set_box_tracking(2, "1Z879E930346834440").unwrap();
    let err = s.set_box_tracking(3, "1z5r8939 0357567127").unwrap_err();
    assert_eq!(
        err,
        ShipmentError::DuplicateTracking {
            shipment: "FBA15XYZ".into(),
            id: "1Z5R89390357567127".into(),
            box_no: 3,
            other: 1
        }
    );
    assert!(
        err.to_string().contains("box 1") && err.to_string().contains("box 3"),
        "{err}"
    );
    // Re-entering a box's own ID is not a duplicate.
    s.set_box_tracking(1, "1Z5R89390357567127").unwrap();
    assert!(matches!(
        s.set_box_tracking(3, "EK712345609IN"),
        Err(ShipmentError::Tracking(TrackingError::Mismatch { .. }))
    ));
    assert!(matches!(
        s.set_box_tracking(4, "1Z410E7W0392751591"),
        Err(ShipmentError::NoSuchBox { boxes: 3, .. })
    ));
    assert!(
        s.check_ready()
            .unwrap_err()
            .to_string()
            .contains("boxes 3 have no tracking ID")
    );
    s.set_box_tracking(3, "1Z410E7W0392751591").unwrap();
    s.check_ready().unwrap();
    assert!(matches!(
        s.set_pro_number("123456789"),
        Err(ShipmentError::ParcelNeedsTracking(_))
    ));
    // Editable until delivered.
    s.set_status(Status::InTransit);
    s.set_box_tracking(3, "1Z410E7W0392751591").unwrap();
    s.set_status(Status::Delivered);
    assert!(matches!(
        s.set_box_tracking(2, "1Z879E930346834440"),
        Err(ShipmentError::Delivered(_))
    ));
}

#[test]
fn pallets_take_a_pro_number() {
    let mut s = Shipment::pallet("FBA15LTL", Carrier::OldDominion);
    assert!(s.check_ready().is_err());
    assert!(matches!(
        s.set_box_tracking(1, "07209562763"),
        Err(ShipmentError::PalletNeedsPro(_))
    ));
    assert!(matches!(
        s.set_pro_number("12-34"),
        Err(ShipmentError::BadPro(_))
    ));
    s.set_pro_number("0720-956-2763").unwrap();
    assert_eq!(s.pro_number.as_deref(), Some("07209562763"));
    s.check_ready().unwrap();
}

#[test]
fn delivery_window_locks_when_it_starts() {
    let mut s = Shipment::small_parcel("FBA15WIN", Carrier::Fedex, 1);
    let w = Window {
        start: t(25, 9),
        end: t(25, 17),
    };
    s.set_window(w, t(23, 12)).unwrap();
    let later = Window {
        start: t(26, 9),
        end: t(26, 17),
    };
    s.set_window(later, t(25, 8)).unwrap();
    assert!(matches!(
        s.set_window(
            Window {
                start: t(27, 9),
                end: t(27, 8)
            },
            t(25, 8)
        ),
        Err(ShipmentError::BadWindow)
    ));
    let err = s
        .set_window(
            Window {
                start: t(28, 9),
                end: t(28, 17),
            },
            t(26, 9),
        )
        .unwrap_err();
    assert!(matches!(err, ShipmentError::WindowLocked { .. }), "{err}");
    assert_eq!(s.window, Some(later));
}

#[test]
fn bulk_csv_rows_with_line_numbers() {
    let csv = "order_id,carrier,tracking_id,ship_date\n\
               402-5510230-8812340,India Post,EK712345609IN,2026-11-20\n\
               402-5510237-8812353,Blue Dart,TBA1234,2026-11-20\n\
               \n\
               402-5510244-8812366,Bluedrat,12345678901,\n\
               not-an-order,FedEx,986578788855,\n\
               402-5510251-8812379,FedEx,986578788855,20/11/2026\n\
               402-5510258-8812382,FedEx,,\n\
               \"402-5510265-8812395\",\" fedex \",\" 9865 7878 8855 \",2026-11-21\n";
    let rows = validate_csv(csv.as_bytes()).unwrap();
    let summary: Vec<(u64, bool)> = rows.iter().map(|r| (r.line, r.error.is_none())).collect();
    assert_eq!(
        summary,
        [
            (2, true),
            (3, false),
            (5, false),
            (6, false),
            (7, false),
            (8, false),
            (9, true)
        ]
    );
    assert!(
        rows[1]
            .error
            .as_deref()
            .unwrap()
            .contains("does not match carrier Blue Dart: expected 11 digits")
    );
    assert!(
        rows[2]
            .error
            .as_deref()
            .unwrap()
            .contains("did you mean Blue Dart")
    );
    assert!(rows[3].error.as_deref().unwrap().contains("order ID"));
    assert!(rows[4].error.as_deref().unwrap().contains("YYYY-MM-DD"));
    assert!(rows[5].error.as_deref().unwrap().contains("missing"));
    assert_eq!(rows[6].tracking_id.as_deref(), Some("986578788855"));
    assert!(rows[6].candidate.as_ref().unwrap().check_digit);
}

#[test]
fn bulk_csv_file_errors() {
    assert_eq!(validate_csv(b""), Err(BulkError::Empty));
    let err = validate_csv(b"order,carrier,tracking\n1,2,3\n").unwrap_err();
    assert!(matches!(err, BulkError::BadHeader { .. }));
    assert!(
        err.to_string().contains("order_id,carrier,tracking_id"),
        "{err}"
    );
    assert_eq!(validate_csv(b"\xFF\xFEo\0r\0"), Err(BulkError::NotUtf8File));
    let err =
        validate_csv(b"order_id,carrier,tracking_id\n402-5510230-8812340,India Post,EK7\xE9\n")
            .unwrap_err();
    assert_eq!(err, BulkError::NotUtf8 { line: 2 });
    // A byte-order mark and header case are fine.
    let rows = validate_csv(b"\xEF\xBB\xBFOrder_ID, Carrier ,TRACKING_ID\n402-5510230-8812340,india post,EK712345609IN\n").unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].error.is_none(), "{:?}", rows[0]);
}

fn record(
    day: u32,
    tracking: Option<&str>,
    confirmed: Option<DateTime<Utc>>,
    delivered: Option<DateTime<Utc>>,
) -> ShipmentRecord {
    ShipmentRecord {
        channel: Channel::SelfDelivery,
        shipped_at: t(day, 10),
        carrier: Some(CarrierChoice::Known(Carrier::IndiaPost)),
        tracking_id: tracking.map(str::to_string),
        confirmed_at: confirmed,
        delivered_at: delivered,
    }
}

#[test]
fn valid_tracking_rate_over_30_days() {
    let now = t(30, 12);
    let empty = valid_tracking_rate(&[], now);
    assert_eq!(
        (empty.shipments, empty.rate, empty.at_risk),
        (0, None, false)
    );
    let good = |d| record(d, Some("EK712345609IN"), Some(t(d, 11)), Some(t(d + 1, 11)));
    // 19 good, 1 shipped without a tracking ID: exactly 95 %, not at risk.
    let mut shipments: Vec<ShipmentRecord> = (2..=20).map(good).collect();
    shipments.push(record(21, None, None, None));
    let r = valid_tracking_rate(&shipments, now);
    assert_eq!((r.shipments, r.valid), (20, 19));
    assert_eq!(r.rate, Some(0.95));
    assert!(!r.at_risk);
    // One more bad one: confirmed only after delivery.
    shipments.push(record(
        22,
        Some("EK712345609IN"),
        Some(t(25, 9)),
        Some(t(23, 9)),
    ));
    let r = valid_tracking_rate(&shipments, now);
    assert_eq!((r.shipments, r.valid), (21, 19));
    assert!(r.at_risk);
    // Shipments older than 30 days leave the window; an invalid ID never counts.
    let r = valid_tracking_rate(&shipments, now + Duration::days(15));
    assert_eq!(r.shipments, 7, "shipped 16 to 22 November");
    let invalid = vec![record(29, Some("EK712345608IN"), Some(t(29, 11)), None)];
    assert_eq!(valid_tracking_rate(&invalid, now).valid, 0);
}

#[test]
fn valid_tracking_rate_counts_only_the_sellers_own_shipments() {
    let now = t(30, 12);
    let untracked = |day, channel| ShipmentRecord { channel, ..record(day, None, None, None) };
    let good = record(2, Some("EK712345609IN"), Some(t(2, 11)), None);
    // FBA and Easy Ship orders are Amazon's to track: they neither help nor hurt.
    let shipments = vec![
        good.clone(),
        untracked(3, Channel::Fba),
        untracked(4, Channel::EasyShip),
        untracked(5, Channel::SellerFulfilled),
    ];
    let r = valid_tracking_rate(&shipments, now);
    assert_eq!((r.shipments, r.valid), (2, 1));
    // A seller-fulfilled shipment through a carrier the table lacks ("Other"): shape checks.
    let other = ShipmentRecord {
        channel: Channel::SellerFulfilled,
        carrier: Some(CarrierChoice::Other("Speedy Couriers".into())),
        ..record(6, Some("SPD0001234"), Some(t(6, 11)), None)
    };
    assert_eq!(valid_tracking_rate(&[good, other], now).valid, 2);
}

#[test]
fn without_a_carrier_only_an_id_that_names_its_carrier_is_valid() {
    // An India Post S10 number names its carrier; a bare 12-digit number fits several carriers.
    assert!(tracking_is_valid(None, "EK712345609IN"));
    let ambiguous = "123456789012";
    let (_, found) = track_core::tracking::detect(ambiguous).unwrap();
    assert!(found.iter().any(|c| c.carrier != found[0].carrier), "{found:?}");
    assert!(!tracking_is_valid(None, ambiguous));
    assert!(!tracking_is_valid(None, "EK712345608IN"), "a wrong check digit is not valid");
    let post = CarrierChoice::Known(Carrier::IndiaPost);
    assert!(tracking_is_valid(Some(&post), "EK712345609IN"));
}

#[test]
fn carrier_changes_before_delivery_including_other() {
    let mut s = Shipment::small_parcel("FBA15CHG", Carrier::Ups, 2);
    s.set_box_tracking(1, "1Z5R89390357567127").unwrap();
    // Box 1 holds a UPS number: a change to FedEx names it.
    let err = s.change_carrier(CarrierChoice::Known(Carrier::Fedex)).unwrap_err();
    assert!(
        matches!(&err, ShipmentError::CarrierChangeMismatch { boxes, .. } if boxes == "1"),
        "{err}"
    );
    assert!(err.to_string().contains("boxes 1 are not FedEx numbers"), "{err}");
    assert_eq!(s.carrier, CarrierChoice::Known(Carrier::Ups), "a refused change changes nothing");
    // Clear, change to a carrier the table lacks, enter its IDs: shape checks only.
    s.clear_box_tracking(1).unwrap();
    let other = CarrierChoice::parse("other", Some("Speedy Couriers")).unwrap();
    s.change_carrier(other.clone()).unwrap();
    s.set_box_tracking(1, "SPD0001234").unwrap();
    assert!(matches!(
        s.set_box_tracking(2, "SPD0001234"),
        Err(ShipmentError::DuplicateTracking { other: 1, .. })
    ));
    assert!(matches!(
        s.set_box_tracking(2, " SPD0001235"),
        Err(ShipmentError::Entry(EntryError::SpacesAround))
    ));
    s.set_box_tracking(2, "SPD0001235").unwrap();
    assert!(matches!(s.clear_box_tracking(3), Err(ShipmentError::NoSuchBox { boxes: 2, .. })));
    assert!(matches!(s.clear_box_tracking(0), Err(ShipmentError::NoSuchBox { .. })));
    s.set_status(Status::Delivered);
    assert!(matches!(
        s.change_carrier(CarrierChoice::Known(Carrier::Ups)),
        Err(ShipmentError::Delivered(_))
    ));
    assert_eq!(s.carrier, other);
}

#[test]
fn ready_to_ship_becomes_shipped_once_tracking_is_complete() {
    let mut s = Shipment::small_parcel("FBA15RDY", Carrier::Ups, 2);
    s.set_box_tracking(1, "1Z5R89390357567127").unwrap();
    s.mark_ready_to_ship().unwrap();
    assert_eq!(s.status, Status::ReadyToShip, "box 2 has no tracking yet");
    assert!(matches!(s.set_box_tracking(2, "1Z5R89390357567128"), Err(ShipmentError::Tracking(TrackingError::BadCheckDigit { .. }))));
    assert_eq!(s.status, Status::ReadyToShip, "an invalid ID does not ship it");
    s.set_box_tracking(2, "1Z879E930346834440").unwrap();
    assert_eq!(s.status, Status::Shipped);
    assert!(matches!(s.mark_ready_to_ship(), Err(ShipmentError::NotWorking { status: Status::Shipped, .. })));
    // Complete already when marked: ships at once. A pallet ships with its PRO number.
    let mut p = Shipment::pallet("FBA15PAL", Carrier::OldDominion);
    p.mark_ready_to_ship().unwrap();
    assert_eq!(p.status, Status::ReadyToShip);
    p.set_pro_number("0720-956-2763").unwrap();
    assert_eq!(p.status, Status::Shipped);
    let mut w = Shipment::pallet("FBA15PA2", Carrier::OldDominion);
    w.set_pro_number("07209562763").unwrap();
    assert_eq!(w.status, Status::Working, "not marked ready: stays being prepared");
    w.mark_ready_to_ship().unwrap();
    assert_eq!(w.status, Status::Shipped);
}

#[test]
fn missing_tracking_defect_rate_and_coaching_levels() {
    let now = t(30, 12);
    let on_time = |d| ShipmentTracking { delivered_at: Some(t(d, 12)), tracking_complete_at: Some(t(d, 8)) };
    let empty = missing_tracking_defects(&[], now);
    assert_eq!((empty.shipments, empty.rate, empty.level), (0, None, CoachingLevel::NoDefects));
    let mut shipments: Vec<ShipmentTracking> = (2..=29).map(on_time).collect();
    // Not delivered yet, with no tracking: not (yet) a defect, not counted.
    shipments.push(ShipmentTracking { delivered_at: None, tracking_complete_at: None });
    let r = missing_tracking_defects(&shipments, now);
    assert_eq!((r.shipments, r.defects, r.level), (28, 0, CoachingLevel::NoDefects));
    // Tracking completed an hour after delivery: a defect. 1 of 29: Standard.
    shipments.push(ShipmentTracking { delivered_at: Some(t(29, 12)), tracking_complete_at: Some(t(29, 13)) });
    let r = missing_tracking_defects(&shipments, now);
    assert_eq!((r.shipments, r.defects, r.level), (29, 1, CoachingLevel::Standard));
    // Two without any tracking: 3 of 31 (9.7 %) is Elevated; a fourth (12.5 %) Critical.
    shipments.push(ShipmentTracking { delivered_at: Some(t(28, 12)), tracking_complete_at: None });
    shipments.push(ShipmentTracking { delivered_at: Some(t(27, 12)), tracking_complete_at: None });
    assert_eq!(missing_tracking_defects(&shipments, now).level, CoachingLevel::Elevated);
    shipments.push(ShipmentTracking { delivered_at: Some(t(26, 12)), tracking_complete_at: None });
    let r = missing_tracking_defects(&shipments, now);
    assert_eq!((r.shipments, r.defects, r.level), (32, 4, CoachingLevel::Critical));
    assert_eq!(r.level.code(), "critical");
    // Deliveries older than 30 days leave the window.
    assert_eq!(missing_tracking_defects(&shipments, now + Duration::days(27)).shipments, 4, "delivered 28 and 29 November");
}

#[test]
fn box_file_applies_every_line_or_none() {
    let mut s = Shipment::small_parcel("FBA15CSV", Carrier::Ups, 3);
    // Line 3 repeats line 2's ID, line 5 is not a box number, line 6 gives box 1 again, line 7
    // has a space before its ID.
    let file = b"box,tracking_id\n1,1Z5R89390357567127\n2,1Z5R89390357567127\n\nx,1Z879E930346834440\n1,1Z879E930346834440\n3, 1Z410E7W0392751591\n";
    let err = s.apply_box_csv(file).unwrap_err();
    let ShipmentError::BoxFileLines(lines) = &err else { panic!("{err:?}") };
    let refused: Vec<(u64, &str)> = lines.iter().map(|l| (l.line, l.code)).collect();
    assert_eq!(
        refused,
        [(3, "duplicate_box_tracking_id"), (5, "invalid_csv_row"), (6, "box_given_twice"), (7, "spaces_around_tracking_id")]
    );
    assert!(err.to_string().contains("line 6: box 1 is also on line 2"), "{err}");
    assert_eq!(err.code(), "box_file_refused");
    assert_eq!(s.boxes, vec![None, None, None], "nothing applied");
    // A long list of refused lines is cut, with the count of the others.
    let many: String = (1..=25).fold("box,tracking_id\n".to_string(), |f, n| f + &format!("{},X\n", n + 3));
    let err = s.apply_box_csv(many.as_bytes()).unwrap_err();
    assert!(matches!(&err, ShipmentError::BoxFileLines(l) if l.len() == 25), "{err:?}");
    assert!(err.to_string().ends_with("line 21: shipment FBA15CSV has no box 23: it has boxes 1 to 3; and 5 more lines"), "{err}");
    assert_eq!(s.apply_box_csv(b"carton,id\n1,x\n").unwrap_err().code(), "bad_csv_header");
    assert_eq!(s.apply_box_csv(b"").unwrap_err().code(), "empty_csv");
    assert_eq!(s.apply_box_csv(b"box,tracking_id\n\n").unwrap_err().code(), "malformed_csv");
    let n = s.apply_box_csv(b"BOX, Tracking_ID\r\n1,1Z5R89390357567127\r\n3,1Z410E7W0392751591\r\n").unwrap();
    assert_eq!(n, 2);
    assert_eq!(s.boxes[2].as_deref(), Some("1Z410E7W0392751591"));
    // A pallet takes no box file.
    let mut p = Shipment::pallet("FBA15PAL", Carrier::OldDominion);
    let err = p.apply_box_csv(b"box,tracking_id\n1,1Z5R89390357567127\n").unwrap_err();
    assert!(matches!(&err, ShipmentError::BoxFileLines(l) if l[0].code == "pallet_needs_pro_number"), "{err:?}");
}

#[test]
fn boxes_ids_delivery_and_complete_tracking_times() {
    assert_eq!(shipment_id(" fba15xyz ").unwrap(), "FBA15XYZ");
    assert_eq!(shipment_id("F/1").unwrap_err().code(), "invalid_shipment_id");
    assert_eq!(Mode::parse("small-parcel").unwrap(), Mode::SmallParcel);
    assert_eq!(Status::ReadyToShip.code(), "ready-to-ship");
    let mut s = Shipment::small_parcel("FBA15BOX", Carrier::Ups, 0);
    assert_eq!(s.add_boxes(0).unwrap_err().code(), "invalid_box_count");
    assert_eq!(s.add_boxes(MAX_BOXES + 1).unwrap_err().code(), "invalid_box_count");
    s.add_boxes(1).unwrap();
    assert_eq!(s.complete_since(None, t(23, 8)), None);
    s.set_box_tracking(1, "1Z5R89390357567127").unwrap();
    assert_eq!(s.complete_since(None, t(23, 9)), Some(t(23, 9)));
    assert_eq!(s.complete_since(Some(t(23, 9)), t(23, 10)), Some(t(23, 9)), "complete since it first was");
    s.mark_ready_to_ship().unwrap();
    assert_eq!(s.status, Status::Shipped);
    let err = s.add_boxes(1).unwrap_err();
    assert!(err.is_conflict() && err.code() == "boxes_closed", "{err:?}");
    s.mark_delivered().unwrap();
    assert_eq!(s.mark_delivered().unwrap_err().code(), "shipment_delivered");
    // A carrier change with the new IDs is all or nothing.
    let mut c = Shipment::small_parcel("FBA15CW", Carrier::Ups, 2);
    c.set_box_tracking(1, "1Z5R89390357567127").unwrap();
    c.set_box_tracking(2, "1Z879E930346834440").unwrap();
    let other = CarrierChoice::parse("other", Some("Speedy Couriers")).unwrap();
    // To FedEx with box 1's new ID: box 2 still holds a UPS number.
    let err = c.change_carrier_with(CarrierChoice::Known(Carrier::Fedex), &[(1, "986578788855".into())]).unwrap_err();
    assert!(matches!(&err, ShipmentError::CarrierChangeMismatch { boxes, .. } if boxes == "2"), "{err}");
    assert_eq!(c.boxes[0].as_deref(), Some("1Z5R89390357567127"), "a refused change changes nothing");
    c.change_carrier_with(other.clone(), &[(1, "SPD0001234".into()), (2, "SPD0001235".into())]).unwrap();
    assert_eq!((c.carrier.clone(), c.boxes[1].as_deref()), (other, Some("SPD0001235")));
}

#[test]
fn a_seller_confirms_or_corrects_an_orders_tracking() {
    let post = CarrierChoice::Known(Carrier::IndiaPost);
    // Never confirmed; confirmed before delivery: counts.
    let mut r = record(20, Some("EK712345609IN"), None, None);
    let c = r.confirm(post.clone(), "ek712345609in", t(20, 12)).unwrap();
    assert!(c.changed && c.counts && !c.after_delivery, "{c:?}");
    assert_eq!(r.confirmed_at, Some(t(20, 12)));
    // Confirmed again after delivery: keeps its first time, still counts.
    r.delivered_at = Some(t(21, 12));
    let c = r.confirm(post.clone(), "EK712345609IN", t(22, 12)).unwrap();
    assert!(!c.changed && c.counts && c.after_delivery, "{c:?}");
    assert_eq!(r.confirmed_at, Some(t(20, 12)));
    // Corrected after delivery (another carrier): recorded, does not count.
    let other = CarrierChoice::Other("Speedy Couriers".into());
    let c = r.confirm(other.clone(), "EK712345609IN", t(22, 13)).unwrap();
    assert!(c.changed && !c.counts && c.after_delivery, "{c:?}");
    assert_eq!(r.carrier, Some(other));
    // Confirmed only after delivery: does not count.
    let mut late = record(20, Some("EK712345609IN"), None, Some(t(21, 12)));
    assert!(!late.confirm(post.clone(), "EK712345609IN", t(22, 12)).unwrap().counts);
    // The carrier named for a confirmed ID stored without one keeps its confirmation.
    let mut bare = ShipmentRecord { carrier: None, ..record(20, Some("EK712345609IN"), Some(t(20, 11)), Some(t(21, 12))) };
    let mut bare_other = bare.clone();
    let c = bare.confirm(post.clone(), "EK712345609IN", t(22, 12)).unwrap();
    assert!(c.changed && c.counts, "{c:?}");
    assert_eq!(bare.confirmed_at, Some(t(20, 11)));
    // Another carrier for it (an Other one) after delivery is a correction: it does not count.
    let c = bare_other.confirm(CarrierChoice::Other("Speedy Couriers".into()), "EK712345609IN", t(22, 12)).unwrap();
    assert!(c.changed && !c.counts, "{c:?}");
    // The seller's entry messages, and orders Amazon tracks.
    assert_eq!(r.confirm(post.clone(), " EK712345609IN", t(22, 14)).unwrap_err().code(), "spaces_around_tracking_id");
    let mismatch = r.confirm(post.clone(), "1Z5R89390357567127", t(22, 14)).unwrap_err();
    assert_eq!(mismatch.code(), "carrier_mismatch");
    assert!(mismatch.to_string().contains("UPS"), "{mismatch}");
    let mut fba = ShipmentRecord { channel: Channel::Fba, ..record(20, None, None, None) };
    assert_eq!(fba.confirm(post, "EK712345609IN", t(22, 12)).unwrap_err(), ConfirmError::AmazonTracks(Channel::Fba));
}
