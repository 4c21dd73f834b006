package com.track.core

/**
 * Every error of the core, as one sealed family: one class per kind, each with the stable [code]
 * (the core's error kind, refined for storage and sync failures), a message for the DA and the
 * fields a UI needs. The native library picks the class (android-bindings/src/error.rs, the one
 * mapping place); the drift test throws every kind through it and checks class, code and fields.
 *
 * Open bases group related kinds: [BadScan] (a label that cannot be used: [LabelMismatch],
 * [EmptyBatch]), [Storage] ([StorageFull], [WrongKey], [CorruptDatabase]) and [Sync] (nothing is
 * lost: recorded scans stay in the outbox; [SessionExpired], [WrongCredentials],
 * [NetworkUnreachable], [RejectedByServer], [ServerFailed], [BadServerUrl], [Protocol]).
 *
 * Bad arguments the JVM side can check (frame geometry, null strings) are
 * [IllegalArgumentException]; calls on a closed [TrackCore] are [IllegalStateException].
 */
sealed class TrackException(val code: String, message: String) : RuntimeException(message) {
    /** The fields a UI needs, by name (empty for most kinds). */
    open val fields: Map<String, Any?> get() = emptyMap()

    /** The label cannot be used: not a Self-Delivery order, not one of the DA's, already delivered… */
    open class BadScan(code: String, message: String) : TrackException(code, message)

    /** The label scanned at delivery is not the opened order's: check the parcel. */
    class LabelMismatch(code: String, message: String, val opened: String, val scanned: String) : BadScan(code, message) {
        override val fields get() = mapOf("opened" to opened, "scanned" to scanned)
    }

    /** No Out for Delivery batch is open: scan labels first. */
    class EmptyBatch(code: String, message: String) : BadScan(code, message)

    /** Scanning is allowed from [opensAt] to [closesAt] local time in [timeZone]; it is [now]. */
    class OutsideWorkingHours(code: String, message: String, val opensAt: String, val closesAt: String, val now: String, val timeZone: String) :
        TrackException(code, message) {
        override val fields get() = mapOf("opensAt" to opensAt, "closesAt" to closesAt, "now" to now, "timeZone" to timeZone)
    }

    /** The phone's date or time zone is out of range: fix the device's clock. */
    class ClockOutOfRange(code: String, message: String) : TrackException(code, message)

    /** The order is not on today's itinerary ([status] is its status code): scan it Out for Delivery first. */
    class NotOnItinerary(code: String, message: String, val trackingId: String, val status: String) : TrackException(code, message) {
        override val fields get() = mapOf("trackingId" to trackingId, "status" to status)
    }

    /** No order with this tracking ID on the phone: sync to fetch the seller's orders. */
    class OrderNotFound(code: String, message: String, val trackingId: String) : TrackException(code, message) {
        override val fields get() = mapOf("trackingId" to trackingId)
    }

    class InvalidTrackingId(code: String, message: String) : TrackException(code, message)

    /** An argument the core refused (unknown time zone, a key of the wrong size, a bad location…). */
    class InvalidArgument(code: String, message: String) : TrackException(code, message)

    /** The phone's database failed (read-only, locked, missing folder…). Nothing was recorded. */
    open class Storage(code: String, message: String) : TrackException(code, message)

    /** The phone's storage is full: nothing was recorded; free space and try again. */
    class StorageFull(code: String, message: String) : Storage(code, message)

    /** The customer details were sealed with another key (or need one). */
    class WrongKey(code: String, message: String) : Storage(code, message)

    /** The database is damaged, not a track database, or from a newer app. */
    class CorruptDatabase(code: String, message: String) : Storage(code, message)

    /** Sync failed; recorded scans are kept and go with the next sync. */
    open class Sync(code: String, message: String) : TrackException(code, message)

    /** The session expired or was revoked: log in again; the outbox is kept and sent after. */
    class SessionExpired(code: String, message: String) : Sync(code, message)

    /** Logging in was refused: wrong phone number, e-mail address, password or seller. */
    class WrongCredentials(code: String, message: String) : Sync(code, message)

    /** The server cannot be reached (or asked to wait [retryAfterSeconds], -1 when unknown): retry later. */
    class NetworkUnreachable(code: String, message: String, val retryAfterSeconds: Int) : Sync(code, message) {
        override val fields get() = mapOf("retryAfterSeconds" to retryAfterSeconds)
    }

    /** The server refused the request ([httpStatus] 4xx) for [reason] (its error code in [serverCode]). */
    class RejectedByServer(code: String, message: String, val httpStatus: Int, val serverCode: String?, val reason: String) : Sync(code, message) {
        override val fields get() = mapOf("httpStatus" to httpStatus, "serverCode" to serverCode, "reason" to reason)
    }

    /** The server failed ([httpStatus] 5xx): retry later. */
    class ServerFailed(code: String, message: String, val httpStatus: Int) : Sync(code, message) {
        override val fields get() = mapOf("httpStatus" to httpStatus)
    }

    /** The server address is not a URL, or plain HTTP to another host than the phone itself. */
    class BadServerUrl(code: String, message: String) : Sync(code, message)

    /** The server's answer could not be read (a server of another version?). */
    class Protocol(code: String, message: String) : Sync(code, message)
}
