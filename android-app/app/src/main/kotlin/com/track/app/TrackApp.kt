package com.track.app

import android.app.Application
import android.content.Context
import android.util.Base64
import androidx.security.crypto.EncryptedSharedPreferences
import androidx.security.crypto.MasterKey
import java.security.SecureRandom
import androidx.work.Constraints
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.NetworkType
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.Worker
import androidx.work.WorkerParameters
import com.track.core.TrackCore
import com.track.core.TrackException
import android.util.Log
import java.io.File
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The app's single core (one database, one writer) and its background executor. */
class TrackApp : Application() {
    private var opened: TrackCore? = null
    private var openError: TrackException? = null

    /**
     * The core. When the database could not be opened (storage full, wrong key, damaged file),
     * every use throws that error, which the screens show; the DA's data is never deleted.
     */
    val core: TrackCore
        get() = opened ?: throw (openError ?: IllegalStateException("the core is not open"))

    /** Core calls block: they run here, never on the main thread. */
    val io = Executors.newFixedThreadPool(2)

    /** The phone's location for scans (platform LocationManager, when permitted). */
    val locator by lazy { Locator(this) }

    override fun onCreate() {
        super.onCreate()
        TrackCore.initAndroid(this)
        try {
            opened = TrackCore.open(File(filesDir, "track.db").path, key = customerKey())
        } catch (e: TrackException) {
            Log.e("track", "the core's database cannot be opened (${e.code})")
            openError = e
        }
        scheduleSync(this)
    }

    /**
     * The key that seals customer details in the core's database: random, kept in preferences
     * encrypted under an Android Keystore key (it never lands in the database or the logs).
     */
    private fun customerKey(): ByteArray {
        val master = MasterKey.Builder(this).setKeyScheme(MasterKey.KeyScheme.AES256_GCM).build()
        val prefs = EncryptedSharedPreferences.create(
            this, "track-keys", master,
            EncryptedSharedPreferences.PrefKeyEncryptionScheme.AES256_SIV,
            EncryptedSharedPreferences.PrefValueEncryptionScheme.AES256_GCM,
        )
        prefs.getString("customer-key", null)?.let { return Base64.decode(it, Base64.NO_WRAP) }
        val key = ByteArray(32).also { SecureRandom().nextBytes(it) }
        prefs.edit().putString("customer-key", Base64.encodeToString(key, Base64.NO_WRAP)).apply()
        return key
    }

    companion object {
        fun of(context: Context) = context.applicationContext as TrackApp
        const val PREFS = "track"

        /** The preference that asks the login screen to say why the DA is there. */
        const val NOTICE = "notice"

        /**
         * The session expired or was revoked (or the DA logged out): the token is forgotten so the
         * login screen shows, with [notice] (a string resource); the outbox stays in the core's
         * database and is sent after the next login.
         */
        fun endSession(context: Context, notice: Int) {
            context.getSharedPreferences(PREFS, Context.MODE_PRIVATE).edit()
                .remove("token").putString(NOTICE, context.resources.getResourceEntryName(notice)).apply()
        }

        /** Background sync with WorkManager whenever the network is there. */
        fun scheduleSync(context: Context) {
            val request = PeriodicWorkRequestBuilder<SyncWorker>(15, TimeUnit.MINUTES)
                .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
                .build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork("sync", ExistingPeriodicWorkPolicy.KEEP, request)
        }
    }
}

/**
 * Pushes the outbox. An expired or revoked session is not retried: the token is forgotten and the
 * DA is sent to the login screen with a notice (the scans stay queued). Network and server
 * failures are retried by WorkManager with its own backoff; other errors (storage) fail the run
 * and are logged, never dropped silently.
 */
class SyncWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
    override fun doWork(): Result {
        val prefs = applicationContext.getSharedPreferences(TrackApp.PREFS, Context.MODE_PRIVATE)
        val server = prefs.getString("server", null) ?: return Result.success()
        val token = prefs.getString("token", null) ?: return Result.success()
        return try {
            val report = TrackApp.of(applicationContext).core.sync(server, token, fetchOrders = true)
            if (report.refused.isNotEmpty()) Log.w("track", "sync: ${report.refused.size} scans refused by the server")
            Result.success()
        } catch (e: TrackException.SessionExpired) {
            TrackApp.endSession(applicationContext, R.string.error_session_expired)
            Result.failure()
        } catch (e: TrackException.Sync) {
            Log.w("track", "sync failed (${e.code}); retried later")
            Result.retry()
        } catch (e: TrackException) {
            Log.e("track", "sync failed (${e.code}): ${e.message}")
            Result.failure()
        }
    }
}
