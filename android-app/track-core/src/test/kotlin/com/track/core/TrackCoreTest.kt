package com.track.core

import java.io.File
import java.nio.ByteBuffer
import java.time.LocalDateTime
import java.time.ZoneId
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import javax.imageio.ImageIO
import kotlin.system.exitProcess
import org.junit.Test

/** The `track` command (for `track serve` on loopback), from the system property `track.cli`. */
private val trackCli = File(System.getProperty("track.cli") ?: "target/debug/track")

/** `track serve` on a database in [dir], its clock at [at] (local time in India); stopped by [close]. */
private class Server(val dir: File, at: String) : AutoCloseable {
    private val process: Process
    val url: String

    init {
        process = ProcessBuilder(trackCli.path, "serve", "--listen", "127.0.0.1:0", "--at", at, "--db", File(dir, "server.db").path)
            .apply { environment()["TRACK_ADMIN_TOKEN"] = ADMIN }
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
        val line = process.inputStream.bufferedReader().readLine() ?: error("track serve did not start")
        url = line.trim().removePrefix("listening on ")
        check(url.startsWith("http://127.0.0.1:")) { line }
    }

    /** Runs a `track` admin command against this server. */
    fun admin(vararg args: String) {
        val p = ProcessBuilder(trackCli.path, *args)
            .apply { environment()["TRACK_SERVER"] = url; environment()["TRACK_ADMIN_TOKEN"] = ADMIN }
            .redirectErrorStream(true)
            .start()
        val out = p.inputStream.bufferedReader().readText()
        check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "track ${args.joinToString(" ")}: $out" }
    }

    /** One query on the server's database (sqlite3), its output trimmed. */
    fun query(sql: String): String {
        val p = ProcessBuilder("sqlite3", File(dir, "server.db").path, sql).redirectErrorStream(true).start()
        val out = p.inputStream.bufferedReader().readText().trim()
        check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "sqlite3: $out" }
        return out
    }

    override fun close() {
        process.destroy()
        process.waitFor(10, TimeUnit.SECONDS)
    }

    companion object { const val ADMIN = "kotlin-admin" }
}

/**
 * Host-JVM tests of the Kotlin facade over the real native library, JUnit 4 (run with
 * -Xcheck:jni by `./build.sh test` through [main], which prints one line a test and the summary
 * `N passed, N failed`). The server tests run a real `track serve` on loopback.
 */
class TrackCoreTest {
    private val fixtures = File(System.getProperty("track.fixtures") ?: "fixtures/demo")
    private val tmp = createTempDir()

    private fun createTempDir(): File = kotlin.io.path.createTempDirectory("track-kotlin").toFile()

    /** Milliseconds of a local time in India. */
    private fun india(day: String, time: String): Long =
        LocalDateTime.parse("${day}T$time").atZone(ZoneId.of("Asia/Kolkata")).toInstant().toEpochMilli()

    private var n = 0
    private fun core(time: String = "09:00", day: String = "2026-11-23"): TrackCore {
        val c = TrackCore.open(File(tmp, "day-${n++}.db").path, "Asia/Kolkata", fixedTimeMs = india(day, time))
        c.importOrdersJson(File(fixtures, "orders.json").readText())
        return c
    }

    /** The demo's proof-of-delivery photo (a JPEG) copied into the app's storage, and its SHA-256. */
    private fun podPhoto(): PodPhoto {
        val file = File(tmp, "pod-${n++}.jpg")
        File(fixtures, "pod-photo.jpg").copyTo(file)
        val sha = java.security.MessageDigest.getInstance("SHA-256").digest(file.readBytes()).joinToString("") { "%02x".format(it) }
        return PodPhoto(file.path, sha)
    }

    private inline fun <reified E : Throwable> assertThrows(block: () -> Unit): E {
        try {
            block()
        } catch (e: Throwable) {
            if (e is E) return e
            throw AssertionError("expected ${E::class.simpleName}, got $e", e)
        }
        throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
    }

    private fun check(cond: Boolean, msg: () -> String) {
        if (!cond) throw AssertionError(msg())
    }

    private fun <T> eq(expected: T, actual: T) = check(expected == actual) { "expected <$expected>, got <$actual>" }

    /** A label photo as a luminance plane. */
    private fun luma(name: String): Triple<ByteArray, Int, Int> {
        val img = ImageIO.read(File(fixtures, "labels/$name"))
        val (w, h) = img.width to img.height
        val out = ByteArray(w * h)
        for (y in 0 until h) for (x in 0 until w) {
            val rgb = img.getRGB(x, y)
            out[y * w + x] = (((rgb shr 16 and 255) * 299 + (rgb shr 8 and 255) * 587 + (rgb and 255) * 114) / 1000).toByte()
        }
        return Triple(out, w, h)
    }

    @Test
    fun `version`() { check(TrackCore.version().isNotEmpty()) { "no version" } }

    @Test
    fun `a Rust panic reaches Kotlin as an exception and the library keeps working`() {
        val e = assertThrows<RuntimeException> { Native.nativeSelfTestPanic() }
        check(e.message!!.contains("Rust panic")) { "${e.message}" }
        core().use { c -> eq(OfdOutcome.ADDED, c.scanOfd("EK712345609IN").outcome) }
    }

    @Test
    fun `close twice is harmless use after close is IllegalStateException`() {
        val c = core()
        c.close(); c.close()
        check(c.isClosed) { "not closed" }
        assertThrows<IllegalStateException> { c.itinerary() }
        assertThrows<IllegalStateException> { c.scanOfd("EK712345609IN") }
        assertThrows<IllegalStateException> { c.refusedScans() }
        assertThrows<IllegalStateException> { c.workingHours() }
    }

    @Test
    fun `OFD batch - add already scanned FBA refused confirm`() {
        core().use { c ->
            eq(OfdResult(OfdOutcome.ADDED, 1), c.scanOfd("EK712345609IN"))
            eq(OfdResult(OfdOutcome.ALREADY_SCANNED, 1), c.scanOfd("ek 712345609 in"))
            eq(OfdResult(OfdOutcome.ADDED, 2), c.scanOfd("EK712345714IN"))
            val e = assertThrows<TrackException.BadScan> { c.scanOfd("EK712346480IN") }
            check(e.message!!.contains("Self-Delivery")) { e.message!! }
            eq(listOf("EK712345609IN", "EK712345714IN"), c.ofdBatch())
            eq(2, c.confirmOfd())
            eq(OfdResult(OfdOutcome.ALREADY_OUT_FOR_DELIVERY, 0), c.scanOfd("EK712345609IN"))
            val it = c.itinerary()
            eq(2, it.size)
            check(it.all { e -> e.status == OrderStatus.OUT_FOR_DELIVERY }) { "$it" }
        }
    }

    @Test
    fun `the DA's position is kept only while parcels are out and inside working hours`() {
        core().use { c ->
            val at = india("2026-11-23", "09:00")
            eq(false, c.updatePosition(Location(12.97, 77.59, 15.0, at)))
            c.scanOfd("EK712345609IN"); c.confirmOfd()
            eq(true, c.updatePosition(Location(12.97, 77.59, 15.0, at)))
            assertThrows<TrackException.InvalidArgument> { c.updatePosition(Location(95.0, 77.59, 15.0, at)) }
            assertThrows<TrackException.InvalidArgument> { c.updatePosition(Location(12.97, 77.59, 15.0, 0)) }
            c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.CUSTOMER)
            eq(false, c.updatePosition(Location(12.98, 77.60, 15.0, at)))
        }
    }

    @Test
    fun `cancel discards the batch`() {
        core().use { c ->
            c.scanOfd("EK712345609IN")
            eq(1, c.cancelOfd())
            eq(emptyList<String>(), c.ofdBatch())
            eq(0, c.itinerary().size)
        }
    }

    @Test
    fun `deliver undeliverable reject with their errors`() {
        core().use { c ->
            listOf("EK712345609IN", "EK712345714IN", "EK712345820IN", "EK712345935IN").forEach { c.scanOfd(it) }
            c.confirmOfd()
            assertThrows<TrackException.BadScan> { c.deliver("EK712345609IN", "EK712345714IN", RecipientKind.CUSTOMER) }
            val mismatch = assertThrows<TrackException.LabelMismatch> { c.deliver("EK712345609IN", "EK712345714IN", RecipientKind.CUSTOMER) }
            eq("label-mismatch" to ("EK712345609IN" to "EK712345714IN"), mismatch.code to (mismatch.opened to mismatch.scanned))
            assertThrows<TrackException.InvalidArgument> { c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.OTHER) }
            check(c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.OTHER, "Mr Iyer") > 0) { "no event" }
            c.markUndeliverable("EK712345714IN", UndeliverableReason.CUSTOMER_NOT_AVAILABLE)
            c.reject("EK712345820IN", RejectReason.DAMAGED)
            assertThrows<TrackException.NotOnItinerary> { c.markUndeliverable("EK712346269IN", UndeliverableReason.MISSED_DELIVERY) }
            assertThrows<TrackException.BadScan> { c.scanOfd("EK712345820IN") }
            val s = c.summary()
            eq(Triple(1, 1, 1), Triple(s.delivered, s.undeliverable, s.rejected))
            eq("2026-11-23", s.day)
            // 4 Out for Delivery events and the 3 final scans wait for sync.
            eq(7L, c.syncStatus().pending)
        }
    }

    @Test
    fun `the day closes at 22h00 - orders still out leave the itinerary`() {
        val db = File(tmp, "close.db").path
        TrackCore.open(db, "Asia/Kolkata", fixedTimeMs = india("2026-11-23", "09:00")).use { c ->
            c.importOrdersJson(File(fixtures, "orders.json").readText())
            c.scanOfd("EK712345609IN"); c.scanOfd("EK712345714IN"); c.confirmOfd()
            c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.CUSTOMER)
            eq(0, c.closeDay())
        }
        TrackCore.open(db, "Asia/Kolkata", fixedTimeMs = india("2026-11-23", "22:30")).use { c ->
            eq(1, c.closeDay())
            eq(OrderStatus.PENDING, c.orderDetails("EK712345714IN").status)
            eq(1, c.summary("2026-11-23").leftItinerary)
            assertThrows<TrackException.OutsideWorkingHours> { c.scanOfd("EK712345714IN") }
        }
    }

    @Test
    fun `customer details sealed with the app's key a wrong key is refused`() {
        val db = File(tmp, "sealed.db")
        val key = ByteArray(32) { it.toByte() }
        TrackCore.open(db.path, key = key, fixedTimeMs = india("2026-11-23", "09:00")).use { c ->
            c.importOrdersJson(File(fixtures, "orders.json").readText())
            eq("Asha Rao", c.orderDetails("EK712345609IN").customerName)
        }
        val raw = String(db.readBytes() + (File(db.path + "-wal").takeIf { it.exists() }?.readBytes() ?: ByteArray(0)), Charsets.ISO_8859_1)
        check(!raw.contains("Asha Rao") && !raw.contains("Indiranagar")) { "customer data in the file" }
        val wrong = assertThrows<TrackException.Storage> { TrackCore.open(db.path, key = ByteArray(32), fixedTimeMs = india("2026-11-23", "09:00")) }
        check(wrong.message!!.contains("another key")) { wrong.message!! }
        assertThrows<TrackException.InvalidArgument> { TrackCore.open(db.path, key = ByteArray(5)) }
    }

    @Test
    fun `problem reports - a unique ID and no customer data`() {
        core(time = "23:00").use { c ->
            assertThrows<TrackException.OutsideWorkingHours> { c.scanOfd("EK712345609IN") }
            val a = c.problemReport("0.1.0")
            val b = c.problemReport("0.1.0")
            check(a.reportId.startsWith("TRK-") && a.reportId != b.reportId) { "${a.reportId} ${b.reportId}" }
            check(a.bundleJson.contains("outside-working-hours")) { a.bundleJson }
            check(!a.bundleJson.contains("Asha") && !a.bundleJson.contains("EK712345609IN")) { a.bundleJson }
            eq(0L, c.syncStatus().reportsWaiting)
            // Filed: queued for support with the promise to show the DA.
            val filed = c.fileProblemReport("0.1.0")
            check(filed.reportId.startsWith("TRK-") && filed.reportId != a.reportId) { filed.reportId }
            eq(3, filed.answerWithinBusinessDays)
            eq(filed.reportId, org.json.JSONObject(filed.bundleJson).getString("report_id"))
            eq(1L, c.syncStatus().reportsWaiting)
        }
    }

    @Test
    fun `order details with the call button's URI`() {
        core().use { c ->
            val d = c.orderDetails("EK712345609IN")
            eq("Asha Rao", d.customerName)
            check(d.phoneUri!!.startsWith("tel:") && d.phoneUri.contains("9845012345")) { "${d.phoneUri}" }
            eq(OrderStatus.PENDING, d.status)
            assertThrows<TrackException> { c.orderDetails("EK000000000IN") }
        }
    }

    @Test
    fun `working hours - 05h59 refused 06h00 accepted`() {
        core(time = "05:59").use { c ->
            val e = assertThrows<TrackException.OutsideWorkingHours> { c.scanOfd("EK712345609IN") }
            check(e.message!!.contains("06:00")) { e.message!! }
        }
        core(time = "06:00").use { c -> eq(OfdOutcome.ADDED, c.scanOfd("EK712345609IN").outcome) }
    }

    @Test
    fun `working hours - time left today or when scanning opens`() {
        core(time = "09:00").use { c ->
            val w = c.workingHours()
            eq(Triple(true, 13L * 3600, null as Long?), Triple(w.open, w.secondsUntilClose, w.secondsUntilOpen))
            eq(listOf("06:00", "22:00", "Asia/Kolkata"), listOf(w.opens, w.closes, w.timeZone))
            eq("2026-11-23T16:30:00Z", w.closesAt)
        }
        core(time = "05:30").use { c ->
            val w = c.workingHours()
            eq(Triple(false, null as Long?, 1800L), Triple(w.open, w.secondsUntilClose, w.secondsUntilOpen))
            eq("2026-11-23T00:30:00Z", w.opensAt)
        }
        core(time = "22:30").use { c ->
            val w = c.workingHours()
            eq(false to 7L * 3600 + 1800, w.open to w.secondsUntilOpen)
            eq("2026-11-24T00:30:00Z", w.opensAt)
        }
    }

    @Test
    fun `bad arguments`() {
        assertThrows<TrackException.InvalidArgument> { TrackCore.open(File(tmp, "tz.db").path, "Mars/Olympus") }
        assertThrows<TrackException.Storage> { TrackCore.open("/proc/track/none.db") }
        core().use { c -> assertThrows<IllegalArgumentException> { c.importOrdersJson("[{") } }
    }

    @Test
    fun `sync errors are TrackException Sync and keep the events`() {
        core().use { c ->
            c.scanOfd("EK712345609IN"); c.confirmOfd()
            val insecure = assertThrows<TrackException.Sync> { c.sync("http://example.com/", "t") }
            check(insecure.message!!.contains("plain HTTP")) { insecure.message!! }
            check(insecure is TrackException.BadServerUrl && insecure.code == "sync-bad-url") { "$insecure" }
            assertThrows<TrackException.Sync> { c.sync("http://127.0.0.1:9/", "t", batchSize = 10) }
            val down = assertThrows<TrackException.NetworkUnreachable> { c.sync("http://127.0.0.1:9/", "t", batchSize = 10) }
            check(down.code.startsWith("sync-")) { down.code }
            eq(1L, c.syncStatus().pending)
            check(c.syncStatus().lastError != null) { "no last error" }
            assertThrows<TrackException.Sync> { TrackCore.login("http://127.0.0.1:9/", "9845000001", "pw", "s") }
            assertThrows<TrackException.Sync> { TrackCore.createAccount("http://127.0.0.1:9/", "Ravi", "9845000001", "password1", "s") }
            assertThrows<TrackException.NetworkUnreachable> { TrackCore.createAccount("http://127.0.0.1:9/", "Ravi", "9845000001", "password1", "s", email = "ravi@example.in") }
            assertThrows<TrackException.NetworkUnreachable> { TrackCore.logout("http://127.0.0.1:9/", "t") }
            assertThrows<TrackException.BadServerUrl> { TrackCore.logout("http://example.com/", "t") }
        }
    }

    @Test
    fun `one call from a frame (or a typed ID) to the rule's outcome`() {
        core().use { c ->
            val (bytes, w, h) = luma("EK712345609IN.png")
            eq(ScanOutcome("added", "EK712345609IN", count = 1), c.scanFrameOutcome(bytes, w, h))
            eq(listOf("EK712345609IN"), c.ofdBatch())
            eq(ScanOutcome("already-scanned", "EK712345609IN", count = 1), c.enterId("ek 712345609 in"))
            eq(ScanOutcome("added", "EK712345714IN", count = 2), c.enterId("EK712345714IN"))
            val fba = c.enterId("EK712346480IN")
            eq("refused", fba.outcome)
            check(fba.message?.contains("Self-Delivery") == true) { "refusal: $fba" }
            c.confirmOfd()
            eq(ScanOutcome("mismatch", "EK712345714IN", expected = "EK712345609IN"), c.enterId("EK712345714IN", opened = "EK712345609IN"))
            eq(ScanOutcome("matches", "EK712345609IN"), c.enterId("EK712345609IN", opened = "EK712345609IN"))
        }
    }

    @Test
    fun `camera frames - a direct ByteBuffer read in place then already scanned`() {
        core().use { c ->
            val (bytes, w, h) = luma("EK712345609IN.png")
            val direct = ByteBuffer.allocateDirect(bytes.size).put(bytes)
            direct.flip()
            val first = c.scanFrame(direct, w, h, w)
            eq(ScanResult.Label("EK712345609IN", "402-5510230-8812340", "Code128"), first)
            c.scanOfd("EK712345609IN")
            val empty = ByteBuffer.allocateDirect(w * h)
            repeat(20) { eq(null, c.scanFrame(empty, w, h, w)) }
            eq(ScanResult.AlreadyScanned("EK712345609IN"), c.scanFrame(direct, w, h, w))
            // A byte array, with a crop around the label and a padded stride elsewhere.
            val (b2, w2, h2) = luma("EK712345714IN.png")
            eq("EK712345714IN", (c.scanFrame(b2, w2, h2, crop = intArrayOf(0, 0, w2, h2)) as ScanResult.Label).trackingId)
        }
    }

    @Test
    fun `camera frames - bad geometry is IllegalArgumentException`() {
        core().use { c ->
            val buf = ByteBuffer.allocateDirect(100)
            assertThrows<IllegalArgumentException> { c.scanFrame(buf, 20, 10, 10) }      // stride < width
            assertThrows<IllegalArgumentException> { c.scanFrame(buf, 10, 20, 10) }      // buffer too short
            assertThrows<IllegalArgumentException> { c.scanFrame(buf, 10, 10, 10, rotation = 45) }
            assertThrows<IllegalArgumentException> { c.scanFrame(buf, -1, 10, 10) }
            assertThrows<IllegalArgumentException> { c.scanFrame(buf, 10, 10, 10, crop = intArrayOf(5, 5, 10, 10)) }
            assertThrows<IllegalArgumentException> { c.scanFrame(ByteBuffer.allocate(100), 10, 10, 10) } // not direct
            assertThrows<IllegalArgumentException> { c.scanFrame(ByteArray(5), 10, 10) }
        }
    }

    @Test
    fun `tracking IDs`() {
        val c = TrackCore.detectTracking("986578788855")
        eq("fedex:fedex_12", c.first())
        assertThrows<TrackException.InvalidTrackingId> { TrackCore.detectTracking("a/b") }
    }

    @Test
    fun `drift - every type field enum code exception and native agrees with the Rust side`() {
        val schema = org.json.JSONObject(Native.nativeSchema())
        val types = schema.getJSONObject("types")
        val rustTypes = types.keys().asSequence().map { it as String }.toSet()
        eq(rustTypes, Schema.decoders.keys)
        for (name in rustTypes) {
            val all = mutableListOf<Obj>()
            Schema.decoders.getValue(name)(Obj.parse(types.getJSONObject(name).toString(), all))
            check(all.isNotEmpty()) { name }
            for (o in all) check(o.read == o.keys) { "$name: Rust sends ${o.keys.sorted()}, Kotlin reads ${o.read.sorted()}" }
        }
        val opaque = schema.getJSONArray("opaque")
        eq(Schema.opaque, (0 until opaque.length()).map { opaque.getString(it) })
        val enums = schema.getJSONObject("enums")
        eq(enums.keys().asSequence().map { it as String }.toSet(), Schema.enums.keys)
        for ((name, codes) in Schema.enums) {
            val rust = enums.getJSONArray(name)
            eq(name to (0 until rust.length()).map { rust.getString(it) }.sorted(), name to codes.sorted())
        }
        val errors = schema.getJSONArray("errors")
        eq(errors.length(), Native.nativeSelfTestThrow(-1))
        for (i in 0 until errors.length()) {
            val want = errors.getJSONObject(i)
            val e = assertThrows<TrackException> { Native.nativeSelfTestThrow(i) }
            eq(want.getString("class"), e.javaClass.simpleName)
            eq(want.getString("code"), e.code)
            val fields = want.getJSONObject("fields")
            val rustFields = fields.keys().asSequence().map { it as String }.associateWith { if (fields.isNull(it)) null else fields.get(it) }
            eq(rustFields, e.fields)
        }
        val declared = Native::class.java.declaredMethods.filter { java.lang.reflect.Modifier.isNative(it.modifiers) }.map { it.name }.toSet()
        val natives = schema.getJSONArray("natives")
        val exported = (0 until natives.length()).map { natives.getString(it) }.toSet()
        check(exported == declared) { "JNI entry points only in Rust: ${exported - declared}; only declared in Native.kt: ${declared - exported}" }
    }

    @Test
    fun `an unknown code from a newer core is UNKNOWN not an exception`() {
        eq(OrderStatus.UNKNOWN, OrderStatus.of("teleported"))
        eq(EventState.UNKNOWN, EventState.of(""))
        eq(OfdOutcome.UNKNOWN, OfdOutcome.of("queued"))
        eq(ScanResult.Unknown("hologram"), ScanResult.from(Obj.parse("""{"kind":"hologram","tracking_id":null,"order_id":null,"format":null,"message":null}""")))
        eq(OrderStatus.DELIVERED, OrderStatus.of("delivered"))
        eq(null, RecipientKind.of("drone"))
        eq(RefusalReason.UNKNOWN, RefusalReason.of("teleported"))
        eq(RefusalReason.NOT_ON_YOUR_ITINERARY, RefusalReason.of("not_on_your_itinerary"))
        eq(listOf("customer", "family-member", "neighbour", "security-guard", "other"), RecipientKind.entries.map { it.code }) // the DA's choices
    }

    @Test
    fun `a delivery with location and photo - the order's events carry both`() {
        core().use { c ->
            val at = india("2026-11-23", "09:00")
            c.scanOfd("EK712345609IN")
            eq(1, c.confirmOfd(Location(12.9716, 77.6412, 12.5, at)))
            val photo = podPhoto()
            val sha = photo.sha256
            c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.OTHER, "Mr Iyer", Location(12.9717, 77.6413, 6.0, at), photo)
            // The core keeps its own copy: the app's file may go.
            File(photo.path).delete()
            eq(1L, c.syncStatus().photosWaiting)
            val d = c.orderDetails("EK712345609IN")
            eq(OrderStatus.DELIVERED, d.status)
            eq("2026-11-23", d.itineraryDay)
            check(d.onTodaysItinerary) { "$d" }
            eq(Channel.SELF_DELIVERY, d.channel)
            eq(listOf(ScanKind.OUT_FOR_DELIVERY, ScanKind.DELIVERED), d.events.map { it.kind })
            eq(Location(12.9716, 77.6412, 12.5, at), d.events[0].location)
            eq(null, d.events[0].podPhoto)
            val delivered = d.events[1]
            eq(Location(12.9717, 77.6413, 6.0, at), delivered.location)
            eq(sha, delivered.podPhoto)
            eq(Recipient(RecipientKind.OTHER, "Mr Iyer"), delivered.recipient)
            eq(EventState.PENDING, delivered.state)
            eq(2L, c.syncStatus().pending)
        }
    }

    @Test
    fun `bad locations and photos are refused before anything is recorded`() {
        core().use { c ->
            val at = india("2026-11-23", "09:00")
            c.scanOfd("EK712345609IN"); c.scanOfd("EK712345714IN")
            assertThrows<TrackException.InvalidArgument> { c.confirmOfd(Location(91.0, 0.0, 5.0, at)) }
            assertThrows<TrackException.InvalidArgument> { c.confirmOfd(Location(12.0, 77.0, -1.0, at)) }
            assertThrows<TrackException.InvalidArgument> { c.confirmOfd(Location(12.0, 77.0, 5.0, 0)) }
            // A fix more than 10 minutes after the scan, or more than 24 hours before it.
            assertThrows<TrackException.InvalidArgument> { c.confirmOfd(Location(12.0, 77.0, 5.0, at + 10 * 60_000 + 1)) }
            assertThrows<TrackException.InvalidArgument> { c.confirmOfd(Location(12.0, 77.0, 5.0, at - 24 * 3_600_000 - 1)) }
            eq(2, c.ofdBatch().size)
            eq(2, c.confirmOfd())
            val ok = "0f".repeat(32)
            assertThrows<TrackException.InvalidArgument> { c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.CUSTOMER, photo = PodPhoto("content://x", "abc")) }
            assertThrows<TrackException.InvalidArgument> { c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.CUSTOMER, photo = PodPhoto(" ", ok)) }
            // Not a JPEG (a label's PNG), a changed file, a missing file: refused, nothing recorded.
            val png = File(tmp, "label-${n++}.png").also { File(fixtures, "labels/EK712345609IN.png").copyTo(it) }
            val notJpeg = assertThrows<TrackException.InvalidArgument> { c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.CUSTOMER, photo = PodPhoto(png.path)) }
            check(notJpeg.message!!.contains("not a JPEG")) { notJpeg.message!! }
            val photo = podPhoto()
            assertThrows<TrackException.InvalidArgument> { c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.CUSTOMER, photo = PodPhoto(photo.path, ok)) }
            assertThrows<TrackException.InvalidArgument> { c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.CUSTOMER, photo = PodPhoto(File(tmp, "gone.jpg").path)) }
            eq(0L, c.syncStatus().photosWaiting)
            assertThrows<TrackException.InvalidArgument> { c.markUndeliverable("EK712345714IN", UndeliverableReason.MISSED_DELIVERY, Location(0.0, 200.0, 5.0, at)) }
            eq(OrderStatus.OUT_FOR_DELIVERY, c.orderDetails("EK712345609IN").status)
            eq(2L, c.syncStatus().pending)
            check(c.reject("EK712345714IN", RejectReason.DAMAGED, Location(12.0, 77.0, 5.0, at)) > 0) { "no event" }
            eq(Location(12.0, 77.0, 5.0, at), c.orderDetails("EK712345714IN").events.last().location)
        }
    }

    @Test
    fun `errors keep their kind code and fields`() {
        core().use { c ->
            val empty = assertThrows<TrackException.EmptyBatch> { c.confirmOfd() }
            eq("empty-batch", empty.code)
            val notFound = assertThrows<TrackException.OrderNotFound> { c.orderDetails("EK000000000IN") }
            eq("order-not-found" to "EK000000000IN", notFound.code to notFound.trackingId)
            val notOut = assertThrows<TrackException.NotOnItinerary> { c.markUndeliverable("EK712345609IN", UndeliverableReason.MISSED_DELIVERY) }
            eq(Triple("not-on-itinerary", "EK712345609IN", "pending"), Triple(notOut.code, notOut.trackingId, notOut.status))
            eq("invalid-tracking-id", assertThrows<TrackException.InvalidTrackingId> { TrackCore.detectTracking("a/b") }.code)
            eq("invalid-argument", assertThrows<TrackException.InvalidArgument> { TrackCore.open(File(tmp, "tz2.db").path, "Mars/Olympus") }.code)
        }
        core(time = "23:00").use { c ->
            val late = assertThrows<TrackException.OutsideWorkingHours> { c.scanOfd("EK712345609IN") }
            eq(listOf("outside-working-hours", "06:00", "22:00", "Asia/Kolkata"), listOf(late.code, late.opensAt, late.closesAt, late.timeZone))
        }
        val db = File(tmp, "keyed.db").path
        TrackCore.open(db, key = ByteArray(32) { 7 }, fixedTimeMs = india("2026-11-23", "09:00")).use { it.importOrdersJson(File(fixtures, "orders.json").readText()) }
        eq("storage-wrong-key", assertThrows<TrackException.WrongKey> { TrackCore.open(db, key = ByteArray(32)) }.code)
        val junk = File(tmp, "junk.db").apply { writeText("this is not a database, ".repeat(400)) }
        eq("storage-corrupt", assertThrows<TrackException.CorruptDatabase> { TrackCore.open(junk.path) }.code)
        val missing = assertThrows<TrackException.Storage> { TrackCore.open("/proc/track/none.db") }
        check(missing.code.startsWith("storage")) { missing.code }
    }

    @Test
    fun `mode switch resets the scanner - the parcel just scanned OFD is recognised for delivery at once`() {
        core().use { c ->
            val (bytes, w, h) = luma("EK712345609IN.png")
            eq(ScanOutcome("added", "EK712345609IN", count = 1), c.scan(bytes, w, h))
            c.confirmOfd()
            c.switchMode(ScanMode.Delivery("EK712345609IN"))
            eq(ScanMode.Delivery("EK712345609IN"), c.mode)
            eq(ScanOutcome("matches", "EK712345609IN"), c.scan(bytes, w, h))
            c.resetScanner()
            eq(ScanOutcome("matches", "EK712345609IN"), c.scan(bytes, w, h))
            c.switchMode(ScanMode.OutForDelivery)
            eq(ScanOutcome("already-out-for-delivery", "EK712345609IN", count = 0), c.scan(bytes, w, h))
        }
        // Without the reset, the same label in view is not confirmed again.
        core().use { c ->
            val (bytes, w, h) = luma("EK712345609IN.png")
            eq("added", c.scanFrameOutcome(bytes, w, h)?.outcome)
            c.confirmOfd()
            eq(null, c.scanFrameOutcome(bytes, w, h, opened = "EK712345609IN"))
        }
    }

    @Test
    fun `a real track serve - wrong password sign-up with e-mail delivery with location and photo synced logout expired session nothing lost`() {
        check(trackCli.canExecute()) { "no track command at $trackCli (set -Dtrack.cli)" }
        val dir = createTempDir()
        val phone = "+91 98450 00001"
        val password = "kotlin-pass-1"
        Server(dir, "2026-11-23 09:30").use { s ->
            s.admin("seed", "--seller", File(fixtures, "seller.json").path, "--orders", File(fixtures, "orders.json").path, "--shipped-at", "2026-11-23 07:00")
            s.admin("seller", "add-da", "--seller", "sharma-textiles", "--phone", phone)
            val refused = assertThrows<TrackException.RejectedByServer> { TrackCore.createAccount(s.url, "Ravi Kumar", "12345", password, "sharma-textiles") }
            eq(422 to "invalid_phone", refused.httpStatus to refused.serverCode)
            check(TrackCore.createAccount(s.url, "Ravi Kumar", phone, password, "sharma-textiles", email = "ravi@example.in").isNotEmpty()) { "no DA ID" }
            val wrong = assertThrows<TrackException.WrongCredentials> { TrackCore.login(s.url, "ravi@example.in", "not-the-password", "sharma-textiles") }
            eq("sync-wrong-credentials", wrong.code)
            val session = TrackCore.login(s.url, "ravi@example.in", password, "sharma-textiles")
            TrackCore.open(File(dir, "phone.db").path, fixedTimeMs = india("2026-11-23", "09:00")).use { c ->
                c.sync(s.url, session.token, fetchOrders = true)
                c.scanOfd("EK712345609IN"); c.scanOfd("EK712345714IN")
                val at = india("2026-11-23", "09:00")
                eq(2, c.confirmOfd(Location(12.9716, 77.6412, 10.0, at)))
                val photo = podPhoto()
                c.deliver("EK712345609IN", "EK712345609IN", RecipientKind.CUSTOMER, location = Location(12.9717, 77.6413, 5.0, at - 30_000), photo = photo)
                val filed = c.fileProblemReport("0.1.0")
                val report = c.sync(s.url, session.token)
                eq(3L to 0L, report.accepted to report.rejected)
                // The photo went after its event; the problem report reached support.
                eq(Triple(1L, 0L, 0L), Triple(report.photosUploaded, report.photosRefused, report.photosWaiting))
                eq(1L to 0L, report.reportsSent to report.reportsWaiting)
                eq(photo.sha256!! + "|1", s.query("SELECT sha256, stored_at_ms IS NOT NULL FROM photos"))
                eq(filed.reportId, s.query("SELECT report_id FROM problem_reports"))
                eq(EventState.ACKNOWLEDGED, c.orderDetails("EK712345609IN").events.last().state)
                // The server stored the photo's reference and the location with its fix time with the delivery.
                eq("delivered|" + photo.sha256 + "|12.9717|77.6413|5.0|${at - 30_000}", s.query(
                    "SELECT kind, pod_photo, latitude, longitude, accuracy_m, location_fix_ms FROM events WHERE tracking_id = 'EK712345609IN' AND kind = 'delivered'"
                ))
                eq("12.9716|${at}", s.query("SELECT latitude, location_fix_ms FROM events WHERE tracking_id = 'EK712345609IN' AND kind = 'ofd'"))
                // Logout revokes the token on the server; the outbox is kept.
                c.markUndeliverable("EK712345714IN", UndeliverableReason.CUSTOMER_NOT_AVAILABLE)
                TrackCore.logout(s.url, session.token)
                val expired = assertThrows<TrackException.SessionExpired> { c.sync(s.url, session.token) }
                eq("sync-session-expired", expired.code)
                eq(1L, c.syncStatus().pending)
                val again = TrackCore.login(s.url, phone, password, "sharma-textiles")
                eq(1L, c.sync(s.url, again.token).accepted)
                eq(0L, c.syncStatus().pending)
            }
        }
        // The server's clock 13 hours later: the session of 09:30 has expired; log in again, nothing is lost.
        val session = Server(dir, "2026-11-23 09:40").use { s -> TrackCore.login(s.url, phone, password, "sharma-textiles") }
        Server(dir, "2026-11-23 22:45").use { s ->
            TrackCore.open(File(dir, "phone.db").path, fixedTimeMs = india("2026-11-23", "21:00")).use { c ->
                c.scanOfd("EK712345820IN"); c.confirmOfd()
                assertThrows<TrackException.SessionExpired> { c.sync(s.url, session.token) }
                eq(1L, c.syncStatus().pending)
                eq(1L, c.sync(s.url, TrackCore.login(s.url, phone, password, "sharma-textiles").token).accepted)
                eq(0L, c.syncStatus().pending)
            }
        }
    }

    @Test
    fun `a real track serve refuses a scan of an order out with another DA - the phone shows it refused and lists it`() {
        check(trackCli.canExecute()) { "no track command at $trackCli (set -Dtrack.cli)" }
        val dir = createTempDir()
        Server(dir, "2026-11-23 09:30").use { s ->
            s.admin("seed", "--seller", File(fixtures, "seller.json").path, "--orders", File(fixtures, "orders.json").path, "--shipped-at", "2026-11-23 07:00")
            val tokens = listOf("+91 98450 00011", "+91 98450 00012").map { phone ->
                s.admin("seller", "add-da", "--seller", "sharma-textiles", "--phone", phone)
                TrackCore.createAccount(s.url, "DA $phone", phone, "kotlin-pass-2", "sharma-textiles")
                TrackCore.login(s.url, phone, "kotlin-pass-2", "sharma-textiles").token
            }
            // The second DA's phone fetched the seller's open orders earlier in the morning.
            val second = File(dir, "second.db").path
            TrackCore.open(second, fixedTimeMs = india("2026-11-23", "08:50")).use { c -> c.sync(s.url, tokens[1], fetchOrders = true) }
            // The first DA takes EK712345609IN out for delivery and syncs.
            TrackCore.open(File(dir, "first.db").path, fixedTimeMs = india("2026-11-23", "09:00")).use { c ->
                c.sync(s.url, tokens[0], fetchOrders = true)
                c.scanOfd("EK712345609IN"); c.confirmOfd()
                eq(1L, c.sync(s.url, tokens[0]).accepted)
            }
            // The second DA's phone scans it too (and another order): the server refuses that one.
            TrackCore.open(second, fixedTimeMs = india("2026-11-23", "09:10")).use { c ->
                c.scanOfd("EK712345609IN"); c.scanOfd("EK712345714IN")
                eq(2, c.confirmOfd())
                eq(null, c.orderDetails("EK712345609IN").refused)
                val report = c.sync(s.url, tokens[1])
                eq(Triple(1L, 1L, 0L), Triple(report.accepted, report.rejected, report.queued))
                eq(1, report.refused.size)
                val refusal = report.refused.single()
                eq(RefusalReason.NOT_ON_YOUR_ITINERARY, refusal.reason)
                eq("not_on_your_itinerary", refusal.code)
                check(refusal.message.isNotBlank()) { "no message: $refusal" }
                eq("EK712345609IN" to ScanKind.OUT_FOR_DELIVERY, refusal.event.trackingId to refusal.event.kind)
                eq(EventState.REJECTED, refusal.event.state)
                check(refusal.refusedAt.startsWith("2026-11-23T03:40")) { refusal.refusedAt }
                // The order shows the refusal whatever its status on the phone; the other does not.
                val d = c.orderDetails("EK712345609IN")
                eq(OrderStatus.OUT_FOR_DELIVERY, d.status)
                eq(refusal, d.refused)
                eq(null, c.orderDetails("EK712345714IN").refused)
                val entries = c.itinerary().associateBy { it.trackingId }
                eq(RefusalReason.NOT_ON_YOUR_ITINERARY, entries.getValue("EK712345609IN").refused)
                eq(null, entries.getValue("EK712345714IN").refused)
                eq(listOf(refusal), c.refusedScans())
                // A second sync sends nothing again and refuses nothing new.
                val again = c.sync(s.url, tokens[1])
                eq(Triple(0L, 0, 0L), Triple(again.sent, again.refused.size, again.queued))
                eq(1L, c.syncStatus().rejected)
            }
            // The refusal is kept in the phone's database.
            TrackCore.open(second, fixedTimeMs = india("2026-11-23", "09:20")).use { c ->
                eq(listOf(RefusalReason.NOT_ON_YOUR_ITINERARY), c.refusedScans().map { it.reason })
                eq(RefusalReason.NOT_ON_YOUR_ITINERARY, c.orderDetails("EK712345609IN").refused?.reason)
            }
            eq("accepted|\nrejected|not_on_your_itinerary", s.query("SELECT outcome, COALESCE(code, '') FROM events WHERE tracking_id = 'EK712345609IN' ORDER BY received_at_ms, outcome"))
        }
    }

    @Test
    fun `calls from many threads at once then close`() {
        val c = core()
        val labels = listOf("EK712345609IN", "EK712345714IN", "EK712345820IN", "EK712345935IN", "EK712346048IN", "EK712346153IN")
        val pool = Executors.newFixedThreadPool(8)
        val futures = (0 until 200).map { i ->
            pool.submit<Any> {
                when (i % 4) {
                    0 -> c.scanOfd(labels[(i / 4) % labels.size])
                    1 -> c.itinerary()
                    2 -> c.syncStatus()
                    else -> c.orderDetails(labels[i % labels.size])
                }
            }
        }
        futures.forEach { it.get(60, TimeUnit.SECONDS) }
        eq(labels.size, c.ofdBatch().size)
        // Close while other threads keep calling: each call either completes or is refused.
        val more = (0 until 50).map { pool.submit<Unit> { try { c.itinerary() } catch (e: IllegalStateException) {} } }
        c.close()
        more.forEach { it.get(60, TimeUnit.SECONDS) }
        pool.shutdown()
        assertThrows<IllegalStateException> { c.ofdBatch() }
    }

    companion object {
        /**
         * Runs the tests with JUnit 4, one line a test and the summary `N passed, N failed`
         * (read by build.sh's count); exits 1 when a test failed.
         */
        @JvmStatic
        fun main(args: Array<String>) {
            val core = org.junit.runner.JUnitCore()
            core.addListener(object : org.junit.runner.notification.RunListener() {
                private var failed = false
                override fun testStarted(description: org.junit.runner.Description) { failed = false }
                override fun testFailure(failure: org.junit.runner.notification.Failure) {
                    failed = true
                    println("FAILED  ${failure.description.methodName}: ${failure.exception}")
                    failure.exception.printStackTrace(System.out)
                }
                override fun testFinished(description: org.junit.runner.Description) {
                    if (!failed) println("ok      ${description.methodName}")
                }
            })
            val result = core.run(TrackCoreTest::class.java)
            println("${result.runCount - result.failureCount} passed, ${result.failureCount} failed")
            if (!result.wasSuccessful()) exitProcess(1)
        }
    }
}
