// The Kotlin library over the Rust core. Its jniLibs (arm64-v8a, armeabi-v7a, x86_64) are written
// by `../build.sh android`; its tests run on the host JVM through `../build.sh test`.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "com.track.core"
    compileSdk = 35
    defaultConfig {
        minSdk = 24
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets["main"].jniLibs.srcDirs("src/main/jniLibs")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
    packaging { jniLibs.useLegacyPackaging = false }
}

dependencies {
    // The Kotlin half of rustls-platform-verifier (its repository is set in settings.gradle.kts).
    implementation("rustls:rustls-platform-verifier:latest.release")
    // org.json is in the Android platform: nothing to bundle. The host tests (JUnit 4) run through
    // ../build.sh test, which puts Debian's junit4 and libandroid-json-org-java on the classpath.
    testImplementation("junit:junit:4.13.2")
    testImplementation("org.json:json:20090211")
}
