package com.track.core

/*
 * The types the core sends, each with its decoder next to it: the decoder reads every field of the
 * Rust type's JSON (by its serde name). The drift test (TrackCoreTest, "drift") decodes a sample
 * of every Rust type with these decoders and fails when a field, an enum code, an exception or a
 * native entry point differs between the two sides. Enums map a code this version does not know
 * to UNKNOWN (a newer core), never to an exception.
 */

/** Where an order stands on the phone. [code] is the core's stable wire code. */
enum class OrderStatus(override val code: String) : Coded {
    PENDING("pending"), OUT_FOR_DELIVERY("ofd"), DELIVERED("delivered"), UNDELIVERABLE("undeliverable"), REJECTED("rejected"),
    /** A status this version of the library does not know. */
    UNKNOWN("");
    companion object { fun of(code: String) = codeOf(code, UNKNOWN) }
}

/** How an order is fulfilled; only Self-Delivery orders are the DA's to scan. */
enum class Channel(override val code: String) : Coded {
    SELF_DELIVERY("self-delivery"), FBA("fba"), EASY_SHIP("easy-ship"), SELLER_FULFILLED("seller-fulfilled"), UNKNOWN("");
    companion object { fun of(code: String) = codeOf(code, UNKNOWN) }
}

/** The kind of a recorded scan. */
enum class ScanKind(override val code: String) : Coded {
    OUT_FOR_DELIVERY("ofd"), DELIVERED("delivered"), UNDELIVERABLE("undeliverable"), REJECTED("rejected"),
    /** Working hours closed while the order was still out: it left the itinerary. */
    LEFT_ITINERARY("left-itinerary"), UNKNOWN("");
    companion object { fun of(code: String) = codeOf(code, UNKNOWN) }
}

/** Where a recorded scan is on its way to the server. */
enum class EventState(override val code: String) : Coded {
    PENDING("pending"), SENT("sent"), ACKNOWLEDGED("acknowledged"), REJECTED("rejected"), CONFLICT("conflict"), UNKNOWN("");
    companion object { fun of(code: String) = codeOf(code, UNKNOWN) }
}

/** Why a parcel could not be delivered this time (it may be re-attempted). */
enum class UndeliverableReason(override val code: String) : Coded {
    CUSTOMER_NOT_AVAILABLE("customer-not-available"), MISSED_DELIVERY("missed-delivery"),
    UNABLE_TO_LOCATE_ADDRESS("unable-to-locate-address"), UNABLE_TO_LOCATE_CUSTOMER("unable-to-locate-customer"),
}

/** Why the customer rejected a parcel (final: it goes back to the seller). */
enum class RejectReason(override val code: String) : Coded { NOT_REQUIRED("not-required"), ORDER_MISMATCH("order-mismatch"), DAMAGED("damaged") }

/** To whom a parcel was handed. [OTHER] needs the person's name. */
enum class RecipientKind(override val code: String) : Coded {
    CUSTOMER("customer"), FAMILY_MEMBER("family-member"), NEIGHBOUR("neighbour"), SECURITY_GUARD("security-guard"), OTHER("other");
    /** The kind of [code], or null for a kind this version does not know (a newer core). */
    companion object { fun of(code: String): RecipientKind? = entries.firstOrNull { it.code == code } }
}

/** What an Out for Delivery scan did. */
enum class OfdOutcome(override val code: String) : Coded {
    ADDED("added"), ALREADY_SCANNED("already-scanned"), ALREADY_OUT_FOR_DELIVERY("already-out-for-delivery"), UNKNOWN("");
    companion object { fun of(code: String) = codeOf(code, UNKNOWN) }
}

data class OfdResult(val outcome: OfdOutcome, val count: Int) {
    internal companion object { fun from(m: Obj) = OfdResult(OfdOutcome.of(m.str("outcome")), m.int("count")) }
}

/**
 * Where the phone was at a scan. [fixTimeMs] is when the platform fixed it (milliseconds since the
 * epoch, UTC, `android.location.Location.time`): required on a scan call (0 is refused as
 * [TrackException.InvalidArgument], as is a fix more than 10 minutes after the scan or more than
 * 24 hours before it), recorded with the event and synced to the server; 0 in locations read back
 * from events recorded before the fix time was kept.
 */
data class Location(val latitude: Double, val longitude: Double, val accuracyM: Double, val fixTimeMs: Long = 0) {
    internal companion object {
        fun from(m: Obj) = Location(
            m.double("latitude"), m.double("longitude"), m.double("accuracy_m"),
            if (m.keys.contains("fix_time_ms")) m.long("fix_time_ms") else 0,
        )
    }
}

/**
 * A proof-of-delivery photo the app took: the path of its JPEG file in the app's storage (not a
 * content URI) and, when the app computed it, its SHA-256 in hex (checked by the core). The core
 * takes a copy when the delivery is recorded (a JPEG of at most 4 MiB, else the delivery is
 * refused with [TrackException.InvalidArgument]) and uploads it after the Delivered event was
 * accepted; the event records its SHA-256. The app may delete its file afterwards.
 */
data class PodPhoto(val path: String, val sha256: String? = null)

/** To whom a parcel was handed; [kind] is null for a kind this version does not know (a newer core). */
data class Recipient(val kind: RecipientKind?, val name: String?) {
    internal companion object {
        fun from(m: Obj) = Recipient(RecipientKind.of(m.str("kind")), if (m.keys.contains("name")) m.strOrNull("name") else null)
    }
}

/** One recorded scan, as kept until the server acknowledges it. */
data class ScanEvent(
    val eventId: String, val seq: Long, val kind: ScanKind, val trackingId: String, val orderId: String, val reason: String?,
    val recipient: Recipient?, val deviceTime: String, val localOffsetS: Int, val location: Location?,
    /** The photo's reference (its SHA-256) for a delivery with a proof-of-delivery photo. */
    val podPhoto: String?, val state: EventState,
) {
    internal companion object {
        fun from(m: Obj) = ScanEvent(
            m.str("event_id"), m.long("seq"), ScanKind.of(m.str("kind")), m.str("tracking_id"), m.str("order_id"), m.strOrNull("reason"),
            m.objOrNull("recipient")?.let(Recipient::from), m.str("device_time"), m.int("local_offset_s"),
            m.objOrNull("location")?.let(Location::from), m.strOrNull("pod_photo"), EventState.of(m.str("state")),
        )
    }
}

/**
 * Why the server refused a synced scan for good; [code] is the sync protocol's stable code.
 * [UNKNOWN] stands for a code this version does not know (the refusal's `code` keeps it).
 */
enum class RefusalReason(override val code: String) : Coded {
    UNKNOWN_ORDER("unknown_order"), ORDER_MISMATCH("order_mismatch"), NOT_SELF_DELIVERY("not_self_delivery"),
    INVALID_TRANSITION("invalid_transition"),
    /** The order is out for delivery with another DA. */
    NOT_ON_YOUR_ITINERARY("not_on_your_itinerary"),
    OUTSIDE_WORKING_HOURS("outside_working_hours"),
    /** The phone's clock ran more than 10 minutes ahead of the server's. */
    AHEAD_OF_SERVER_CLOCK("ahead_of_server_clock"),
    BEFORE_SHIPMENT("before_shipment"), ATTEMPTS_EXHAUSTED("attempts_exhausted"), OUT_OF_ORDER("out_of_order"),
    TIME_OUT_OF_RANGE("time_out_of_range"), LOCAL_OFFSET_OUT_OF_RANGE("local_offset_out_of_range"),
    MISSING_REASON("missing_reason"), INVALID_REASON("invalid_reason"), UNEXPECTED_REASON("unexpected_reason"),
    MISSING_RECIPIENT("missing_recipient"), UNEXPECTED_RECIPIENT("unexpected_recipient"), INVALID_RECIPIENT("invalid_recipient"),
    INVALID_LOCATION("invalid_location"), INVALID_POD_PHOTO("invalid_pod_photo"), INVALID_SEQ("invalid_seq"), INVALID_ID("invalid_id"),
    INVALID_TRACKING_ID("invalid_tracking_id"), INVALID_ORDER_ID("invalid_order_id"), EVENT_ID_TAKEN("event_id_taken"),
    /** The server could not check the scan (its own data was unreadable). */
    SERVER_ERROR("server_error"),
    /** A code this version does not know (a newer server or core). */
    UNKNOWN("unknown");
    companion object { fun of(code: String) = codeOf(code, UNKNOWN) }
}

/**
 * A scan the server refused for good, kept on the phone for the DA: the refused [event], the typed
 * [reason] and the server's [code] as sent, its [message], and when the phone received the refusal
 * ([refusedAt], RFC 3339).
 */
data class RefusedScan(val event: ScanEvent, val reason: RefusalReason, val code: String, val message: String, val refusedAt: String) {
    internal companion object {
        fun from(m: Obj) = RefusedScan(
            ScanEvent.from(m.objOrNull("event") ?: throw IllegalStateException("track-core: a refusal without its event")),
            RefusalReason.of(m.str("reason")), m.str("code"), m.str("message"), m.str("refused_at"),
        )
    }
}

/** [refused]: the server refused the order's latest answered scan ("refused by server: REASON"). */
data class ItineraryEntry(
    val trackingId: String, val orderId: String, val customerName: String, val address: String,
    val status: OrderStatus, val attempts: Int, val refused: RefusalReason? = null,
) {
    internal companion object {
        fun from(m: Obj) = ItineraryEntry(
            m.str("tracking_id"), m.str("order_id"), m.str("customer_name"), m.str("address"), OrderStatus.of(m.str("status")), m.int("attempts"),
            m.strOrNull("refused")?.let(RefusalReason::of),
        )
    }
}

data class OrderDetails(
    val orderId: String, val trackingId: String, val channel: Channel, val seller: String,
    val customerName: String, val address: String, val phone: String,
    /** `tel:` URI for the call button; null when the phone number is unusable. */
    val phoneUri: String?, val status: OrderStatus, val attempts: Int,
    /** The local day (YYYY-MM-DD) of the itinerary the order is (or was last) on. */
    val itineraryDay: String? = null,
    val onTodaysItinerary: Boolean = false,
    /** The order's recorded scans, oldest first. */
    val events: List<ScanEvent> = emptyList(),
    /**
     * The server refused the order's latest answered scan: show "refused by server: REASON"
     * whatever [status] says on the phone. Null when nothing stands refused.
     */
    val refused: RefusedScan? = null,
) {
    internal companion object {
        fun from(m: Obj) = OrderDetails(
            m.str("order_id"), m.str("tracking_id"), Channel.of(m.str("channel")), m.str("seller"), m.str("customer_name"),
            m.str("address"), m.str("phone"), m.strOrNull("phone_uri"), OrderStatus.of(m.str("status")), m.int("attempts"),
            m.strOrNull("itinerary_day"), m.bool("on_todays_itinerary"), m.objects("events").map(ScanEvent::from),
            m.objOrNull("refused")?.let(RefusedScan::from),
        )
    }
}

data class DailySummary(
    val day: String, val outForDelivery: Int, val delivered: Int, val undeliverable: Int, val rejected: Int,
    val leftItinerary: Int, val stillOut: Int, val successful: Int,
    /** Successful workflows over workflows; null on a day without any. */
    val successRate: Double?,
) {
    internal companion object {
        fun from(m: Obj) = DailySummary(
            m.str("day"), m.int("out_for_delivery"), m.int("delivered"), m.int("undeliverable"), m.int("rejected"),
            m.int("left_itinerary"), m.int("still_out"), m.int("successful"), m.doubleOrNull("success_rate"),
        )
    }
}

/**
 * [conflicts]: events whose ID the server holds with other content; those scans are not on the server.
 * [lastErrorAt]: when [lastError] happened (RFC 3339), null when there is none.
 */
data class SyncStatus(
    val pending: Long, val rejected: Long, val lastSuccess: String?, val lastError: String?, val conflicts: Long = 0,
    val lastErrorAt: String? = null,
    /** Delivery photos not yet uploaded; problem reports not yet sent to support. */
    val photosWaiting: Long = 0, val reportsWaiting: Long = 0,
) {
    internal companion object {
        fun from(m: Obj) = SyncStatus(
            m.long("pending"), m.long("rejected"), m.strOrNull("last_success"), m.strOrNull("last_error"), m.long("conflicts"), m.strOrNull("last_error_at"),
            m.long("photos_waiting"), m.long("reports_waiting"),
        )
    }
}

/**
 * What one sync did: [accepted] events recorded by the server now, [duplicates] already there,
 * [refused] the scans it refused for good in this sync with their typed reasons (also kept:
 * [TrackCore.refusedScans]; [rejected] is their count), [conflicts] events whose ID holds other
 * content there (kept, not acknowledged), [retryLater] events to send again, [queued] events still
 * waiting on the phone after the sync; [sent] events sent and [requests] HTTP requests made.
 */
data class SyncReport(
    val sent: Long, val accepted: Long, val duplicates: Long, val rejected: Long, val retryLater: Long, val conflicts: Long = 0,
    val requests: Long = 0, val refused: List<RefusedScan> = emptyList(), val queued: Long = 0,
    /** Delivery photos uploaded, refused for good, and still waiting after the sync. */
    val photosUploaded: Long = 0, val photosRefused: Long = 0, val photosWaiting: Long = 0,
    /** Problem reports sent to support in this sync, and still waiting. */
    val reportsSent: Long = 0, val reportsWaiting: Long = 0,
) {
    internal companion object {
        fun from(m: Obj) = SyncReport(
            m.long("sent"), m.long("accepted"), m.long("duplicates"), m.long("rejected"), m.long("retry_later"), m.long("conflicts"), m.long("requests"),
            m.objects("refused").map(RefusedScan::from), m.long("queued"),
            m.long("photos_uploaded"), m.long("photos_refused"), m.long("photos_waiting"), m.long("reports_sent"), m.long("reports_waiting"),
        )
    }
}

data class Session(val token: String, val daId: String, val sellerId: String, val expiresAt: String) {
    internal companion object { fun from(m: Obj) = Session(m.str("token"), m.str("da_id"), m.str("seller_id"), m.str("expires_at")) }
}

/** One carrier and kind a tracking ID fits; [checkDigit]: a check digit was verified. */
data class TrackingCandidate(val carrier: String, val kind: String, val kindName: String, val checkDigit: Boolean) {
    internal companion object {
        fun from(m: Obj) = TrackingCandidate(m.str("carrier"), m.str("kind"), m.str("kind_name"), m.bool("check_digit"))
    }
}

/** A tracking ID checked: its normal form and every carrier and kind it fits, verified ones first. */
data class DetectedTracking(val normalized: String, val candidates: List<TrackingCandidate>) {
    internal companion object {
        fun from(m: Obj) = DetectedTracking(m.str("normalized"), m.objects("candidates").map(TrackingCandidate::from))
    }
}

/** What a camera frame brought. */
sealed class ScanResult {
    /** A confirmed label not yet in the batch. */
    data class Label(val trackingId: String, val orderId: String?, val format: String?) : ScanResult()
    /** A confirmed label already in the OFD batch. */
    data class AlreadyScanned(val trackingId: String) : ScanResult()
    /** Barcodes without a usable tracking ID; [message] says what to do. */
    data class BadScan(val message: String) : ScanResult()
    /** A result this version of the library does not know (a newer core). */
    data class Unknown(val kind: String) : ScanResult()

    internal companion object {
        val KINDS = listOf("label", "already-scanned", "bad-scan")

        fun from(m: Obj): ScanResult {
            val kind = m.str("kind")
            val trackingId = m.strOrNull("tracking_id")
            val orderId = m.strOrNull("order_id")
            val format = m.strOrNull("format")
            val message = m.strOrNull("message")
            return when (kind) {
                "label" -> Label(trackingId ?: "", orderId, format)
                "already-scanned" -> AlreadyScanned(trackingId ?: "")
                "bad-scan" -> BadScan(message ?: "")
                else -> Unknown(kind)
            }
        }
    }
}

/** What the camera scans for: labels for the OFD batch, or the label of the order the DA opened. */
sealed class ScanMode {
    object OutForDelivery : ScanMode()
    data class Delivery(val opened: String) : ScanMode()
}

/**
 * What a scan did, from a frame or a typed ID, once the rule of its mode applied: [outcome] is
 * `added`, `already-scanned`, `already-out-for-delivery`, `refused` (with [message], and the error
 * kind in [refusal]), `matches` or `mismatch` (the opened order in [expected]); [count] is the OFD
 * batch's size. [OUTCOMES] lists the codes.
 */
data class ScanOutcome(
    val outcome: String,
    val trackingId: String?,
    val count: Int? = null,
    val expected: String? = null,
    val message: String? = null,
    val refusal: String? = null,
) {
    companion object {
        val OUTCOMES = listOf("added", "already-scanned", "already-out-for-delivery", "refused", "matches", "mismatch")

        internal fun from(m: Obj) = ScanOutcome(
            m.str("outcome"), m.strOrNull("tracking_id"), m.intOrNull("count"), m.strOrNull("expected"), m.strOrNull("message"), m.strOrNull("kind"),
        )
    }
}

/**
 * Working hours at one instant, for the DA's live notice (the core's rule, in the marketplace's
 * zone): [open] now with [secondsUntilClose] left today, or closed with [secondsUntilOpen] until
 * scanning opens at [opensAt] (today, or tomorrow after the close). Instants are RFC 3339 (UTC);
 * [opens] and [closes] are local `HH:MM` in [timeZone].
 */
data class WorkingHours(
    val open: Boolean, val now: String, val opensAt: String, val closesAt: String,
    val secondsUntilClose: Long?, val secondsUntilOpen: Long?, val opens: String, val closes: String, val timeZone: String,
) {
    internal companion object {
        fun from(m: Obj) = WorkingHours(
            m.bool("open"), m.str("now"), m.str("opens_at"), m.str("closes_at"), m.longOrNull("seconds_until_close"),
            m.longOrNull("seconds_until_open"), m.str("opens"), m.str("closes"), m.str("time_zone"),
        )
    }
}

/**
 * A problem report: the ID to quote to support and the diagnostic bundle (JSON, no customer data);
 * when filed ([TrackCore.fileProblemReport]), support answers within [answerWithinBusinessDays]
 * business days (null for a report only made, not filed).
 */
data class ProblemReport(val reportId: String, val bundleJson: String, val answerWithinBusinessDays: Int? = null)

/** The Kotlin side of the drift test: every decoder and every enum, by the Rust type's name. */
internal object Schema {
    val decoders: Map<String, (Obj) -> Any> = mapOf(
        "ItineraryEntry" to ItineraryEntry::from, "OrderDetails" to OrderDetails::from, "DailySummary" to DailySummary::from,
        "SyncStatus" to SyncStatus::from, "SyncReport" to SyncReport::from, "Session" to Session::from,
        "Detected" to DetectedTracking::from, "OfdResult" to OfdResult::from, "ScanResult" to ScanResult::from,
        "ScanOutcome" to ScanOutcome::from, "RefusedScan" to RefusedScan::from,
        "WorkingHours" to WorkingHours::from, "WorkingHoursClosed" to WorkingHours::from,
    )
    val opaque = listOf("ProblemReport")

    private inline fun <reified E> codes(): List<String> where E : Enum<E>, E : Coded =
        enumValues<E>().map { it.code }.filter { it.isNotEmpty() }

    val enums: Map<String, List<String>> = mapOf(
        "OrderStatus" to codes<OrderStatus>(), "Channel" to codes<Channel>(), "ScanKind" to codes<ScanKind>(),
        "EventState" to codes<EventState>(), "UndeliverableReason" to codes<UndeliverableReason>(),
        "RejectReason" to codes<RejectReason>(), "RecipientKind" to codes<RecipientKind>(), "RefusalReason" to codes<RefusalReason>(),
        "ScanOutcome" to ScanOutcome.OUTCOMES, "OfdOutcome" to codes<OfdOutcome>(), "ScanResultKind" to ScanResult.KINDS,
    )
}
