package com.track.core

import org.json.JSONArray
import org.json.JSONObject

/**
 * Reads one JSON object the native library sent (parsed by `org.json`, in the Android platform):
 * typed getters that note every key read, so the drift test can check that each decoder reads
 * exactly the keys the Rust type has. Internal: app code gets data classes.
 */
internal class Obj(private val o: JSONObject, private val all: MutableList<Obj>? = null) {
    /** The keys read so far. */
    val read = mutableSetOf<String>()

    init { all?.add(this) }

    val keys: Set<String> get() = o.keys().asSequence().map { it as String }.toSet()

    private fun take(key: String): Any? {
        read += key
        if (!o.has(key)) throw IllegalStateException("track-core: the native library sent no \"$key\"")
        return if (o.isNull(key)) null else o.get(key)
    }

    private fun missing(key: String): Nothing = throw IllegalStateException("track-core: \"$key\" is null")

    fun strOrNull(key: String): String? = take(key)?.toString()
    fun str(key: String): String = strOrNull(key) ?: missing(key)
    fun int(key: String): Int = intOrNull(key) ?: missing(key)
    fun intOrNull(key: String): Int? = (take(key) as Number?)?.toInt()
    fun long(key: String): Long = longOrNull(key) ?: missing(key)
    fun longOrNull(key: String): Long? = (take(key) as Number?)?.toLong()
    fun doubleOrNull(key: String): Double? = (take(key) as Number?)?.toDouble()
    fun double(key: String): Double = doubleOrNull(key) ?: missing(key)
    fun bool(key: String): Boolean = (take(key) as Boolean?) ?: missing(key)
    fun objOrNull(key: String): Obj? = (take(key) as JSONObject?)?.let { Obj(it, all) }
    fun objects(key: String): List<Obj> = (take(key) as JSONArray? ?: missing(key)).let { a -> (0 until a.length()).map { Obj(a.getJSONObject(it), all) } }

    companion object {
        fun parse(json: String, all: MutableList<Obj>? = null) = Obj(JSONObject(json), all)

        fun strings(json: String): List<String> = JSONArray(json).let { a -> (0 until a.length()).map { a.getString(it) } }
    }
}

/** An enum with a stable code shared with the core. */
internal interface Coded { val code: String }

/** The value of [code], or [unknown] for a code this version does not know (a newer core). */
internal inline fun <reified E> codeOf(code: String, unknown: E): E where E : Enum<E>, E : Coded =
    enumValues<E>().firstOrNull { it.code == code && it != unknown } ?: unknown
