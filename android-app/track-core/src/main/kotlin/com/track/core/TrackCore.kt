package com.track.core

import java.nio.ByteBuffer
import java.util.concurrent.locks.ReentrantReadWriteLock
import kotlin.concurrent.read
import kotlin.concurrent.write

/**
 * The track core on one database: the DA's day, the OFD batch, the scanner, sync.
 *
 * Threads: every method blocks (SQLite, network for [sync] and [login]): call them from a
 * background executor, never the main thread. They are safe to call from several threads at once
 * (the core serialises writes). [close] waits for calls in progress, frees the native core, and
 * is harmless when repeated; any call after it throws [IllegalStateException].
 *
 * Errors are [TrackException]s (a sealed family) with a message for the DA.
 */
class TrackCore private constructor(private var handle: Long) : AutoCloseable {
    private val lock = ReentrantReadWriteLock()

    companion object {
        /**
         * Opens (or creates) the core's database at [path]. [timeZone] is the marketplace's IANA zone
         * (working hours 06:00 to 22:00 there). [key] (32 bytes, kept in the Android Keystore) seals
         * the customers' names, addresses and phones at rest; a wrong key is a
         * [TrackException.Storage]. [fixedTimeMs] pins the core's clock (tests, demos); null uses
         * the system clock.
         */
        @JvmStatic
        @JvmOverloads
        fun open(path: String, timeZone: String = "Asia/Kolkata", key: ByteArray? = null, fixedTimeMs: Long? = null): TrackCore =
            TrackCore(Native.nativeOpen(path, timeZone, key, fixedTimeMs ?: 0L))

        /**
         * Android only, once, before the first sync: gives the TLS certificate verifier (the
         * platform's trust store, through rustls-platform-verifier) the application Context.
         */
        @JvmStatic
        fun initAndroid(applicationContext: Any) = Native.nativeInitAndroid(applicationContext)

        /** The core library's version. */
        @JvmStatic
        fun version(): String = Native.nativeVersion()

        /** Logs in to the sync server; the token goes to [sync]. */
        @JvmStatic
        fun login(serverUrl: String, login: String, password: String, sellerId: String): Session {
            val m = Json.parse(Native.nativeLogin(serverUrl, login, password, sellerId)).obj()
            return Session(m.str("token"), m.str("da_id"), m.str("seller_id"), m.str("expires_at"))
        }

        /** Creates a DA's account on the sync server; returns its ID. */
        @JvmStatic
        fun createAccount(serverUrl: String, name: String, phone: String, password: String, sellerId: String): String =
            Native.nativeCreateAccount(serverUrl, name, phone, password, sellerId)

        /** Every carrier and kind a tracking ID fits, as `carrier:kind` codes, verified ones first. */
        @JvmStatic
        fun detectTracking(id: String): List<String> =
            Json.parse(Native.nativeDetectTracking(id)).obj()["candidates"].list().map { val c = it.obj(); "${c.str("carrier")}:${c.str("kind")}" }
    }

    private inline fun <T> live(f: (Long) -> T): T = lock.read {
        check(handle != 0L) { "TrackCore is closed" }
        f(handle)
    }

    override fun close() = lock.write {
        if (handle != 0L) {
            Native.nativeClose(handle)
            handle = 0L
        }
    }

    val isClosed: Boolean get() = lock.read { handle == 0L }

    /** Imports orders (a JSON array as the sync server sends them); returns how many. */
    fun importOrdersJson(json: String): Int = live { Native.nativeImportOrders(it, json) }

    /** Adds a label to the pending OFD batch. */
    fun scanOfd(label: String): OfdResult = live {
        val m = Json.parse(Native.nativeScanOfd(it, label)).obj()
        val outcome = when (m.str("outcome")) {
            "added" -> OfdOutcome.ADDED
            "already-scanned" -> OfdOutcome.ALREADY_SCANNED
            else -> OfdOutcome.ALREADY_OUT_FOR_DELIVERY
        }
        OfdResult(outcome, m.int("count"))
    }

    /** The labels in the pending OFD batch. */
    fun ofdBatch(): List<String> = live { Json.parse(Native.nativeOfdBatch(it)).list().map { s -> s as String } }

    /** Confirms the batch: every order goes Out for Delivery on today's itinerary. Returns how many. */
    fun confirmOfd(): Int = live { Native.nativeConfirmOfd(it) }

    /** Discards the pending batch. Returns how many labels it held. */
    fun cancelOfd(): Int = live { Native.nativeCancelOfd(it) }

    /** Today's itinerary. */
    fun itinerary(): List<ItineraryEntry> = live {
        Json.parse(Native.nativeItinerary(it)).list().map { e ->
            val m = e.obj()
            ItineraryEntry(m.str("tracking_id"), m.str("order_id"), m.str("customer_name"), m.str("address"), OrderStatus.of(m.str("status")), m.int("attempts"))
        }
    }

    /** One order's details, for the order screen and its call button. */
    fun orderDetails(trackingId: String): OrderDetails = live {
        val m = Json.parse(Native.nativeOrderDetails(it, trackingId)).obj()
        OrderDetails(
            m.str("order_id"), m.str("tracking_id"), m.str("channel"), m.str("seller"), m.str("customer_name"),
            m.str("address"), m.str("phone"), m.strOrNull("phone_uri"), OrderStatus.of(m.str("status")), m.int("attempts"),
        )
    }

    /** Delivers the opened order after scanning its label; returns the event's sequence number. */
    @JvmOverloads
    fun deliver(openedTrackingId: String, scannedLabel: String, recipient: RecipientKind, recipientName: String? = null): Long =
        live { Native.nativeDeliver(it, openedTrackingId, scannedLabel, recipient.code, recipientName) }

    fun markUndeliverable(trackingId: String, reason: UndeliverableReason): Long = live { Native.nativeUndeliverable(it, trackingId, reason.code) }

    fun reject(trackingId: String, reason: RejectReason): Long = live { Native.nativeReject(it, trackingId, reason.code) }

    /** Closes the day now if working hours are over; returns how many orders left the itinerary. */
    fun closeDay(): Int = live { Native.nativeCloseDay(it) }

    /** The daily summary of [day] (YYYY-MM-DD; today when null). */
    @JvmOverloads
    fun summary(day: String? = null): DailySummary = live {
        val m = Json.parse(Native.nativeSummary(it, day)).obj()
        DailySummary(
            m.str("day"), m.int("out_for_delivery"), m.int("delivered"), m.int("undeliverable"), m.int("rejected"),
            m.int("left_itinerary"), m.int("still_out"), m.int("successful"), m.doubleOrNull("success_rate"),
        )
    }

    /**
     * A problem report: [ProblemReport.reportId] for the DA to quote to support, and the diagnostic
     * bundle (versions, outbox counts, kinds of recent errors; no customer data) as JSON to send.
     */
    fun problemReport(appVersion: String): ProblemReport = live {
        val json = Native.nativeProblemReport(it, appVersion)
        ProblemReport(Json.parse(json).obj().str("report_id"), json)
    }

    fun syncStatus(): SyncStatus = live {
        val m = Json.parse(Native.nativeSyncStatus(it)).obj()
        SyncStatus(m.long("pending"), m.long("rejected"), m.strOrNull("last_success"), m.strOrNull("last_error"), m.long("conflicts"))
    }

    /** Pushes the outbox to the server (and fetches the seller's orders first when [fetchOrders]). */
    @JvmOverloads
    fun sync(serverUrl: String, token: String, batchSize: Int = 100, fetchOrders: Boolean = false): SyncReport = live {
        val m = Json.parse(Native.nativeSync(it, serverUrl, token, batchSize, fetchOrders)).obj()
        SyncReport(m.long("sent"), m.long("accepted"), m.long("duplicates"), m.long("rejected"), m.long("retry_later"), m.long("conflicts"))
    }

    /**
     * Feeds one camera frame (CameraX's Y plane as a direct [ByteBuffer], read in place) to the
     * scanner; returns what it confirmed, or null. Geometry errors are [IllegalArgumentException].
     * [crop] is `[left, top, width, height]` in buffer coordinates, or null.
     */
    @JvmOverloads
    fun scanFrame(y: ByteBuffer, width: Int, height: Int, rowStride: Int, pixelStride: Int = 1, rotation: Int = 0, crop: IntArray? = null): ScanResult? = live {
        val c = crop ?: IntArray(4)
        require(c.size == 4) { "crop is [left, top, width, height]" }
        scanResult(Native.nativeScanFrame(it, y, width, height, rowStride, pixelStride, rotation, c[0], c[1], c[2], c[3]))
    }

    /** As [scanFrame], from a byte array. */
    @JvmOverloads
    fun scanFrame(y: ByteArray, width: Int, height: Int, rowStride: Int = width, pixelStride: Int = 1, rotation: Int = 0, crop: IntArray? = null): ScanResult? = live {
        val c = crop ?: IntArray(4)
        require(c.size == 4) { "crop is [left, top, width, height]" }
        scanResult(Native.nativeScanFrameBytes(it, y, width, height, rowStride, pixelStride, rotation, c[0], c[1], c[2], c[3]))
    }

    /**
     * One camera frame through the whole scan: decoded, confirmed over frames, the tracking ID
     * picked and the rule applied (Out for Delivery, or delivery of [opened]); null while no label
     * is confirmed.
     */
    @JvmOverloads
    fun scanFrameOutcome(y: ByteArray, width: Int, height: Int, rowStride: Int = width, pixelStride: Int = 1, rotation: Int = 0, crop: IntArray? = null, opened: String? = null): ScanOutcome? = live {
        val c = crop ?: IntArray(4)
        require(c.size == 4) { "crop is [left, top, width, height]" }
        scanOutcome(Native.nativeScanFrameOutcome(it, opened, y, width, height, rowStride, pixelStride, rotation, c[0], c[1], c[2], c[3]))
    }

    /** A tracking ID typed by hand: the same rule as a scanned label (Out for Delivery, or delivery of [opened]). */
    @JvmOverloads
    fun enterId(text: String, opened: String? = null): ScanOutcome = live {
        scanOutcome(Native.nativeEnterId(it, opened, text)) ?: throw IllegalStateException("no outcome")
    }

    private fun scanOutcome(json: String?): ScanOutcome? {
        val m = json?.let { Json.parse(it).obj() } ?: return null
        return ScanOutcome(m.str("outcome"), m.strOrNull("tracking_id"), (m["count"] as Number?)?.toInt(), m.strOrNull("expected"), m.strOrNull("message"))
    }

    private fun scanResult(json: String?): ScanResult? {
        val m = json?.let { Json.parse(it).obj() } ?: return null
        return when (m.str("kind")) {
            "label" -> ScanResult.Label(m.str("tracking_id"), m.strOrNull("order_id"), m.strOrNull("format"))
            "already-scanned" -> ScanResult.AlreadyScanned(m.str("tracking_id"))
            else -> ScanResult.BadScan(m.str("message"))
        }
    }
}
