package com.track.core

/** Where an order stands on the phone. [code] is the core's stable wire code. */
enum class OrderStatus(val code: String) {
    PENDING("pending"), OUT_FOR_DELIVERY("ofd"), DELIVERED("delivered"), UNDELIVERABLE("undeliverable"), REJECTED("rejected");
    companion object { fun of(code: String) = entries.first { it.code == code } }
}

/** Why a parcel could not be delivered this time (it may be re-attempted). */
enum class UndeliverableReason(val code: String) {
    CUSTOMER_NOT_AVAILABLE("customer-not-available"), MISSED_DELIVERY("missed-delivery"),
    UNABLE_TO_LOCATE_ADDRESS("unable-to-locate-address"), UNABLE_TO_LOCATE_CUSTOMER("unable-to-locate-customer"),
}

/** Why the customer rejected a parcel (final: it goes back to the seller). */
enum class RejectReason(val code: String) { NOT_REQUIRED("not-required"), ORDER_MISMATCH("order-mismatch"), DAMAGED("damaged") }

/** To whom a parcel was handed. [OTHER] needs the person's name. */
enum class RecipientKind(val code: String) {
    CUSTOMER("customer"), FAMILY_MEMBER("family-member"), NEIGHBOUR("neighbour"), SECURITY_GUARD("security-guard"), OTHER("other"),
}

/** What an Out for Delivery scan did. */
enum class OfdOutcome { ADDED, ALREADY_SCANNED, ALREADY_OUT_FOR_DELIVERY }

data class OfdResult(val outcome: OfdOutcome, val count: Int)

data class ItineraryEntry(
    val trackingId: String, val orderId: String, val customerName: String, val address: String,
    val status: OrderStatus, val attempts: Int,
)

data class OrderDetails(
    val orderId: String, val trackingId: String, val channel: String, val seller: String,
    val customerName: String, val address: String, val phone: String,
    /** `tel:` URI for the call button; null when the phone number is unusable. */
    val phoneUri: String?, val status: OrderStatus, val attempts: Int,
)

data class DailySummary(
    val day: String, val outForDelivery: Int, val delivered: Int, val undeliverable: Int, val rejected: Int,
    val leftItinerary: Int, val stillOut: Int, val successful: Int,
    /** Successful workflows over workflows; null on a day without any. */
    val successRate: Double?,
)

/** [conflicts]: events whose ID the server holds with other content; those scans are not on the server. */
data class SyncStatus(val pending: Long, val rejected: Long, val lastSuccess: String?, val lastError: String?, val conflicts: Long = 0)

/** [conflicts]: events the server answered `conflict` (their ID holds other content there): kept, not acknowledged. */
data class SyncReport(val sent: Long, val accepted: Long, val duplicates: Long, val rejected: Long, val retryLater: Long, val conflicts: Long = 0)

data class Session(val token: String, val daId: String, val sellerId: String, val expiresAt: String)

/** What a camera frame brought. */
sealed class ScanResult {
    /** A confirmed label not yet in the batch. */
    data class Label(val trackingId: String, val orderId: String?, val format: String?) : ScanResult()
    /** A confirmed label already in the OFD batch. */
    data class AlreadyScanned(val trackingId: String) : ScanResult()
    /** Barcodes without a usable tracking ID; [message] says what to do. */
    data class BadScan(val message: String) : ScanResult()
}

/**
 * What a scan did, from a frame or a typed ID, once the rule of its mode applied: [outcome] is
 * `added`, `already-scanned`, `already-out-for-delivery`, `refused` (with [message]), `matches` or
 * `mismatch` (the opened order in [expected]); [count] is the OFD batch's size.
 */
data class ScanOutcome(
    val outcome: String,
    val trackingId: String?,
    val count: Int? = null,
    val expected: String? = null,
    val message: String? = null,
)

/** A problem report: the ID to quote to support and the diagnostic bundle (JSON, no customer data). */
data class ProblemReport(val reportId: String, val bundleJson: String)
