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
 * Errors are [TrackException]s (a sealed family, one class per kind) with a message for the DA.
 *
 * Every call that records a scan ([confirmOfd], [deliver], [markUndeliverable], [reject]) takes
 * the phone's [Location] and, for a delivery, the [PodPhoto] (both optional).
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
        fun login(serverUrl: String, login: String, password: String, sellerId: String): Session =
            Session.from(Obj.parse(Native.nativeLogin(serverUrl, login, password, sellerId)))

        /**
         * Logs out: the server revokes [token] (later use is [TrackException.SessionExpired]).
         * Nothing on the phone changes: recorded scans stay in the outbox for the next session.
         */
        @JvmStatic
        fun logout(serverUrl: String, token: String) = Native.nativeLogout(serverUrl, token)

        /**
         * Creates a DA's account on the sync server; returns its ID. [phone] is the DA's Indian
         * mobile number (the server requires one); [email], when given, is a second login. The
         * seller must have registered the phone for the account to see orders.
         */
        @JvmStatic
        @JvmOverloads
        fun createAccount(serverUrl: String, name: String, phone: String, password: String, sellerId: String, email: String? = null): String =
            Native.nativeCreateAccount(serverUrl, name, phone, email, password, sellerId)

        /** Every carrier and kind a tracking ID fits, as `carrier:kind` codes, verified ones first. */
        @JvmStatic
        fun detectTracking(id: String): List<String> = checkTracking(id).candidates.map { "${it.carrier}:${it.kind}" }

        /** A tracking ID's normal form and every carrier and kind it fits, verified ones first. */
        @JvmStatic
        fun checkTracking(id: String): DetectedTracking = DetectedTracking.from(Obj.parse(Native.nativeDetectTracking(id)))
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
    fun scanOfd(label: String): OfdResult = live { OfdResult.from(Obj.parse(Native.nativeScanOfd(it, label))) }

    /** The labels in the pending OFD batch. */
    fun ofdBatch(): List<String> = live { Obj.strings(Native.nativeOfdBatch(it)) }

    /**
     * Confirms the batch: every order goes Out for Delivery on today's itinerary, each event with
     * [location] when given. Returns how many.
     */
    @JvmOverloads
    fun confirmOfd(location: Location? = null): Int = live {
        val l = location ?: NO_LOCATION
        Native.nativeConfirmOfd(it, location != null, l.latitude, l.longitude, l.accuracyM, l.fixTimeMs, null, null)
    }

    /** Discards the pending batch. Returns how many labels it held. */
    fun cancelOfd(): Int = live { Native.nativeCancelOfd(it) }

    /**
     * The DA's latest position for the customers' map ([Location.fixTimeMs] required): kept (true)
     * while parcels are out for delivery inside working hours, only the latest, and sent by the next
     * [sync] after the scans; false (and nothing kept) otherwise. Call it from the app's location
     * updates while the itinerary has parcels out; it stops mattering when the day closes.
     */
    fun updatePosition(location: Location): Boolean = live {
        Native.nativeUpdatePosition(it, location.latitude, location.longitude, location.accuracyM, location.fixTimeMs)
    }

    /** Today's itinerary. */
    fun itinerary(): List<ItineraryEntry> = live {
        org.json.JSONArray(Native.nativeItinerary(it)).let { a -> (0 until a.length()).map { i -> ItineraryEntry.from(Obj(a.getJSONObject(i))) } }
    }

    /** One order's details, for the order screen and its call button, with its recorded scans. */
    fun orderDetails(trackingId: String): OrderDetails = live { OrderDetails.from(Obj.parse(Native.nativeOrderDetails(it, trackingId))) }

    /**
     * Delivers the opened order after scanning its label, with the phone's [location] and the
     * proof-of-delivery [photo] when given; returns the event's sequence number. A scanned label
     * of another order is [TrackException.LabelMismatch].
     */
    @JvmOverloads
    fun deliver(
        openedTrackingId: String, scannedLabel: String, recipient: RecipientKind, recipientName: String? = null,
        location: Location? = null, photo: PodPhoto? = null,
    ): Long = live {
        val l = location ?: NO_LOCATION
        Native.nativeDeliver(
            it, openedTrackingId, scannedLabel, recipient.code, recipientName,
            location != null, l.latitude, l.longitude, l.accuracyM, l.fixTimeMs, photo?.path, photo?.sha256,
        )
    }

    @JvmOverloads
    fun markUndeliverable(trackingId: String, reason: UndeliverableReason, location: Location? = null): Long = live {
        val l = location ?: NO_LOCATION
        Native.nativeUndeliverable(it, trackingId, reason.code, location != null, l.latitude, l.longitude, l.accuracyM, l.fixTimeMs, null, null)
    }

    @JvmOverloads
    fun reject(trackingId: String, reason: RejectReason, location: Location? = null): Long = live {
        val l = location ?: NO_LOCATION
        Native.nativeReject(it, trackingId, reason.code, location != null, l.latitude, l.longitude, l.accuracyM, l.fixTimeMs, null, null)
    }

    /** Closes the day now if working hours are over; returns how many orders left the itinerary. */
    fun closeDay(): Int = live { Native.nativeCloseDay(it) }

    /** The daily summary of [day] (YYYY-MM-DD; today when null). */
    @JvmOverloads
    fun summary(day: String? = null): DailySummary = live { DailySummary.from(Obj.parse(Native.nativeSummary(it, day))) }

    /**
     * A problem report: [ProblemReport.reportId] for the DA to quote to support, and the diagnostic
     * bundle (versions, outbox counts, kinds of recent errors; no customer data) as JSON to send.
     */
    fun problemReport(appVersion: String): ProblemReport = live {
        val json = Native.nativeProblemReport(it, appVersion)
        ProblemReport(org.json.JSONObject(json).getString("report_id"), json)
    }

    /**
     * Files a problem report: a fresh [ProblemReport] queued to reach support with the next
     * [sync] (`POST /v1/problem-reports`). Show the DA [ProblemReport.reportId] to quote and the
     * promise of an answer within [ProblemReport.answerWithinBusinessDays] business days.
     */
    fun fileProblemReport(appVersion: String): ProblemReport = live {
        val filed = org.json.JSONObject(Native.nativeFileProblemReport(it, appVersion))
        val report = filed.getJSONObject("report")
        ProblemReport(report.getString("report_id"), report.toString(), filed.getInt("answer_within_business_days"))
    }

    /**
     * Working hours now, from the core's rule (06:00 to 22:00 in the marketplace's zone): open with
     * the time left today, or when scanning opens. For the live notice: ask again every minute.
     */
    fun workingHours(): WorkingHours = live { WorkingHours.from(Obj.parse(Native.nativeWorkingHours(it))) }

    fun syncStatus(): SyncStatus = live { SyncStatus.from(Obj.parse(Native.nativeSyncStatus(it))) }

    /**
     * The scans the server refused for good (another seller's order, an order out with another
     * DA, outside working hours, the phone's clock ahead ...), oldest refusal first: the DA's
     * list of refused scans. Each order concerned also shows it in [OrderDetails.refused].
     */
    fun refusedScans(): List<RefusedScan> = live {
        org.json.JSONArray(Native.nativeRefusedScans(it)).let { a -> (0 until a.length()).map { i -> RefusedScan.from(Obj(a.getJSONObject(i))) } }
    }

    /**
     * Pushes the outbox to the server (and fetches the seller's orders first when [fetchOrders]):
     * what was accepted, the scans refused with their typed reasons, and what is still queued.
     * An expired or revoked [token] is [TrackException.SessionExpired]: log in again, nothing is lost.
     */
    @JvmOverloads
    fun sync(serverUrl: String, token: String, batchSize: Int = 100, fetchOrders: Boolean = false): SyncReport = live {
        SyncReport.from(Obj.parse(Native.nativeSync(it, serverUrl, token, batchSize, fetchOrders)))
    }

    /** The mode [scan] applies; set by [switchMode]. */
    @Volatile
    var mode: ScanMode = ScanMode.OutForDelivery
        private set

    /**
     * Switches what the camera scans for (the OFD batch, or the label of the opened order) and
     * resets the scanner, so the next label is confirmed afresh in the new mode.
     */
    fun switchMode(mode: ScanMode) = live {
        Native.nativeResetScanner(it)
        this.mode = mode
    }

    /** Forgets the frames seen so far: the label in view is confirmed afresh (e.g. after OFD, to deliver it). */
    fun resetScanner() = live { Native.nativeResetScanner(it) }

    /** [scanFrameOutcome] in the current [mode]. */
    @JvmOverloads
    fun scan(y: ByteArray, width: Int, height: Int, rowStride: Int = width, pixelStride: Int = 1, rotation: Int = 0, crop: IntArray? = null): ScanOutcome? =
        scanFrameOutcome(y, width, height, rowStride, pixelStride, rotation, crop, (mode as? ScanMode.Delivery)?.opened)

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

    private fun scanOutcome(json: String?): ScanOutcome? = json?.let { ScanOutcome.from(Obj.parse(it)) }

    private fun scanResult(json: String?): ScanResult? = json?.let { ScanResult.from(Obj.parse(it)) }

}

/** Stands for "no location" in native calls (with hasLocation = false). */
private val NO_LOCATION = Location(0.0, 0.0, 0.0, 0)
