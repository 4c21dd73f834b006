package com.track.app

import android.content.Context
import com.track.core.RefusalReason
import com.track.core.TrackException

/*
 * What the DA reads, in the app's language (values/strings.xml, values-hi/strings.xml): one
 * string per TrackException kind and per refusal reason of the server. The core's own message
 * (English) is added below when it says more than the kind (e.g. which parcel).
 */

/** The DA's message for an error of the core. */
fun Context.message(e: Throwable): String = when (e) {
    is TrackException -> getString(messageOf(e)).let { line ->
        when (e) {
            is TrackException.LabelMismatch -> getString(R.string.error_label_mismatch_ids, e.opened, e.scanned)
            is TrackException.OutsideWorkingHours -> getString(R.string.error_outside_hours_times, e.opensAt, e.closesAt)
            is TrackException.RejectedByServer -> "$line\n${e.reason}"
            else -> line
        }
    }
    is IllegalArgumentException -> getString(R.string.error_invalid_argument)
    else -> getString(R.string.error_unexpected, e.javaClass.simpleName)
}

private fun messageOf(e: TrackException): Int = when (e) {
    is TrackException.LabelMismatch -> R.string.error_label_mismatch
    is TrackException.EmptyBatch -> R.string.error_empty_batch
    is TrackException.BadScan -> R.string.error_bad_scan
    is TrackException.OutsideWorkingHours -> R.string.error_outside_hours
    is TrackException.ClockOutOfRange -> R.string.error_clock
    is TrackException.NotOnItinerary -> R.string.error_not_on_itinerary
    is TrackException.OrderNotFound -> R.string.error_order_not_found
    is TrackException.InvalidTrackingId -> R.string.error_invalid_tracking_id
    is TrackException.InvalidArgument -> R.string.error_invalid_argument
    is TrackException.StorageFull -> R.string.error_storage_full
    is TrackException.WrongKey -> R.string.error_wrong_key
    is TrackException.CorruptDatabase -> R.string.error_corrupt
    is TrackException.Storage -> R.string.error_storage
    is TrackException.SessionExpired -> R.string.error_session_expired
    is TrackException.WrongCredentials -> R.string.error_wrong_credentials
    is TrackException.NetworkUnreachable -> R.string.error_network
    is TrackException.RejectedByServer -> R.string.error_rejected_by_server
    is TrackException.ServerFailed -> R.string.error_server_failed
    is TrackException.BadServerUrl -> R.string.error_bad_server_url
    is TrackException.Protocol -> R.string.error_protocol
    is TrackException.Sync -> R.string.error_sync
}

/** "Refused by server: REASON", in the app's language. */
fun Context.refusedBy(reason: RefusalReason): String = getString(R.string.refused_by_server, getString(refusalOf(reason)))

fun refusalOf(reason: RefusalReason): Int = when (reason) {
    RefusalReason.UNKNOWN_ORDER -> R.string.refusal_unknown_order
    RefusalReason.ORDER_MISMATCH -> R.string.refusal_order_mismatch
    RefusalReason.NOT_SELF_DELIVERY -> R.string.refusal_not_self_delivery
    RefusalReason.INVALID_TRANSITION -> R.string.refusal_invalid_transition
    RefusalReason.NOT_ON_YOUR_ITINERARY -> R.string.refusal_not_on_your_itinerary
    RefusalReason.OUTSIDE_WORKING_HOURS -> R.string.refusal_outside_working_hours
    RefusalReason.AHEAD_OF_SERVER_CLOCK -> R.string.refusal_ahead_of_server_clock
    RefusalReason.BEFORE_SHIPMENT -> R.string.refusal_before_shipment
    RefusalReason.ATTEMPTS_EXHAUSTED -> R.string.refusal_attempts_exhausted
    RefusalReason.TIME_OUT_OF_RANGE, RefusalReason.LOCAL_OFFSET_OUT_OF_RANGE -> R.string.refusal_bad_time
    RefusalReason.INVALID_LOCATION -> R.string.refusal_invalid_location
    RefusalReason.OUT_OF_ORDER, RefusalReason.INVALID_SEQ, RefusalReason.EVENT_ID_TAKEN, RefusalReason.INVALID_ID,
    RefusalReason.INVALID_TRACKING_ID, RefusalReason.INVALID_ORDER_ID, RefusalReason.MISSING_REASON, RefusalReason.INVALID_REASON,
    RefusalReason.UNEXPECTED_REASON, RefusalReason.MISSING_RECIPIENT, RefusalReason.UNEXPECTED_RECIPIENT,
    RefusalReason.INVALID_RECIPIENT, RefusalReason.INVALID_POD_PHOTO -> R.string.refusal_invalid_scan
    RefusalReason.SERVER_ERROR -> R.string.error_server_failed
    RefusalReason.UNKNOWN -> R.string.refusal_unknown
}

/** "Scanning closes in 2 h 10 min" or "Scanning opens at 06:00 (in 7 h 30 min)". */
fun Context.workingHoursNotice(w: com.track.core.WorkingHours): String {
    fun span(seconds: Long): String {
        val minutes = (seconds + 59) / 60
        return getString(R.string.duration_h_min, minutes / 60, minutes % 60)
    }
    return if (w.open) {
        getString(R.string.hours_open, span(w.secondsUntilClose ?: 0), w.closes)
    } else {
        getString(R.string.hours_closed, w.opens, span(w.secondsUntilOpen ?: 0))
    }
}
