//! The carrier rules against the public test numbers of ../shared/data/tracking: every valid
//! number is accepted for its own courier and kind, every invalid one is rejected for that kind.
//! Plus normalisation, ambiguity, carrier names and the error messages sellers see.

use std::path::{Path, PathBuf};

use track_core::tracking::{Carrier, TrackingError, carrier_named, detect, normalize, validate};

fn couriers_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    [
        root.join("../shared/data/tracking/couriers"),
        PathBuf::from("/work/shared/data/tracking/couriers"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
    .expect("../shared/data/tracking/couriers is missing: the tracking tests need the shared data")
}

/// Kinds the source names without an `id`.
fn kind_id(kind: &serde_json::Value) -> String {
    match kind["id"].as_str() {
        Some(id) => id.to_string(),
        None => match kind["name"].as_str().unwrap_or_default() {
            "LaserShip 1LS7 (18)" => "lasership_1ls7_18".into(),
            "Old Dominion" => "old_dominion".into(),
            "Old Dominion Guaranteed Shipment" => "old_dominion_guaranteed".into(),
            "UPS Waybill" => "ups_waybill".into(),
            other => panic!("a kind without an id: {other}"),
        },
    }
}

fn carrier_of(code: &str) -> Carrier {
    Carrier::parse(&code.replace('_', "-")).unwrap_or_else(|e| panic!("courier {code}: {e}"))
}

#[test]
fn every_public_test_number_is_judged_as_the_specification_says() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(couriers_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut couriers, mut kinds, mut valid, mut invalid) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for file in files
        .iter()
        .filter(|f| !f.file_name().unwrap().to_string_lossy().starts_with('_'))
    {
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let carrier = carrier_of(spec["courier_code"].as_str().unwrap());
        couriers += 1;
        for kind in spec["tracking_numbers"].as_array().unwrap() {
            let id = kind_id(kind);
            assert!(
                track_core::tracking::KINDS
                    .iter()
                    .any(|k| k.id == id && k.carrier == carrier),
                "kind {id} is not in the table"
            );
            kinds += 1;
            for n in kind["test_numbers"]["valid"].as_array().unwrap() {
                let n = n.as_str().unwrap();
                valid += 1;
                let (_, candidates) = detect(n).unwrap_or_else(|e| panic!("{n:?}: {e}"));
                if !candidates
                    .iter()
                    .any(|c| c.kind == id && c.carrier == carrier)
                {
                    failures.push(format!("valid {n:?} not detected as {id}: {candidates:?}"));
                }
                if let Err(e) = validate(carrier, n) {
                    failures.push(format!("valid {n:?} refused for {carrier}: {e}"));
                }
            }
            for n in kind["test_numbers"]["invalid"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let n = n.as_str().unwrap();
                invalid += 1;
                if let Ok((_, candidates)) = detect(n) {
                    if candidates.iter().any(|c| c.kind == id) {
                        failures.push(format!("invalid {n:?} accepted as {id}"));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!((couriers, kinds), (18, 39));
    assert_eq!((valid, invalid), (192, 88));
}

#[test]
fn shape_only_kinds_say_so_and_verified_come_first() {
    let (_, c) = detect("TBA000000000000").unwrap();
    assert!(c.iter().all(|c| !c.check_digit));
    assert!(c.iter().any(|c| c.carrier == Carrier::Amazon));
    // A FedEx 12 that is also 12 digits for Amazon Shipping India: the verified one first.
    let (_, c) = detect("986578788855").unwrap();
    assert!(c.len() >= 2, "{c:?}");
    assert!(c[0].check_digit && c[0].carrier == Carrier::Fedex, "{c:?}");
    assert!(
        c.iter()
            .skip_while(|c| c.check_digit)
            .all(|c| !c.check_digit)
    );
}

#[test]
fn normalisation() {
    assert_eq!(normalize("  ek 712 345 609 in ").unwrap(), "EK712345609IN");
    assert_eq!(
        normalize("1ls7119013618127-1").unwrap(),
        "1LS7119013618127-1"
    );
    assert!(matches!(normalize("   "), Err(TrackingError::Empty)));
    assert!(matches!(
        normalize("EK7123/45609IN"),
        Err(TrackingError::BadCharacter { found: '/', .. })
    ));
    assert!(matches!(
        normalize("EK712345609IN."),
        Err(TrackingError::BadCharacter { found: '.', .. })
    ));
    assert!(matches!(
        normalize(&"1".repeat(41)),
        Err(TrackingError::TooLong { .. })
    ));
    assert!(validate(Carrier::IndiaPost, "ek712345609in").is_ok());
    assert!(validate(Carrier::Ups, "1z 5r8 939 0357 5671 27").is_ok());
}

#[test]
fn indian_carriers() {
    let c = validate(Carrier::IndiaPost, "EK712345609IN").unwrap();
    assert!(c.check_digit);
    let err = validate(Carrier::IndiaPost, "EK712345608IN").unwrap_err();
    assert!(matches!(err, TrackingError::BadCheckDigit { .. }), "{err}");
    assert!(err.to_string().contains("check digit is wrong"));
    assert!(
        !validate(Carrier::BlueDart, "12345678901")
            .unwrap()
            .check_digit
    );
    assert!(validate(Carrier::Dtdc, "D12345678").is_ok());
    assert!(validate(Carrier::Ekart, "FMPC1234567890").is_ok());
    assert!(validate(Carrier::Shadowfax, "SF123456789FPL").is_ok());
    assert!(validate(Carrier::Delhivery, "1490810086954").is_ok());
}

#[test]
fn mismatch_messages_name_the_expected_format_and_the_likely_carrier() {
    let err = validate(Carrier::BlueDart, "TBA1234").unwrap_err();
    assert_eq!(
        err.to_string(),
        "tracking ID TBA1234 does not match carrier Blue Dart: expected 11 digits"
    );
    // A DHL Express number entered as FedEx.
    let dhl = "3318810025"; // valid DHL Express (mod 7)
    assert!(validate(Carrier::Dhl, dhl).is_ok());
    let err = validate(Carrier::Fedex, dhl).unwrap_err().to_string();
    assert!(
        err.contains("does not match carrier FedEx: expected 12 digits"),
        "{err}"
    );
    assert!(err.contains("looks like a DHL number"), "{err}");
}

#[test]
fn carrier_names_sellers_type() {
    for (typed, carrier) in [
        ("FedEx", Carrier::Fedex),
        ("Fedex", Carrier::Fedex),
        ("AFL/Fedex", Carrier::Fedex),
        ("fedex", Carrier::Fedex),
        ("Blue Dart", Carrier::BlueDart),
        ("BlueDart", Carrier::BlueDart),
        ("bluedart", Carrier::BlueDart),
        ("India Post", Carrier::IndiaPost),
        ("blue-dart", Carrier::BlueDart),
        ("DHL Express", Carrier::Dhl),
        ("usps", Carrier::Usps),
    ] {
        assert_eq!(carrier_named(typed).unwrap(), carrier, "{typed}");
    }
    let err = carrier_named("Fed Ex Ground Xpress").unwrap_err();
    assert!(matches!(err, TrackingError::UnknownCarrier { .. }));
    let err = carrier_named("Bluedrat").unwrap_err();
    assert!(err.to_string().contains("did you mean Blue Dart"), "{err}");
    let err = carrier_named("Delhivry").unwrap_err();
    assert!(err.to_string().contains("Delhivery"), "{err}");
    assert!(
        carrier_named("zzzz")
            .unwrap_err()
            .to_string()
            .starts_with("unknown carrier \"zzzz\"")
    );
}

/// The kinds whose source patterns use lookaround, which the phone's regex engine (regex-lite)
/// lacks, are written without it in tracking::carriers: they judge every ID as the source's own
/// pattern does (its `\s*` dropped, as the table does; run by fancy-regex, a backtracking engine
/// with lookaround, as the source's PCRE patterns are meant to be). IDs of the kinds' shapes at
/// every length around theirs, half of them with the check digit the source's reading of the
/// serial makes valid (a different reading of where the serial ends would not verify), some with
/// a letter or a hyphen inside.
#[test]
fn kinds_written_without_lookaround_judge_as_the_source_patterns() {
    /// 420, a ZIP code or ZIP+4 or neither, an application identifier (mostly one of `ais`), a
    /// service type, a shipper ID starting with 9 or not, digits up to a length around the kinds'.
    fn usps(rng: &mut fastrand::Rng, ais: &[&str]) -> String {
        let len = if rng.bool() { [22, 26, 30, 34, 38][rng.usize(..5)] } else { rng.usize(18..=40) };
        let mut s = ["", "420", "420"][rng.usize(..3)].to_string();
        if !s.is_empty() {
            let zip = if rng.bool() { 5 } else { 9 };
            (0..zip).for_each(|_| s.push(rng.digit(10)));
        }
        let others = ["91", "92", "93", "94", "95", "42"];
        s += if rng.usize(..4) == 0 { others[rng.usize(..others.len())] } else { ais[rng.usize(..ais.len())] };
        (0..3).for_each(|_| s.push(rng.digit(10)));
        s.push(if rng.bool() { '9' } else { rng.digit(10) });
        while s.len() < len {
            s.push(rng.digit(10));
        }
        s.truncate(len);
        s
    }
    fn dhl(rng: &mut fastrand::Rng) -> String {
        let prefixes = ["GM", "LX", "RX", "UV", "CN", "SG", "TH", "IN", "HK", "MY", "GX", "ZZ"];
        let mut s = prefixes[rng.usize(..prefixes.len())].to_string();
        s.push(if rng.bool() { rng.digit(10) } else { rng.alphanumeric().to_ascii_uppercase() });
        let len = rng.usize(10..=42);
        while s.len() < len {
            s.push(rng.alphanumeric().to_ascii_uppercase());
        }
        s
    }
    let source = |file: &str, id: &str| -> String {
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(couriers_dir().join(file)).unwrap()).unwrap();
        let kind = spec["tracking_numbers"].as_array().unwrap().iter().find(|k| kind_id(k) == id).unwrap();
        let regex = kind["regex"].as_str().map(str::to_string).unwrap_or_else(|| {
            kind["regex"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect()
        });
        regex.replace("\\s*", "")
    };
    type Gen = fn(&mut fastrand::Rng) -> String;
    let cases: [(&str, &str, Gen); 3] = [
        ("dhl.json", "dhl_ecommerce", dhl),
        ("usps.json", "usps_impb_n", |rng| usps(rng, &["94"])),
        ("usps.json", "usps_impb_c", |rng| usps(rng, &["92", "93", "95"])),
    ];
    for (seed, (file, id, generate)) in cases.into_iter().enumerate() {
        let reference = fancy_regex::Regex::new(&format!("^(?:{})$", source(file, id))).unwrap();
        let spec = track_core::tracking::KINDS.iter().find(|k| k.id == id).unwrap();
        let mut rng = fastrand::Rng::with_seed(seed as u64 + 15);
        let (mut fits, mut verified) = (0, 0);
        for _ in 0..10_000 {
            let mut n = generate(&mut rng);
            if rng.usize(..20) == 0 {
                let at = rng.usize(..n.len());
                n.replace_range(at..=at, ["A", "-"][rng.usize(..2)]);
            }
            let serial_and_check = |n: &str| {
                reference.captures(n).unwrap().map(|c| {
                    let part = |name| c.name(name).map(|m| m.as_str().to_string());
                    (part("SerialNumber"), part("CheckDigit"))
                })
            };
            if let (Some(checksum), Some((Some(serial), Some(_))), true) = (spec.checksum, serial_and_check(&n), rng.bool()) {
                // The check digit that makes the source's serial valid, where there is one.
                if let Some(d) = (0..10).map(|d| char::from(b'0' + d)).find(|d| checksum.verify(&serial, &d.to_string())) {
                    n.pop();
                    n.push(d);
                }
            }
            let expected = serial_and_check(&n).and_then(|(serial, check)| match spec.checksum {
                None => Some(false),
                Some(checksum) => {
                    let ok = checksum.verify(serial.as_deref().unwrap_or(""), check.as_deref().unwrap_or(""));
                    ok.then_some(true)
                }
            });
            fits += usize::from(serial_and_check(&n).is_some());
            verified += usize::from(expected == Some(true));
            let judged = track_core::tracking::detect_normalized(&n).into_iter().find(|c| c.kind == id).map(|c| c.check_digit);
            assert_eq!(judged, expected, "{id}: {n}");
        }
        assert!(fits > 800, "{id}: only {fits} of the generated IDs fit the source's pattern");
        if spec.checksum.is_some() {
            assert!(verified > 400, "{id}: only {verified} of the generated IDs verify");
        }
    }
}
