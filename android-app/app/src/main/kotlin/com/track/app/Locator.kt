package com.track.app

import android.Manifest
import android.content.Context
import android.content.pm.PackageManager
import android.location.LocationListener
import android.location.LocationManager
import android.os.Bundle
import android.os.Looper
import android.util.Log
import androidx.core.content.ContextCompat
import com.track.core.Location

/**
 * The phone's location from the platform's [LocationManager] (GPS and network providers; no Play
 * Services), while a scanning screen is in front and only when the DA granted the permission.
 * [current] is the latest fix when fresh, with its fix time, as the core records it.
 */
class Locator(context: Context) : LocationListener {
    private val context = context.applicationContext
    private val manager = this.context.getSystemService(Context.LOCATION_SERVICE) as LocationManager

    @Volatile
    private var latest: android.location.Location? = null

    fun granted(): Boolean = listOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION)
        .any { ContextCompat.checkSelfPermission(context, it) == PackageManager.PERMISSION_GRANTED }

    /** Starts listening (on the main looper); nothing without the permission. */
    fun start() {
        if (!granted()) return
        for (provider in listOf(LocationManager.GPS_PROVIDER, LocationManager.NETWORK_PROVIDER)) {
            if (!manager.allProviders.contains(provider)) continue
            try {
                manager.getLastKnownLocation(provider)?.let(::offer)
                manager.requestLocationUpdates(provider, 10_000L, 0f, this, Looper.getMainLooper())
            } catch (e: SecurityException) {
                Log.w("track", "location permission withdrawn: ${e.message}")
            } catch (e: IllegalArgumentException) {
                Log.w("track", "no location provider $provider: ${e.message}")
            }
        }
    }

    fun stop() = manager.removeUpdates(this)

    private fun offer(l: android.location.Location) {
        val last = latest
        if (last == null || l.time >= last.time) latest = l
    }

    /** The latest fix when at most [MAX_AGE_MS] old and with an accuracy, else null (the scan goes without). */
    fun current(): Location? {
        val l = latest ?: return null
        if (!l.hasAccuracy() || System.currentTimeMillis() - l.time > MAX_AGE_MS) return null
        return Location(l.latitude, l.longitude, l.accuracy.toDouble(), l.time)
    }

    override fun onLocationChanged(location: android.location.Location) = offer(location)

    // Abstract before Android 10 (API 29): implemented so older phones never call a missing method.
    @Deprecated("Deprecated in Android API 29")
    override fun onStatusChanged(provider: String?, status: Int, extras: Bundle?) {}
    override fun onProviderEnabled(provider: String) {}
    override fun onProviderDisabled(provider: String) {}

    companion object {
        const val MAX_AGE_MS = 2 * 60_000L
    }
}
