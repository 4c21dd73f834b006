package com.track.app

import android.app.Activity
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Bundle
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
import com.track.core.TrackCore
import com.track.core.TrackException
import com.track.core.UndeliverableReason

/** Runs a core call on the background executor and shows its result or its error message. */
fun <T> Activity.background(call: (TrackCore) -> T, then: (T) -> Unit) {
    val app = TrackApp.of(this)
    app.io.execute {
        val result = runCatching { call(app.core) }
        runOnUiThread {
            result.onSuccess(then).onFailure { e ->
                val message = if (e is TrackException || e is IllegalArgumentException) e.message else e.toString()
                Toast.makeText(this, message, Toast.LENGTH_LONG).show()
            }
        }
    }
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

/** Log in, or create an account; choose the language (English, Hindi). */
class LoginActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val prefs = getSharedPreferences(TrackApp.PREFS, MODE_PRIVATE)
        if (prefs.getString("token", null) != null) {
            startActivity(Intent(this, HomeActivity::class.java)); finish(); return
        }
        val server = field(R.string.server).apply { setText(prefs.getString("server", "https://")) }
        val name = field(R.string.name)
        val login = field(R.string.phone_or_email)
        val password = field(R.string.password, password = true)
        val seller = field(R.string.seller)
        setContentView(column(
            server, login, password, seller,
            button(R.string.login) {
                background({ TrackCore.login(server.text.toString(), login.text.toString(), password.text.toString(), seller.text.toString()) }) { s ->
                    prefs.edit().putString("server", server.text.toString()).putString("token", s.token).apply()
                    startActivity(Intent(this, HomeActivity::class.java)); finish()
                }
            },
            name,
            button(R.string.create_account) {
                background({ TrackCore.createAccount(server.text.toString(), name.text.toString(), login.text.toString(), password.text.toString(), seller.text.toString()) }) {
                    Toast.makeText(this, R.string.login, Toast.LENGTH_SHORT).show()
                }
            },
            button(R.string.language) {
                val tags = arrayOf("en", "hi")
                AlertDialog.Builder(this).setTitle(R.string.language).setItems(arrayOf("English", "हिन्दी")) { _, i ->
                    AppCompatDelegate.setApplicationLocales(LocaleListCompat.forLanguageTags(tags[i]))
                }.show()
            },
        ))
    }
}

/** Home: scan, itinerary, sync status, the working-hours notice. */
class HomeActivity : AppCompatActivity() {
    private lateinit var status: TextView

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        status = TextView(this)
        setContentView(column(
            TextView(this).apply { setText(R.string.working_hours) },
            button(R.string.scan_ofd) { startActivity(Intent(this, ScanActivity::class.java)) },
            button(R.string.itinerary) { startActivity(Intent(this, ItineraryActivity::class.java)) },
            button(R.string.sync_now) { syncNow() },
            button(R.string.report_problem) {
                background({ it.problemReport(BuildConfig.VERSION_NAME) }) { r ->
                    AlertDialog.Builder(this).setTitle(R.string.report_problem).setMessage(getString(R.string.report_id, r.reportId)).show()
                }
            },
            status,
        ))
    }

    override fun onResume() {
        super.onResume()
        background({ it.syncStatus() }) { s ->
            status.text = getString(R.string.sync_status, s.pending.toInt(), s.lastSuccess ?: getString(R.string.never)) + (s.lastError?.let { "\n$it" } ?: "")
        }
    }

    private fun syncNow() {
        val prefs = getSharedPreferences(TrackApp.PREFS, MODE_PRIVATE)
        val server = prefs.getString("server", null) ?: return
        val token = prefs.getString("token", null) ?: return
        background({ it.sync(server, token, fetchOrders = true) }) { onResume() }
    }
}

/** The day's itinerary; tap an order for its details. */
class ItineraryActivity : AppCompatActivity() {
    override fun onResume() {
        super.onResume()
        background({ it.itinerary() }) { entries ->
            setContentView(column(*entries.map { e ->
                Button(this).apply {
                    text = "${e.customerName}\n${e.address}\n${e.status} · ${getString(R.string.attempts, e.attempts)}"
                    setOnClickListener { startActivity(Intent(this@ItineraryActivity, OrderActivity::class.java).putExtra("tracking", e.trackingId)) }
                }
            }.toTypedArray()))
        }
    }
}

/** One order: details, the call button, scan for delivery, unable to deliver. */
class OrderActivity : AppCompatActivity() {
    override fun onResume() {
        super.onResume()
        val tracking = intent.getStringExtra("tracking") ?: return finish()
        background({ it.orderDetails(tracking) }) { d ->
            setContentView(column(
                TextView(this).apply { text = "${d.customerName}\n${d.address}\n${d.status} · ${getString(R.string.attempts, d.attempts)}" },
                button(R.string.call_customer) { d.phoneUri?.let { startActivity(Intent(Intent.ACTION_DIAL, Uri.parse(it))) } },
                button(R.string.scan_for_delivery) {
                    startActivity(Intent(this, ScanActivity::class.java).putExtra("deliver", tracking))
                },
                button(R.string.unable_to_deliver) { unableToDeliver(tracking) },
            ))
        }
    }

    private fun unableToDeliver(tracking: String) {
        val labels = intArrayOf(
            R.string.reason_not_available, R.string.reason_missed, R.string.reason_address, R.string.reason_customer,
            R.string.reason_not_required, R.string.reason_mismatch, R.string.reason_damaged,
        ).map(::getString).toTypedArray()
        AlertDialog.Builder(this).setTitle(R.string.unable_to_deliver).setItems(labels) { _, i ->
            background({ core ->
                if (i < 4) core.markUndeliverable(tracking, UndeliverableReason.entries[i]) else core.reject(tracking, RejectReason.entries[i - 4])
            }) { finish() }
        }.show()
    }
}

/** Asks whom the parcel was handed to, then records the delivery. */
fun Activity.chooseRecipient(opened: String, scanned: String, done: () -> Unit) {
    val kinds = RecipientKind.entries
    val labels = intArrayOf(R.string.recipient_customer, R.string.recipient_family, R.string.recipient_neighbour, R.string.recipient_security, R.string.recipient_other)
        .map(::getString).toTypedArray()
    AlertDialog.Builder(this).setTitle(R.string.handed_to).setItems(labels) { _, i ->
        if (kinds[i] == RecipientKind.OTHER) {
            val name = EditText(this)
            AlertDialog.Builder(this).setTitle(R.string.name).setView(name).setPositiveButton(android.R.string.ok) { _, _ ->
                background({ it.deliver(opened, scanned, RecipientKind.OTHER, name.text.toString()) }) { done() }
            }.show()
        } else {
            background({ it.deliver(opened, scanned, kinds[i]) }) { done() }
        }
    }.show()
}
