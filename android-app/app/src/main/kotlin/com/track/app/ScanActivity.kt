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
import androidx.camera.core.resolutionselector.ResolutionSelector
import androidx.camera.core.resolutionselector.ResolutionStrategy
import androidx.camera.lifecycle.ProcessCameraProvider
import androidx.camera.view.PreviewView
import androidx.core.content.ContextCompat
import com.track.core.ScanResult
import java.util.concurrent.Executors

/**
 * Camera scanning. Without an extra: the OFD multi-scan (count, confirm, cancel). With
 * `deliver`: scan for delivery of that order, then choose the recipient.
 *
 * CameraX analysis at 1280×720 on one background thread; KEEP_ONLY_LATEST drops frames while one
 * is being decoded; the Y plane goes to the core as it is, cropped to the centre.
 */
class ScanActivity : AppCompatActivity() {
    private val analysis = Executors.newSingleThreadExecutor()
    private lateinit var count: TextView
    private var deliver: String? = null

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
                addView(button(R.string.confirm) { background({ it.confirmOfd() }) { finish() } })
                addView(button(R.string.cancel) { background({ it.cancelOfd() }) { finish() } })
            }
        }
        setContentView(layout)
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) {
            start(preview)
        } else {
            requestPermissions(arrayOf(Manifest.permission.CAMERA), 1)
        }
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults)
        if (grantResults.firstOrNull() == PackageManager.PERMISSION_GRANTED) recreate() else finish()
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
                    val y = it.planes[0]
                    // The centre of the frame: the middle 80 % across, 50 % down.
                    val cw = it.width * 8 / 10
                    val ch = it.height / 2
                    val crop = intArrayOf((it.width - cw) / 2, (it.height - ch) / 2, cw, ch)
                    val result = runCatching {
                        TrackApp.of(this).core.scanFrame(y.buffer, it.width, it.height, y.rowStride, y.pixelStride, it.imageInfo.rotationDegrees, crop)
                    }.getOrNull()
                    if (result != null) runOnUiThread { onScan(result) }
                }
            }
            val p = androidx.camera.core.Preview.Builder().build().also { it.surfaceProvider = preview.surfaceProvider }
            provider.unbindAll()
            provider.bindToLifecycle(this, CameraSelector.DEFAULT_BACK_CAMERA, p, analyzer)
        }, ContextCompat.getMainExecutor(this))
    }

    private fun onScan(result: ScanResult) {
        val opened = deliver
        when (result) {
            is ScanResult.Label -> if (opened != null) {
                chooseRecipient(opened, result.trackingId) { finish() }
            } else {
                background({ it.scanOfd(result.trackingId) }) { r -> count.text = getString(R.string.scanned_count, r.count) }
            }
            is ScanResult.AlreadyScanned -> Toast.makeText(this, R.string.already_scanned, Toast.LENGTH_SHORT).show()
            is ScanResult.BadScan -> Toast.makeText(this, result.message, Toast.LENGTH_LONG).show()
            is ScanResult.Unknown -> {} // a result of a newer core: nothing to show
        }
    }

    override fun onDestroy() {
        super.onDestroy()
        analysis.shutdown()
    }
}
