//! The carrier table: every courier and kind of tracking number the project knows, with its
//! pattern (over the normalised ID: no spaces, upper case), its check-digit algorithm, and what to
//! tell a seller who typed something else. Written from the public tracking-number specification
//! tracking_number_data v2.0.0 (MIT; the `\s*` of its patterns dropped because IDs are
//! normalised first) and, for the Indian carriers, from the carriers' public descriptions.
//! Each entry cites its source. Kinds without a published check digit are shape-only
//! (`checksum: None`) and are reported as such.

use super::checksum::Checksum;
use crate::coded::coded_enum;

coded_enum! {
    /// A carrier (courier). Codes are stable on the wire; labels are what sellers see.
    pub enum Carrier ("carrier") {
        Amazon = "amazon", "Amazon" | "Amazon Logistics" | "AMZL" | "Amazon Shipping";
        CanadaPost = "canada-post", "Canada Post" | "canadapost" | "Postes Canada";
        Canpar = "canpar", "Canpar";
        Dhl = "dhl", "DHL" | "DHL Express" | "DHL eCommerce" | "DHL E-Commerce";
        Dpd = "dpd", "DPD";
        Fedex = "fedex", "FedEx" | "Fedex" | "AFL/Fedex" | "Federal Express" | "FedEx Ground" | "FedEx Express";
        Gofo = "gofo", "GOFO Express" | "GOFO";
        Landmark = "landmark", "Landmark Global" | "Landmark";
        Lasership = "lasership", "LaserShip" | "OnTrac LaserShip";
        OldDominion = "old-dominion", "Old Dominion" | "ODFL" | "Old Dominion Freight Line";
        Ontrac = "ontrac", "OnTrac";
        Purolator = "purolator", "Purolator";
        S10 = "s10", "Postal service (UPU S10)" | "UPU" | "Postal" | "Post";
        Speedee = "speedee", "Spee-Dee Delivery" | "Spee-Dee" | "Speedee";
        Ups = "ups", "UPS" | "United Parcel Service";
        Usps = "usps", "USPS" | "US Postal Service" | "United States Postal Service";
        Yodel = "yodel", "Yodel";
        Yunexpress = "yunexpress", "YunExpress" | "Yun Express";
        IndiaPost = "india-post", "India Post" | "Speed Post" | "IndiaPost" | "Indian Postal Service";
        BlueDart = "blue-dart", "Blue Dart" | "BlueDart" | "Blue Dart Express";
        Dtdc = "dtdc", "DTDC" | "DTDC Express";
        Delhivery = "delhivery", "Delhivery";
        EcomExpress = "ecom-express", "Ecom Express" | "EcomExpress" | "Ecom";
        Xpressbees = "xpressbees", "Xpressbees" | "XpressBees" | "Xpress Bees";
        Ekart = "ekart", "Ekart" | "Ekart Logistics" | "Flipkart Ekart";
        Shadowfax = "shadowfax", "Shadowfax";
        AmazonShippingIndia = "amazon-shipping-india", "Amazon Shipping India" | "ATS" | "Amazon Transportation Services" | "Amazon Shipping IN";
    }
}

/// One kind of tracking number of a carrier.
#[derive(Debug, Clone, Copy)]
pub struct KindSpec {
    pub carrier: Carrier,
    /// Stable identifier (as in the source specification).
    pub id: &'static str,
    pub name: &'static str,
    /// Regular expression over the normalised ID (anchored when compiled); named groups
    /// `SerialNumber` and `CheckDigit` feed the check digit (`CountryCode` the S10 country). The
    /// syntax of regex-lite (the small engine of the `regex` project, chosen for the phone's
    /// library): no lookaround or backreferences, and ASCII classes only (`[0-9]`, not `\d`,
    /// `\w`, `\b`, `\p{…}` or case-insensitivity). The engine refuses two groups of one name:
    /// when alternatives of a pattern each name a part, the later ones number it (`SerialNumber_2`,
    /// `CheckDigit_3`…), and the part is the group of that name or number that took part in the
    /// match (`tracking::part`). Alternatives are tried in order (leftmost-first, as the
    /// backtracking engines of the source specification do).
    pub pattern: &'static str,
    pub checksum: Option<Checksum>,
    /// Prefix the serial number with this before checking when it does not start with it.
    pub prepend_if_missing: Option<&'static str>,
    /// What such a number looks like, for error messages.
    pub expected: &'static str,
}

/// Country codes whose postal service issues UPU S10 numbers (tracking_number_data v2.0.0,
/// couriers/s10.json, lookup "Courier"): an S10 number ending in another code is not valid.
pub const S10_COUNTRIES: &[&str] = &[
    "AF", "AL", "DZ", "AO", "AG", "AR", "AM", "AU", "AT", "AZ", "BS", "BH", "BD", "BB", "BY", "BE",
    "BZ", "BJ", "BT", "BO", "BA", "BW", "BR", "BN", "BG", "BF", "BI", "KH", "CM", "CA", "CV", "CF",
    "TD", "CL", "CN", "HK", "CO", "KM", "CG", "CR", "HR", "CU", "CY", "CZ", "CI", "KP", "CD", "DK",
    "DJ", "DM", "DO", "EC", "EG", "SV", "GQ", "ER", "EE", "ET", "FJ", "FI", "FR", "GA", "GM", "GE",
    "DE", "GH", "GB", "GR", "GD", "GT", "GN", "GW", "GY", "HT", "HN", "HU", "IS", "IN", "ID", "IR",
    "IQ", "IE", "IL", "IT", "JM", "JP", "JO", "KZ", "KE", "KI", "KR", "KW", "KG", "LA", "LV", "LB",
    "LS", "LR", "LY", "LI", "LT", "LU", "MG", "MW", "MY", "MV", "ML", "MT", "MR", "MU", "MX", "MD",
    "MC", "MN", "ME", "MA", "MZ", "MM", "NA", "NR", "NP", "NL", "NZ", "NI", "NE", "NG", "NO", "OM",
    "PK", "PA", "PG", "PY", "PE", "PH", "PL", "PT", "QA", "RO", "RU", "RW", "KN", "LC", "VC", "WS",
    "SM", "ST", "SA", "SN", "RS", "SC", "SL", "SG", "SK", "SI", "SB", "SO", "ZA", "SS", "ES", "LK",
    "SD", "SR", "SZ", "SE", "CH", "SY", "TJ", "TZ", "TH", "MK", "TL", "TG", "TO", "TT", "TN", "TR",
    "TM", "TV", "UG", "UA", "AE", "US", "UY", "UZ", "VU", "VA", "VE", "VN", "YE", "ZM", "ZW",
];

/// Every kind, in the order of the source specification, then the Indian carriers.
pub const KINDS: &[KindSpec] = &[
    // Source: tracking_number_data v2.0.0 (MIT), couriers/amazon.json, "amazon_logistics".
    KindSpec {
        carrier: Carrier::Amazon,
        id: "amazon_logistics",
        name: "Amazon Logistics",
        pattern: r"TB[ACM](?<SerialNumber>[0-9]{12})",
        checksum: None,
        prepend_if_missing: None,
        expected: "TBA, TBC or TBM and 12 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/amazon.json, "amazon_international".
    KindSpec {
        carrier: Carrier::Amazon,
        id: "amazon_international",
        name: "Amazon International",
        pattern: r"[AFC](?<SerialNumber>[0-9]{10})",
        checksum: None,
        prepend_if_missing: None,
        expected: "A, F or C and 10 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/canadapost.json, "canada_post".
    KindSpec {
        carrier: Carrier::CanadaPost,
        id: "canada_post",
        name: "Canada Post (16)",
        pattern: r"(?<SerialNumber>(?<OriginId>[0-9]{7})[0-9]{8})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 3,
            odds: 1,
            reverse: false,
        }),
        prepend_if_missing: None,
        expected: "16 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/canpar.json, "canpar_22".
    KindSpec {
        carrier: Carrier::Canpar,
        id: "canpar_22",
        name: "Canpar (22)",
        pattern: r"(?<SerialNumber>[CDKLSUXZ][0-9]{21})",
        checksum: None,
        prepend_if_missing: None,
        expected: "one of C D K L S U X Z and 21 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/dhl.json, "dhl_express".
    KindSpec {
        carrier: Carrier::Dhl,
        id: "dhl_express",
        name: "DHL Express",
        pattern: r"(?<SerialNumber>[0-9]{9,10})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod7),
        prepend_if_missing: None,
        expected: "10 or 11 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/dhl.json, "dhl_express_piece_id".
    KindSpec {
        carrier: Carrier::Dhl,
        id: "dhl_express_piece_id",
        name: "DHL Express (Piece ID)",
        pattern: r"(J[A-Z]{2,3})(?<SerialNumber>[0-9]{9,10})",
        checksum: None,
        prepend_if_missing: None,
        expected: "J and 2 or 3 letters, then 9 or 10 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/dhl.json, "dhl_ecommerce", without its
    // lookaheads: the first, `(?=[0-9A-Z]{10,39}\b)`, is implied by the serial that follows,
    // anchored at the end of the ID; the second, `(?=[^0-9A-Z]*[0-9])` at the start of the serial,
    // says that the serial's first character is a digit (the serial has no other characters to
    // skip). tests/tracking_rules.rs checks it against the source's pattern.
    KindSpec {
        carrier: Carrier::Dhl,
        id: "dhl_ecommerce",
        name: "DHL E-Commerce",
        pattern: r"(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)(?<SerialNumber>[0-9][0-9A-Z]{9,38})",
        checksum: None,
        prepend_if_missing: None,
        expected: "a two-letter prefix (GM, LX, RX, UV, CN, SG, TH, IN, HK, MY) and 10 to 39 letters and digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/dhl.json, "dhl_ecommerce_14", without
    // its word boundaries around the serial: a pattern is anchored at both ends of the ID.
    KindSpec {
        carrier: Carrier::Dhl,
        id: "dhl_ecommerce_14",
        name: "DHL E-Commerce (14)",
        pattern: r"(?<SerialNumber>[0-9]{14})",
        checksum: None,
        prepend_if_missing: None,
        expected: "14 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/dpd.json, "dpd".
    KindSpec {
        carrier: Carrier::Dpd,
        id: "dpd",
        name: "DPD (28)",
        pattern: r"(?<SerialNumber>(?<DestinationZip>[0-9]{7})[0-9]{14}(?<ServiceType>[0-9]{3})(?<CountryCode>[0-9]{3}))(?<CheckDigit>[0-9A-Z])",
        checksum: Some(Checksum::Mod3736),
        prepend_if_missing: None,
        expected: "27 digits and a check character",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/dpd.json, "dpd_14".
    KindSpec {
        carrier: Carrier::Dpd,
        id: "dpd_14",
        name: "DPD (14)",
        pattern: r"(?<SerialNumber>[0-9]{14})(?<CheckDigit>[0-9A-Z])",
        checksum: Some(Checksum::Mod3736),
        prepend_if_missing: None,
        expected: "14 digits and a check character",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/fedex.json, "fedex_12".
    KindSpec {
        carrier: Carrier::Fedex,
        id: "fedex_12",
        name: "FedEx Express (12)",
        pattern: r"(?<SerialNumber>[0-9]{11})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::SumProduct {
            weights: &[3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
            m1: 11,
            m2: 10,
        }),
        prepend_if_missing: None,
        expected: "12 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/fedex.json, "fedex_34".
    KindSpec {
        carrier: Carrier::Fedex,
        id: "fedex_34",
        name: "FedEx Express (34)",
        pattern: r"[0-8][0-9]{14}(?<DestinationZip>[0-9]{5})(?<SerialNumber>[0-9]{13})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::SumProduct {
            weights: &[1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
            m1: 11,
            m2: 10,
        }),
        prepend_if_missing: None,
        expected: "34 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/fedex.json, "fedex_astra_32".
    KindSpec {
        carrier: Carrier::Fedex,
        id: "fedex_astra_32",
        name: "FedEx ASTRA (32)",
        pattern: r"3[0-9]{5}[0-9]{3}[0-9]{7}(?<SerialNumber>[0-9]{11})(?<CheckDigit>[0-9])[0-9]{4}",
        checksum: Some(Checksum::SumProduct {
            weights: &[3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
            m1: 11,
            m2: 10,
        }),
        prepend_if_missing: None,
        expected: "32 digits starting with 3",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/fedex.json, "fedex_ground".
    KindSpec {
        carrier: Carrier::Fedex,
        id: "fedex_ground",
        name: "FedEx Ground",
        pattern: r"(?<SerialNumber>[0-9]{14})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 1,
            odds: 3,
            reverse: false,
        }),
        prepend_if_missing: None,
        expected: "15 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/fedex.json, "fedex_ground_sscc_18".
    KindSpec {
        carrier: Carrier::Fedex,
        id: "fedex_ground_sscc_18",
        name: "FedEx Ground (SSCC-18)",
        pattern: r"(?<ShippingContainerType>[0-9]{2})(?<SerialNumber>[0-9]{15})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 3,
            odds: 1,
            reverse: false,
        }),
        prepend_if_missing: None,
        expected: "18 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/fedex.json, "fedex_ground_96".
    KindSpec {
        carrier: Carrier::Fedex,
        id: "fedex_ground_96",
        name: "FedEx Ground 96 (22)",
        pattern: r"(?<ApplicationIdentifier>96)(?<SCNC>[0-9]{2})(?<ServiceType>[0-9]{3})(?<SerialNumber>(?<ShipperId>[0-9]{7})(?<PackageId>[0-9]{7}))(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 1,
            odds: 3,
            reverse: false,
        }),
        prepend_if_missing: None,
        expected: "22 digits starting with 96",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/fedex.json, "fedex_ground_gsn".
    KindSpec {
        carrier: Carrier::Fedex,
        id: "fedex_ground_gsn",
        name: "FedEx Ground GSN",
        pattern: r"(?<ApplicationIdentifier>96)(?<SCNC>[0-9]{2})[0-9]{5}(?<GSN>[0-9]{10})[0-9](?<SerialNumber>[0-9]{13})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::SumProduct {
            weights: &[1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
            m1: 11,
            m2: 10,
        }),
        prepend_if_missing: None,
        expected: "34 digits starting with 96",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/gofo.json, "gofo_us".
    KindSpec {
        carrier: Carrier::Gofo,
        id: "gofo_us",
        name: "GOFO Express (US)",
        pattern: r"GFUS(?<SerialNumber>[0-9]{14})",
        checksum: None,
        prepend_if_missing: None,
        expected: "GFUS and 14 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/landmark.json, "landmark_global".
    KindSpec {
        carrier: Carrier::Landmark,
        id: "landmark_global",
        name: "Landmark Global LTN",
        pattern: r"LTN(?<SerialNumber>[0-9]{8})N1",
        checksum: None,
        prepend_if_missing: None,
        expected: "LTN, 8 digits and N1",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/lasership.json, "lasership_lx".
    KindSpec {
        carrier: Carrier::Lasership,
        id: "lasership_lx",
        name: "LaserShip LX",
        pattern: r"L[AIEHNX][1-3](?<SerialNumber>[0-9]{7})",
        checksum: None,
        prepend_if_missing: None,
        expected: "L, one of A I E H N X, 1 to 3, and 7 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/lasership.json, "lasership_1ls7".
    KindSpec {
        carrier: Carrier::Lasership,
        id: "lasership_1ls7",
        name: "LaserShip 1LS7 (15)",
        pattern: r"1LS7[12][0-9]{4}(?<SerialNumber>[0-9]{6})",
        checksum: None,
        prepend_if_missing: None,
        expected: "1LS7 and 11 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/lasership.json, "LaserShip 1LS7 (18)".
    KindSpec {
        carrier: Carrier::Lasership,
        id: "lasership_1ls7_18",
        name: "LaserShip 1LS7 (18)",
        pattern: r"1LS7[12][0-9]{2}01[1234](?<SerialNumber>[0-9]{6})-1",
        checksum: None,
        prepend_if_missing: None,
        expected: "1LS7, 12 digits and -1",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/lasership.json, "lasership_1lscx".
    KindSpec {
        carrier: Carrier::Lasership,
        id: "lasership_1lscx",
        name: "LaserShip 1LSCX (15)",
        pattern: r"1LSCX(?<SerialNumber>[0-9A-Z]{10})",
        checksum: None,
        prepend_if_missing: None,
        expected: "1LSCX and 10 letters and digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/old_dominion.json, "Old Dominion".
    KindSpec {
        carrier: Carrier::OldDominion,
        id: "old_dominion",
        name: "Old Dominion",
        pattern: r"(?<SerialNumber>(77[78]|072|780)[0-9]{7})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Luhn),
        prepend_if_missing: None,
        expected: "11 digits starting with 777, 778, 072 or 780",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/old_dominion.json, "Old Dominion Guaranteed Shipment".
    KindSpec {
        carrier: Carrier::OldDominion,
        id: "old_dominion_guaranteed",
        name: "Old Dominion Guaranteed Shipment",
        pattern: r"(?<SerialNumber>80[0-9]{8})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Luhn),
        prepend_if_missing: None,
        expected: "11 digits starting with 80",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/ontrac.json, "ontrac_c".
    KindSpec {
        carrier: Carrier::Ontrac,
        id: "ontrac_c",
        name: "OnTrac",
        pattern: r"C(?<SerialNumber>[0-9]{13})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 1,
            odds: 2,
            reverse: false,
        }),
        prepend_if_missing: Some("4"),
        expected: "C and 14 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/ontrac.json, "ontrac_d".
    KindSpec {
        carrier: Carrier::Ontrac,
        id: "ontrac_d",
        name: "OnTrac D",
        pattern: r"D(?<SerialNumber>[0-9]{13})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 1,
            odds: 2,
            reverse: false,
        }),
        prepend_if_missing: Some("5"),
        expected: "D and 14 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/purolator.json, "purolator_numeric".
    KindSpec {
        carrier: Carrier::Purolator,
        id: "purolator_numeric",
        name: "Purolator (12)",
        pattern: r"(?<SerialNumber>[0-5][0-9]{10})(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Luhn),
        prepend_if_missing: None,
        expected: "12 digits starting with 0 to 5",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/purolator.json, "purolator_alpha".
    KindSpec {
        carrier: Carrier::Purolator,
        id: "purolator_alpha",
        name: "Purolator (alpha + 9)",
        pattern: r"(?<SerialNumber>[A-Z]{3}[0-9]{9})",
        checksum: None,
        prepend_if_missing: None,
        expected: "3 letters and 9 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/s10.json, "s10".
    KindSpec {
        carrier: Carrier::S10,
        id: "s10",
        name: "S10",
        pattern: r"(?<ServiceType>[A-Z]{2})(?<SerialNumber>[0-9]{8})(?<CheckDigit>[0-9])(?<CountryCode>[A-Z]{2})",
        checksum: Some(Checksum::S10),
        prepend_if_missing: None,
        expected: "2 letters, 9 digits and a 2-letter country code",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/speedee.json, "speedee".
    KindSpec {
        carrier: Carrier::Speedee,
        id: "speedee",
        name: "Spee-Dee (20)",
        pattern: r"SP(?<SerialNumber>[0-9]{18})",
        checksum: None,
        prepend_if_missing: None,
        expected: "SP and 18 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/ups.json, "ups".
    KindSpec {
        carrier: Carrier::Ups,
        id: "ups",
        name: "UPS",
        pattern: r"1Z(?<SerialNumber>(?<ShipperId>[A-Z0-9]{6})(?<ServiceType>[A-Z0-9]{2})(?<PackageId>[A-Z0-9]{7}))(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 1,
            odds: 2,
            reverse: false,
        }),
        prepend_if_missing: None,
        expected: "1Z and 16 letters and digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/ups.json, "UPS Waybill".
    KindSpec {
        carrier: Carrier::Ups,
        id: "ups_waybill",
        name: "UPS Waybill",
        pattern: r"(?<ServiceType>([AHJKTV]){1})(?<SerialNumber>[0-9]{9})(?<CheckDigit>[0-9]){1}",
        checksum: Some(Checksum::Mod10 {
            evens: 1,
            odds: 2,
            reverse: false,
        }),
        prepend_if_missing: None,
        expected: "one of A H J K T V and 10 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/usps.json, "usps_20".
    KindSpec {
        carrier: Carrier::Usps,
        id: "usps_20",
        name: "USPS 20",
        pattern: r"(?<SerialNumber>(?<ServiceType>[0-9]{2})(?<ShipperId>[0-9]{9})(?<PackageId>[0-9]{8}))(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 3,
            odds: 1,
            reverse: false,
        }),
        prepend_if_missing: None,
        expected: "20 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/usps.json, "usps_impb_n", without its
    // lookaheads, which only fix lengths (the ID is digits, so "N digits and then no digit" is
    // "N characters to the end"): after 94 and the 3-digit service type, a shipper ID of 9 digits
    // starting with 9 takes a package ID of 15, 11 or 7 digits, one of 6 digits starting with 0-8
    // a package ID of 14 or 10; the serial and its check digit are then 22, 26 or 30 digits.
    // Before them, 420 and a 5-digit ZIP code come only before 22 or 26 digits, and a ZIP+4 only
    // before 22; where both fit (34 digits), the ZIP+4 reading is tried first, as the source's
    // greedy group does. So: 420 + ZIP+4 + 22 | 420 + ZIP + 22 or 26 | 22, 26 or 30 digits.
    // tests/tracking_rules.rs checks it against the source's pattern.
    KindSpec {
        carrier: Carrier::Usps,
        id: "usps_impb_n",
        name: "USPS IMpb N",
        pattern: concat!(
            r"(?<RoutingApplicationId>420)(?<DestinationZip>[0-9]{5})(?<DestinationZipPlus4>[0-9]{4})(?<SerialNumber>94[0-9]{3}(?:9[0-9]{8}[0-9]{7}|[0-8][0-9]{5}[0-9]{10}))(?<CheckDigit>[0-9])",
            r"|420(?<DestinationZip_2>[0-9]{5})(?<SerialNumber_2>94[0-9]{3}(?:9[0-9]{8}(?:[0-9]{11}|[0-9]{7})|[0-8][0-9]{5}(?:[0-9]{14}|[0-9]{10})))(?<CheckDigit_2>[0-9])",
            r"|(?<SerialNumber_3>94[0-9]{3}(?:9[0-9]{8}(?:[0-9]{15}|[0-9]{11}|[0-9]{7})|[0-8][0-9]{5}(?:[0-9]{14}|[0-9]{10})))(?<CheckDigit_3>[0-9])",
        ),
        checksum: Some(Checksum::Mod10 {
            evens: 3,
            odds: 1,
            reverse: true,
        }),
        prepend_if_missing: None,
        expected: "22 to 34 digits with 94",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/usps.json, "usps_legacy".
    KindSpec {
        carrier: Carrier::Usps,
        id: "usps_legacy",
        name: "USPS Legacy",
        pattern: r"(?:(?<RoutingApplicationId>420)(?<DestinationZip>[0-9]{5})(?<DestinationZipPlus4>[0-9]{4})?)?(?<SerialNumber>(?<ApplicationIdentifier>91)?(?<ServiceType>[0-9]{2})(?<ShipperId>[0-9]{9})(?<PackageId>[0-9]{8}))(?<CheckDigit>[0-9])",
        checksum: Some(Checksum::Mod10 {
            evens: 3,
            odds: 1,
            reverse: false,
        }),
        prepend_if_missing: Some("91"),
        expected: "20 to 34 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/usps.json, "usps_impb_c", without its
    // lookaheads (see usps_impb_n): 92 takes a shipper ID starting with 9 (9 digits, then a
    // package ID of 11 or 7), 93 one starting with 0-8 (6 digits, then 14 or 10), 95 either; the
    // serial and its check digit are 22 or 26 digits. A ZIP+4 comes only before 22 digits (tried
    // first), 420 and a 5-digit ZIP code before either. So: 420 + ZIP+4 + 22 | (420 + ZIP)? + 22
    // or 26 digits. tests/tracking_rules.rs checks it against the source's pattern.
    KindSpec {
        carrier: Carrier::Usps,
        id: "usps_impb_c",
        name: "USPS IMpb C",
        pattern: concat!(
            r"(?<RoutingApplicationId>420)(?<DestinationZip>[0-9]{5})(?<DestinationZipPlus4>[0-9]{4})(?<SerialNumber>(?:(?:92|95)[0-9]{3}9[0-9]{8}[0-9]{7}|(?:93|95)[0-9]{3}[0-8][0-9]{5}[0-9]{10}))(?<CheckDigit>[0-9])",
            r"|(?:420(?<DestinationZip_2>[0-9]{5}))?(?<SerialNumber_2>(?:(?:92|95)[0-9]{3}9[0-9]{8}(?:[0-9]{11}|[0-9]{7})|(?:93|95)[0-9]{3}[0-8][0-9]{5}(?:[0-9]{14}|[0-9]{10})))(?<CheckDigit_2>[0-9])",
        ),
        checksum: Some(Checksum::Mod10 {
            evens: 3,
            odds: 1,
            reverse: false,
        }),
        prepend_if_missing: None,
        expected: "22 to 34 digits with 92, 93 or 95",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/yodel.json, "yodel".
    KindSpec {
        carrier: Carrier::Yodel,
        id: "yodel",
        name: "Yodel",
        pattern: r"J(J)?D(?<SerialNumber>[0-9]{16})",
        checksum: None,
        prepend_if_missing: None,
        expected: "JD or JJD and 16 digits",
    },
    // Source: tracking_number_data v2.0.0 (MIT), couriers/yunexpress.json, "yunexpress".
    KindSpec {
        carrier: Carrier::Yunexpress,
        id: "yunexpress",
        name: "YunExpress",
        pattern: r"YT(?<SerialNumber>[0-9]{16})",
        checksum: None,
        prepend_if_missing: None,
        expected: "YT and 16 digits",
    },
    // India Post: UPU S10 numbers (2 service letters, 8 digits, check digit, "IN"); check digit
    // per UPU S10 (tracking_number_data v2.0.0, CHECKSUM_ALGORITHMS.md "s10").
    KindSpec {
        carrier: Carrier::IndiaPost,
        id: "india_post_s10",
        name: "India Post (UPU S10)",
        pattern: r"(?<ServiceType>[A-Z]{2})(?<SerialNumber>[0-9]{8})(?<CheckDigit>[0-9])IN",
        checksum: Some(Checksum::S10),
        prepend_if_missing: None,
        expected: "2 letters, 9 digits and IN",
    },
    // Blue Dart: 11-digit waybill numbers (bluedart.com waybill tracking); no check digit is
    // published: shape only.
    KindSpec {
        carrier: Carrier::BlueDart,
        id: "blue_dart_awb",
        name: "Blue Dart waybill",
        pattern: r"[0-9]{11}",
        checksum: None,
        prepend_if_missing: None,
        expected: "11 digits",
    },
    // DTDC: consignment numbers of one letter and 8 digits (dtdc.in tracking); no check digit is
    // published: shape only.
    KindSpec {
        carrier: Carrier::Dtdc,
        id: "dtdc_consignment",
        name: "DTDC consignment",
        pattern: r"[A-Z][0-9]{8}",
        checksum: None,
        prepend_if_missing: None,
        expected: "one letter and 8 digits",
    },
    // Delhivery: 13- or 14-digit waybills (delhivery.com tracking); no check digit is published:
    // shape only.
    KindSpec {
        carrier: Carrier::Delhivery,
        id: "delhivery_waybill",
        name: "Delhivery waybill",
        pattern: r"[0-9]{13,14}",
        checksum: None,
        prepend_if_missing: None,
        expected: "13 or 14 digits",
    },
    // Ecom Express: 9- to 12-digit AWB numbers (ecomexpress.in tracking); no check digit is
    // published: shape only.
    KindSpec {
        carrier: Carrier::EcomExpress,
        id: "ecom_express_awb",
        name: "Ecom Express AWB",
        pattern: r"[0-9]{9,12}",
        checksum: None,
        prepend_if_missing: None,
        expected: "9 to 12 digits",
    },
    // Xpressbees: 12- to 16-digit AWB numbers (xpressbees.com tracking); no check digit is
    // published: shape only.
    KindSpec {
        carrier: Carrier::Xpressbees,
        id: "xpressbees_awb",
        name: "Xpressbees AWB",
        pattern: r"[0-9]{12,16}",
        checksum: None,
        prepend_if_missing: None,
        expected: "12 to 16 digits",
    },
    // Ekart: four letters (FMPC, FMPP, SRTP, …) and 10 digits (ekartlogistics.com tracking); no
    // check digit is published: shape only.
    KindSpec {
        carrier: Carrier::Ekart,
        id: "ekart_tracking",
        name: "Ekart tracking ID",
        pattern: r"[A-Z]{4}[0-9]{10}",
        checksum: None,
        prepend_if_missing: None,
        expected: "4 letters and 10 digits",
    },
    // Shadowfax: SF, 9 to 12 digits and up to 3 letters (shadowfax.in tracking); no check digit
    // is published: shape only.
    KindSpec {
        carrier: Carrier::Shadowfax,
        id: "shadowfax_awb",
        name: "Shadowfax AWB",
        pattern: r"SF[0-9]{9,12}[A-Z]{0,3}",
        checksum: None,
        prepend_if_missing: None,
        expected: "SF, 9 to 12 digits and up to 3 letters",
    },
    // Amazon Shipping India: 12-digit AWBs, or Amazon Logistics TBA/TBI numbers (amazon.in
    // shipping); no check digit is published: shape only.
    KindSpec {
        carrier: Carrier::AmazonShippingIndia,
        id: "amazon_shipping_india",
        name: "Amazon Shipping India",
        pattern: r"[0-9]{12}|TB[AI][0-9]{12}",
        checksum: None,
        prepend_if_missing: None,
        expected: "12 digits, or TBA and 12 digits",
    },
];
