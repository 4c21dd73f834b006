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
import java.io.File
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The app's single core (one database, one writer) and its background executor. */
class TrackApp : Application() {
    lateinit var core: TrackCore
        private set

    /** Core calls block: they run here, never on the main thread. */
    val io = Executors.newFixedThreadPool(2)

    override fun onCreate() {
        super.onCreate()
        TrackCore.initAndroid(this)
        core = TrackCore.open(File(filesDir, "track.db").path, key = customerKey())
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

        /** Background sync with WorkManager whenever the network is there. */
        fun scheduleSync(context: Context) {
            val request = PeriodicWorkRequestBuilder<SyncWorker>(15, TimeUnit.MINUTES)
                .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
                .build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork("sync", ExistingPeriodicWorkPolicy.KEEP, request)
        }
    }
}

/** Pushes the outbox; a failure is retried by WorkManager with its own backoff. */
class SyncWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
    override fun doWork(): Result {
        val prefs = applicationContext.getSharedPreferences(TrackApp.PREFS, Context.MODE_PRIVATE)
        val server = prefs.getString("server", null) ?: return Result.success()
        val token = prefs.getString("token", null) ?: return Result.success()
        return try {
            TrackApp.of(applicationContext).core.sync(server, token, fetchOrders = true)
            Result.success()
        } catch (e: com.track.core.TrackException.Sync) {
            Result.retry()
        }
    }
}
