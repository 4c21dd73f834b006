package com.track.core

import java.nio.ByteBuffer

/**
 * The native entry points of libtrack_android. Internal: app code uses [TrackCore].
 *
 * On Android the library is loaded from the APK's jniLibs; elsewhere (host tests) from the path in
 * the system property `track.library`.
 */
internal object Native {
    init {
        val path = System.getProperty("track.library")
        if (path != null) System.load(java.io.File(path).absolutePath) else System.loadLibrary("track_android")
    }

    external fun nativeVersion(): String
    external fun nativeOpen(path: String, timeZone: String, key: ByteArray?, fixedTimeMs: Long): Long
    external fun nativeClose(handle: Long)
    external fun nativeImportOrders(handle: Long, json: String): Int
    external fun nativeScanOfd(handle: Long, label: String): String
    external fun nativeOfdBatch(handle: Long): String
    external fun nativeConfirmOfd(handle: Long, hasLocation: Boolean, latitude: Double, longitude: Double, accuracyM: Double, fixTimeMs: Long, photoUri: String?, photoSha256: String?): Int
    external fun nativeCancelOfd(handle: Long): Int
    external fun nativeUpdatePosition(handle: Long, latitude: Double, longitude: Double, accuracyM: Double, fixTimeMs: Long): Boolean
    external fun nativeItinerary(handle: Long): String
    external fun nativeOrderDetails(handle: Long, trackingId: String): String
    external fun nativeDeliver(
        handle: Long, opened: String, scanned: String, recipient: String, name: String?,
        hasLocation: Boolean, latitude: Double, longitude: Double, accuracyM: Double, fixTimeMs: Long, photoPath: String?, photoSha256: String?,
    ): Long
    external fun nativeUndeliverable(handle: Long, trackingId: String, reason: String, hasLocation: Boolean, latitude: Double, longitude: Double, accuracyM: Double, fixTimeMs: Long, photoUri: String?, photoSha256: String?): Long
    external fun nativeReject(handle: Long, trackingId: String, reason: String, hasLocation: Boolean, latitude: Double, longitude: Double, accuracyM: Double, fixTimeMs: Long, photoUri: String?, photoSha256: String?): Long
    external fun nativeCloseDay(handle: Long): Int
    external fun nativeSummary(handle: Long, day: String?): String
    external fun nativeSyncStatus(handle: Long): String
    external fun nativeRefusedScans(handle: Long): String
    external fun nativeWorkingHours(handle: Long): String
    external fun nativeLogin(url: String, login: String, password: String, seller: String): String
    external fun nativeCreateAccount(url: String, name: String, phone: String?, email: String?, password: String, seller: String): String
    external fun nativeLogout(url: String, token: String)
    external fun nativeResetScanner(handle: Long)
    external fun nativeSync(handle: Long, url: String, token: String, batch: Int, fetch: Boolean): String
    external fun nativeScanFrame(
        handle: Long, buffer: ByteBuffer, width: Int, height: Int, rowStride: Int, pixelStride: Int,
        rotation: Int, cropLeft: Int, cropTop: Int, cropWidth: Int, cropHeight: Int,
    ): String?
    external fun nativeScanFrameBytes(
        handle: Long, bytes: ByteArray, width: Int, height: Int, rowStride: Int, pixelStride: Int,
        rotation: Int, cropLeft: Int, cropTop: Int, cropWidth: Int, cropHeight: Int,
    ): String?
    external fun nativeScanFrameOutcome(
        handle: Long, opened: String?, bytes: ByteArray, width: Int, height: Int, rowStride: Int, pixelStride: Int,
        rotation: Int, cropLeft: Int, cropTop: Int, cropWidth: Int, cropHeight: Int,
    ): String?
    external fun nativeEnterId(handle: Long, opened: String?, text: String): String
    external fun nativeDetectTracking(id: String): String
    external fun nativeSelfTestPanic(): Int
    /** The drift test: what the bridge sends and throws, from the Rust types. */
    external fun nativeSchema(): String
    /** The drift test: throws sample error [index]; returns how many there are when out of range. */
    external fun nativeSelfTestThrow(index: Int): Int
    external fun nativeProblemReport(handle: Long, appVersion: String): String
    external fun nativeFileProblemReport(handle: Long, appVersion: String): String
    /** Android only: hands the app's Context to the TLS certificate verifier. */
    external fun nativeInitAndroid(context: Any)
}
