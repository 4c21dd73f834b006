package com.track.app

import android.app.Activity
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.text.InputType
import android.widget.Button
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.TextView
import android.widget.Toast
import androidx.appcompat.app.AlertDialog
import androidx.appcompat.app.AppCompatActivity
import androidx.appcompat.app.AppCompatDelegate
import androidx.core.os.LocaleListCompat
import com.track.core.RecipientKind
import com.track.core.RejectReason
import com.track.core.ScanKind
import com.track.core.TrackCore
import com.track.core.TrackException
import com.track.core.UndeliverableReason

/**
 * Runs a core call on the background executor and hands its result to [then] on the main thread.
 * Every error is shown in the app's language; an expired or revoked session goes back to the
 * login screen with a notice (the scans stay queued).
 */
fun <T> Activity.background(call: (TrackCore) -> T, then: (T) -> Unit) {
    val app = TrackApp.of(this)
    app.io.execute {
        val result = runCatching { call(app.core) }
        runOnUiThread {
            if (isFinishing || isDestroyed) return@runOnUiThread
            result.onSuccess(then).onFailure { e -> showError(e) }
        }
    }
}

/** Shows an error; an ended session leads to the login screen. */
fun Activity.showError(e: Throwable) {
    if (e is TrackException.SessionExpired) {
        TrackApp.endSession(this, R.string.error_session_expired)
        startActivity(Intent(this, LoginActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TASK))
        finish()
        return
    }
    Toast.makeText(this, message(e), Toast.LENGTH_LONG).show()
}

fun Context.column(vararg views: android.view.View): ScrollView {
    val col = LinearLayout(this).apply { orientation = LinearLayout.VERTICAL; setPadding(32, 32, 32, 32) }
    views.forEach(col::addView)
    return ScrollView(this).apply { addView(col) }
}

fun Context.button(text: Int, onClick: () -> Unit) = Button(this).apply { setText(text); setOnClickListener { onClick() } }
fun Context.field(hint: Int, password: Boolean = false) = EditText(this).apply {
    setHint(hint)
    if (password) inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_VARIATION_PASSWORD
}

/** Chooses the app's language; AppCompat keeps it across restarts (autoStoreLocales, Android 7+). */
fun Activity.chooseLanguage() {
    val tags = arrayOf("en", "hi")
    AlertDialog.Builder(this).setTitle(R.string.language).setItems(arrayOf("English", "हिन्दी")) { _, i ->
        AppCompatDelegate.setApplicationLocales(LocaleListCompat.forLanguageTags(tags[i]))
    }.show()
}

/** Log in, or create an account; choose the language (English, Hindi). */
class LoginActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val prefs = getSharedPreferences(TrackApp.PREFS, MODE_PRIVATE)
        if (prefs.getString("token", null) != null) {
            startActivity(Intent(this, HomeActivity::class.java)); finish(); return
        }
        // Why the DA is here again: the session ended (expired or revoked) or they logged out.
        val notice = TextView(this)
        prefs.getString(TrackApp.NOTICE, null)?.let { name ->
            val id = resources.getIdentifier(name, "string", packageName)
            if (id != 0) notice.setText(id)
        }
        val server = field(R.string.server).apply { setText(prefs.getString("server", "https://")) }
        val name = field(R.string.name)
        val login = field(R.string.phone_or_email)
        val password = field(R.string.password, password = true)
        val seller = field(R.string.seller)
        setContentView(column(
            notice, server, login, password, seller,
            button(R.string.login) {
                background({ TrackCore.login(server.text.toString(), login.text.toString(), password.text.toString(), seller.text.toString()) }) { s ->
                    prefs.edit().putString("server", server.text.toString()).putString("token", s.token).remove(TrackApp.NOTICE).apply()
                    startActivity(Intent(this, HomeActivity::class.java)); finish()
                }
            },
            name,
            button(R.string.create_account) {
                // A phone number or an e-mail address (an e-mail-only account).
                val id = login.text.toString()
                val (phone, email) = if (id.contains('@')) "" to id else id to null
                background({ TrackCore.createAccount(server.text.toString(), name.text.toString(), phone, password.text.toString(), seller.text.toString(), email) }) {
                    Toast.makeText(this, R.string.login, Toast.LENGTH_SHORT).show()
                }
            },
            button(R.string.language) { chooseLanguage() },
        ))
    }
}

/** Home: the live working-hours notice, scan, itinerary, refused scans, sync, settings. */
class HomeActivity : AppCompatActivity() {
    private lateinit var status: TextView
    private lateinit var hours: TextView
    private val ticker = Handler(Looper.getMainLooper())
    private val tick = object : Runnable {
        override fun run() {
            background({ it.workingHours() }) { w -> hours.text = workingHoursNotice(w) }
            ticker.postDelayed(this, 30_000L)
        }
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        status = TextView(this)
        hours = TextView(this)
        setContentView(column(
            hours,
            button(R.string.scan_ofd) { startActivity(Intent(this, ScanActivity::class.java)) },
            button(R.string.itinerary) { startActivity(Intent(this, ItineraryActivity::class.java)) },
            button(R.string.refused_scans) { startActivity(Intent(this, RefusedScansActivity::class.java)) },
            button(R.string.sync_now) { syncNow() },
            button(R.string.report_problem) {
                // Filed: it reaches support with the next sync; the DA quotes its ID.
                background({ it.fileProblemReport(BuildConfig.VERSION_NAME) }) { r ->
                    val days = r.answerWithinBusinessDays ?: 3
                    AlertDialog.Builder(this).setTitle(R.string.report_problem)
                        .setMessage(getString(R.string.report_id, r.reportId) + "\n" + resources.getQuantityString(R.plurals.report_answer, days, days))
                        .show()
                }
            },
            button(R.string.settings) { startActivity(Intent(this, SettingsActivity::class.java)) },
            status,
        ))
    }

    override fun onResume() {
        super.onResume()
        if (getSharedPreferences(TrackApp.PREFS, MODE_PRIVATE).getString("token", null) == null) {
            // The session ended in the background (sync): back to the login screen and its notice.
            startActivity(Intent(this, LoginActivity::class.java)); finish(); return
        }
        tick.run()
        refreshStatus()
    }

    override fun onPause() {
        super.onPause()
        ticker.removeCallbacks(tick)
    }

    private fun refreshStatus() {
        background({ it.syncStatus() }) { s ->
            status.text = getString(R.string.sync_status, s.pending.toInt(), s.lastSuccess ?: getString(R.string.never)) + (s.lastError?.let { "\n$it" } ?: "")
        }
    }

    private fun syncNow() {
        val prefs = getSharedPreferences(TrackApp.PREFS, MODE_PRIVATE)
        val server = prefs.getString("server", null) ?: return
        val token = prefs.getString("token", null) ?: return
        background({ it.sync(server, token, fetchOrders = true) }) { r ->
            Toast.makeText(this, getString(R.string.sync_report, r.accepted.toInt(), r.refused.size, r.queued.toInt()), Toast.LENGTH_LONG).show()
            if (r.refused.isNotEmpty()) startActivity(Intent(this, RefusedScansActivity::class.java))
            refreshStatus()
        }
    }
}

/** Settings: language, and logout (the server revokes the token; unsynced scans stay on the phone). */
class SettingsActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContentView(column(
            button(R.string.language) { chooseLanguage() },
            button(R.string.logout) { logout() },
        ))
    }

    private fun logout() {
        val prefs = getSharedPreferences(TrackApp.PREFS, MODE_PRIVATE)
        val server = prefs.getString("server", null)
        val token = prefs.getString("token", null)
        val app = TrackApp.of(this)
        app.io.execute {
            // Revoked on the server when it can be reached; an expired token is already void. The
            // token is forgotten on the phone either way; the outbox is kept for the next login.
            val failure = if (server != null && token != null) {
                runCatching { TrackCore.logout(server, token) }.exceptionOrNull()?.takeUnless { it is TrackException.SessionExpired }
            } else {
                null
            }
            runOnUiThread {
                failure?.let { Toast.makeText(this, message(it), Toast.LENGTH_LONG).show() }
                TrackApp.endSession(this, R.string.logged_out)
                startActivity(Intent(this, LoginActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TASK))
                finish()
            }
        }
    }
}

/** The scans the server refused, newest first, with the reason in the DA's language. */
class RefusedScansActivity : AppCompatActivity() {
    override fun onResume() {
        super.onResume()
        background({ it.refusedScans() }) { refused ->
            val rows = refused.asReversed().map { r ->
                TextView(this).apply {
                    text = getString(R.string.refused_item, r.event.trackingId, scanKindLabel(r.event.kind), refusedBy(r.reason), r.refusedAt)
                    setPadding(0, 16, 0, 16)
                    setOnClickListener {
                        startActivity(Intent(this@RefusedScansActivity, OrderActivity::class.java).putExtra("tracking", r.event.trackingId))
                    }
                }
            }
            val empty = TextView(this).apply { setText(R.string.no_refused_scans) }
            setContentView(column(*(if (rows.isEmpty()) listOf(empty) else rows).toTypedArray()))
        }
    }
}

fun Context.scanKindLabel(kind: ScanKind): String = getString(
    when (kind) {
        ScanKind.OUT_FOR_DELIVERY -> R.string.scan_ofd
        ScanKind.DELIVERED -> R.string.kind_delivered
        ScanKind.UNDELIVERABLE -> R.string.unable_to_deliver
        ScanKind.REJECTED -> R.string.kind_rejected
        ScanKind.LEFT_ITINERARY -> R.string.kind_left_itinerary
        ScanKind.UNKNOWN -> R.string.refusal_unknown
    },
)

/** The day's itinerary; tap an order for its details. */
class ItineraryActivity : AppCompatActivity() {
    override fun onResume() {
        super.onResume()
        background({ it.itinerary() }) { entries ->
            setContentView(column(*entries.map { e ->
                Button(this).apply {
                    text = "${e.customerName}\n${e.address}\n${e.status} · ${getString(R.string.attempts, e.attempts)}" +
                        (e.refused?.let { "\n" + refusedBy(it) } ?: "")
                    setOnClickListener { startActivity(Intent(this@ItineraryActivity, OrderActivity::class.java).putExtra("tracking", e.trackingId)) }
                }
            }.toTypedArray()))
        }
    }
}

/** One order: details (and the server's refusal), the call button, scan for delivery, unable to deliver. */
class OrderActivity : AppCompatActivity() {
    override fun onResume() {
        super.onResume()
        TrackApp.of(this).locator.start()
        val tracking = intent.getStringExtra("tracking") ?: return finish()
        background({ it.orderDetails(tracking) }) { d ->
            val refused = d.refused?.let { "\n" + refusedBy(it.reason) + "\n" + it.message } ?: ""
            setContentView(column(
                TextView(this).apply { text = "${d.customerName}\n${d.address}\n${d.status} · ${getString(R.string.attempts, d.attempts)}$refused" },
                button(R.string.call_customer) { d.phoneUri?.let { startActivity(Intent(Intent.ACTION_DIAL, Uri.parse(it))) } },
                button(R.string.scan_for_delivery) {
                    startActivity(Intent(this, ScanActivity::class.java).putExtra("deliver", tracking))
                },
                button(R.string.unable_to_deliver) { unableToDeliver(tracking) },
            ))
        }
    }

    override fun onPause() {
        super.onPause()
        TrackApp.of(this).locator.stop()
    }

    private fun unableToDeliver(tracking: String) {
        val labels = intArrayOf(
            R.string.reason_not_available, R.string.reason_missed, R.string.reason_address, R.string.reason_customer,
            R.string.reason_not_required, R.string.reason_mismatch, R.string.reason_damaged,
        ).map(::getString).toTypedArray()
        AlertDialog.Builder(this).setTitle(R.string.unable_to_deliver).setItems(labels) { _, i ->
            val location = TrackApp.of(this).locator.current()
            background({ core ->
                if (i < 4) {
                    core.markUndeliverable(tracking, UndeliverableReason.entries[i], location)
                } else {
                    core.reject(tracking, RejectReason.entries[i - 4], location)
                }
            }) { finish() }
        }.show()
    }
}

/**
 * Asks whom the parcel was handed to (and the name of another person), then calls [then]; a
 * dialog dismissed with Back calls [cancelled].
 */
fun Activity.chooseRecipient(cancelled: () -> Unit = {}, then: (RecipientKind, String?) -> Unit) {
    val kinds = RecipientKind.entries
    val labels = intArrayOf(R.string.recipient_customer, R.string.recipient_family, R.string.recipient_neighbour, R.string.recipient_security, R.string.recipient_other)
        .map(::getString).toTypedArray()
    AlertDialog.Builder(this).setTitle(R.string.handed_to).setItems(labels) { _, i ->
        if (kinds[i] == RecipientKind.OTHER) {
            val name = EditText(this)
            AlertDialog.Builder(this).setTitle(R.string.name).setView(name).setPositiveButton(android.R.string.ok) { _, _ ->
                then(RecipientKind.OTHER, name.text.toString())
            }.setOnCancelListener { cancelled() }.show()
        } else {
            then(kinds[i], null)
        }
    }.setOnCancelListener { cancelled() }.show()
}
