package com.track.core

/**
 * A small JSON reader for the core's answers (objects, arrays, strings, numbers, booleans, null),
 * so the library needs nothing beyond the Kotlin standard library on Android and on the JVM.
 */
internal object Json {
    fun parse(text: String): Any? {
        val p = Parser(text)
        val v = p.value()
        p.skipSpace()
        require(p.atEnd()) { "trailing characters in JSON at ${p.pos}" }
        return v
    }

    private class Parser(val s: String) {
        var pos = 0

        fun atEnd() = pos >= s.length
        fun skipSpace() { while (pos < s.length && s[pos].isWhitespace()) pos++ }

        fun value(): Any? {
            skipSpace()
            require(pos < s.length) { "unexpected end of JSON" }
            return when (val c = s[pos]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> literal("true", true)
                'f' -> literal("false", false)
                'n' -> literal("null", null)
                else -> if (c == '-' || c.isDigit()) num() else throw IllegalArgumentException("unexpected '$c' in JSON at $pos")
            }
        }

        private fun literal(word: String, v: Any?): Any? {
            require(s.startsWith(word, pos)) { "bad literal in JSON at $pos" }
            pos += word.length
            return v
        }

        private fun num(): Any {
            val start = pos
            while (pos < s.length && (s[pos].isDigit() || s[pos] in "+-.eE")) pos++
            val t = s.substring(start, pos)
            return t.toLongOrNull() ?: t.toDouble()
        }

        private fun str(): String {
            pos++ // opening quote
            val b = StringBuilder()
            while (true) {
                require(pos < s.length) { "unterminated string in JSON" }
                val c = s[pos++]
                when (c) {
                    '"' -> return b.toString()
                    '\\' -> {
                        val e = s[pos++]
                        when (e) {
                            'n' -> b.append('\n'); 't' -> b.append('\t'); 'r' -> b.append('\r')
                            'b' -> b.append('\b'); 'f' -> b.append('\u000C')
                            'u' -> { b.append(s.substring(pos, pos + 4).toInt(16).toChar()); pos += 4 }
                            else -> b.append(e)
                        }
                    }
                    else -> b.append(c)
                }
            }
        }

        private fun arr(): List<Any?> {
            pos++
            val out = ArrayList<Any?>()
            skipSpace()
            if (s[pos] == ']') { pos++; return out }
            while (true) {
                out.add(value())
                skipSpace()
                when (s[pos++]) {
                    ',' -> continue
                    ']' -> return out
                    else -> throw IllegalArgumentException("expected , or ] in JSON at ${pos - 1}")
                }
            }
        }

        private fun obj(): Map<String, Any?> {
            pos++
            val out = LinkedHashMap<String, Any?>()
            skipSpace()
            if (s[pos] == '}') { pos++; return out }
            while (true) {
                skipSpace()
                val k = str()
                skipSpace()
                require(s[pos++] == ':') { "expected : in JSON at ${pos - 1}" }
                out[k] = value()
                skipSpace()
                when (s[pos++]) {
                    ',' -> continue
                    '}' -> return out
                    else -> throw IllegalArgumentException("expected , or } in JSON at ${pos - 1}")
                }
            }
        }
    }
}

@Suppress("UNCHECKED_CAST")
internal fun Any?.obj(): Map<String, Any?> = this as Map<String, Any?>
@Suppress("UNCHECKED_CAST")
internal fun Any?.list(): List<Any?> = this as List<Any?>
internal fun Map<String, Any?>.str(k: String): String = this[k] as String
internal fun Map<String, Any?>.strOrNull(k: String): String? = this[k] as String?
internal fun Map<String, Any?>.long(k: String): Long = (this[k] as Number).toLong()
internal fun Map<String, Any?>.int(k: String): Int = (this[k] as Number).toInt()
internal fun Map<String, Any?>.doubleOrNull(k: String): Double? = (this[k] as Number?)?.toDouble()
