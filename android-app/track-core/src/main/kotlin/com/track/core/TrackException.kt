package com.track.core

/**
 * Every error of the core, as one sealed family. The message says what happened and what to do;
 * show it to the DA. Bad arguments (frame geometry, unknown codes passed as strings) are
 * [IllegalArgumentException]; calls on a closed [TrackCore] are [IllegalStateException].
 */
sealed class TrackException(message: String) : RuntimeException(message) {
    /** The label cannot be used: not a Self-Delivery order, not one of the DA's, wrong parcel… */
    class BadScan(message: String) : TrackException(message)
    /** Scanning is allowed from 06:00 to 22:00 local time. */
    class OutsideWorkingHours(message: String) : TrackException(message)
    /** The order is not on today's itinerary (scan it Out for Delivery first). */
    class NotOnItinerary(message: String) : TrackException(message)
    class InvalidTrackingId(message: String) : TrackException(message)
    class InvalidArgument(message: String) : TrackException(message)
    /** The phone's database failed (full storage, damaged file…). Nothing was recorded. */
    class Storage(message: String) : TrackException(message)
    /** Sync failed; recorded scans are kept and go with the next sync. */
    class Sync(message: String) : TrackException(message)
}
