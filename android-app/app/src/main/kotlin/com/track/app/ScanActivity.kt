package com.track.app

import android.Manifest
import android.content.pm.PackageManager
import android.os.Bundle
import android.util.Size
import android.widget.LinearLayout
import android.widget.TextView
import android.widget.Toast
import androidx.appcompat.app.AppCompatActivity
import androidx.camera.core.CameraSelector
import androidx.camera.core.ImageAnalysis
import androidx.camera.core.ImageCapture
import androidx.camera.core.ImageCaptureException
import androidx.camera.core.resolutionselector.ResolutionSelector
import androidx.camera.core.resolutionselector.ResolutionStrategy
import androidx.camera.lifecycle.ProcessCameraProvider
import androidx.camera.view.PreviewView
import androidx.core.content.ContextCompat
import androidx.appcompat.app.AlertDialog
import com.track.core.PodPhoto
import com.track.core.RecipientKind
import com.track.core.ScanResult
import com.track.core.TrackException
import java.io.File
import java.security.MessageDigest
import java.util.UUID
import java.util.concurrent.Executors

/**
 * Camera scanning. Without an extra: the OFD multi-scan (count, confirm, cancel). With
 * `deliver`: scan for delivery of that order, choose the recipient, then take the
 * proof-of-delivery photo (CameraX ImageCapture; its SHA-256 is recorded) or deliver without one.
 * Every recorded scan carries the phone's location when the DA allowed it ([Locator]).
 *
 * CameraX analysis at 1280×720 on one background thread; KEEP_ONLY_LATEST drops frames while one
 * is being decoded; the Y plane goes to the core as it is, cropped to the centre.
 */
class ScanActivity : AppCompatActivity() {
    private val analysis = Executors.newSingleThreadExecutor()
    private lateinit var count: TextView
    private var deliver: String? = null
    private var capture: ImageCapture? = null

    /** The last error shown from the analysis thread (not repeated every frame). */
    @Volatile
    private var lastError: String? = null

    /** A label is being delivered (recipient, photo): frames are not acted on meanwhile. */
    @Volatile
    private var busy = false

    private val locator get() = TrackApp.of(this).locator

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        deliver = intent.getStringExtra("deliver")
        val preview = PreviewView(this)
        count = TextView(this)
        val layout = LinearLayout(this).apply {
            orientation = LinearLayout.VERTICAL
            addView(preview, LinearLayout.LayoutParams(LinearLayout.LayoutParams.MATCH_PARENT, 0, 1f))
            addView(count)
            if (deliver == null) {
                addView(button(R.string.confirm) { background({ it.confirmOfd(locator.current()) }) { finish() } })
                addView(button(R.string.cancel) { background({ it.cancelOfd() }) { finish() } })
            }
        }
        setContentView(layout)
        // The label just scanned for Out for Delivery is recognised for delivery at once.
        background({ it.resetScanner() }) {}
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) {
            start(preview)
            if (!locator.granted()) requestPermissions(arrayOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION), LOCATION)
        } else {
            requestPermissions(arrayOf(Manifest.permission.CAMERA, Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION), CAMERA)
        }
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults)
        when (requestCode) {
            // The camera is needed; the location is optional (scans are recorded without it).
            CAMERA -> if (grantResults.firstOrNull() == PackageManager.PERMISSION_GRANTED) recreate() else finish()
            LOCATION -> locator.start()
        }
    }

    override fun onResume() {
        super.onResume()
        locator.start()
    }

    override fun onPause() {
        super.onPause()
        locator.stop()
    }

    private fun start(preview: PreviewView) {
        val future = ProcessCameraProvider.getInstance(this)
        future.addListener({
            val provider = future.get()
            val analyzer = ImageAnalysis.Builder()
                .setResolutionSelector(ResolutionSelector.Builder().setResolutionStrategy(
                    ResolutionStrategy(Size(1280, 720), ResolutionStrategy.FALLBACK_RULE_CLOSEST_HIGHER_THEN_LOWER)).build())
                .setBackpressureStrategy(ImageAnalysis.STRATEGY_KEEP_ONLY_LATEST)
                .setOutputImageFormat(ImageAnalysis.OUTPUT_IMAGE_FORMAT_YUV_420_888)
                .build()
            analyzer.setAnalyzer(analysis) { image ->
                image.use {
                    if (busy) return@use
                    val y = it.planes[0]
                    // The centre of the frame: the middle 80 % across, 50 % down.
                    val cw = it.width * 8 / 10
                    val ch = it.height / 2
                    val crop = intArrayOf((it.width - cw) / 2, (it.height - ch) / 2, cw, ch)
                    try {
                        val result = TrackApp.of(this).core.scanFrame(y.buffer, it.width, it.height, y.rowStride, y.pixelStride, it.imageInfo.rotationDegrees, crop)
                        lastError = null
                        if (result != null) runOnUiThread { onScan(result) }
                    } catch (e: TrackException) {
                        frameError(e)
                    } catch (e: IllegalArgumentException) {
                        frameError(e)
                    } catch (e: IllegalStateException) {
                        frameError(e)
                    }
                }
            }
            val p = androidx.camera.core.Preview.Builder().build().also { it.surfaceProvider = preview.surfaceProvider }
            provider.unbindAll()
            if (deliver != null) {
                val photo = ImageCapture.Builder().setCaptureMode(ImageCapture.CAPTURE_MODE_MINIMIZE_LATENCY).build()
                capture = photo
                provider.bindToLifecycle(this, CameraSelector.DEFAULT_BACK_CAMERA, p, analyzer, photo)
            } else {
                provider.bindToLifecycle(this, CameraSelector.DEFAULT_BACK_CAMERA, p, analyzer)
            }
        }, ContextCompat.getMainExecutor(this))
    }

    /** An error of a frame, shown once (not again for every following frame). */
    private fun frameError(e: Throwable) {
        val text = message(e)
        if (text == lastError) return
        lastError = text
        runOnUiThread { showError(e) }
    }

    private fun onScan(result: ScanResult) {
        val opened = deliver
        when (result) {
            is ScanResult.Label -> if (opened != null) {
                if (busy) return
                busy = true
                chooseRecipient(cancelled = { busy = false }) { kind, name -> offerPhoto(opened, result.trackingId, kind, name) }
            } else {
                background({ it.scanOfd(result.trackingId) }) { r -> count.text = getString(R.string.scanned_count, r.count) }
            }
            is ScanResult.AlreadyScanned -> Toast.makeText(this, R.string.already_scanned, Toast.LENGTH_SHORT).show()
            is ScanResult.BadScan -> Toast.makeText(this, result.message, Toast.LENGTH_LONG).show()
            is ScanResult.Unknown -> {} // a result of a newer core: nothing to show
        }
    }

    /** On Delivered: take the proof-of-delivery photo, or deliver without one. */
    private fun offerPhoto(opened: String, scanned: String, kind: RecipientKind, name: String?) {
        AlertDialog.Builder(this)
            .setPositiveButton(R.string.take_pod_photo) { _, _ -> takePhoto(opened, scanned, kind, name) }
            .setNegativeButton(R.string.skip_photo) { _, _ -> record(opened, scanned, kind, name, null) }
            .setOnCancelListener { busy = false }
            .show()
    }

    private fun takePhoto(opened: String, scanned: String, kind: RecipientKind, name: String?) {
        val photo = capture ?: return record(opened, scanned, kind, name, null)
        val dir = File(filesDir, "pod").apply { mkdirs() }
        val file = File(dir, "${UUID.randomUUID()}.jpg")
        photo.takePicture(ImageCapture.OutputFileOptions.Builder(file).build(), ContextCompat.getMainExecutor(this),
            object : ImageCapture.OnImageSavedCallback {
                override fun onImageSaved(outputFileResults: ImageCapture.OutputFileResults) {
                    record(opened, scanned, kind, name, file)
                }

                override fun onError(exception: ImageCaptureException) {
                    busy = false
                    Toast.makeText(this@ScanActivity, getString(R.string.photo_failed, exception.message ?: exception.imageCaptureError.toString()), Toast.LENGTH_LONG).show()
                }
            })
    }

    /** Records the delivery with the location and the photo (its SHA-256, computed off the main thread). */
    private fun record(opened: String, scanned: String, kind: RecipientKind, name: String?, photo: File?) {
        val location = locator.current()
        val app = TrackApp.of(this)
        app.io.execute {
            val result = runCatching {
                // The core copies the file (its photo queue) and uploads it after the delivery syncs.
                val pod = photo?.let { PodPhoto(it.path, sha256(it)) }
                app.core.deliver(opened, scanned, kind, name, location, pod)
            }
            runOnUiThread {
                busy = false
                result.onSuccess { finish() }.onFailure { e -> showError(e) }
            }
        }
    }

    override fun onDestroy() {
        super.onDestroy()
        analysis.shutdown()
    }

    private companion object {
        const val CAMERA = 1
        const val LOCATION = 2

        fun sha256(file: File): String {
            val digest = MessageDigest.getInstance("SHA-256")
            file.inputStream().use { input ->
                val buffer = ByteArray(64 * 1024)
                while (true) {
                    val n = input.read(buffer)
                    if (n < 0) break
                    digest.update(buffer, 0, n)
                }
            }
            return digest.digest().joinToString("") { "%02x".format(it) }
        }
    }
}
