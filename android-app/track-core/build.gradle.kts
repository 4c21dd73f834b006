// The Kotlin library over the Rust core. Its jniLibs (arm64-v8a, armeabi-v7a, x86_64) are built by
// the `cargoNdk` task below before every build (as `../build.sh android` does); its tests run on
// the host JVM through `../build.sh test`. Publishable as an AAR with its jniLibs:
// `./gradlew :track-core:publishReleasePublicationToLocalRepository` (into build/repo).
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
    id("maven-publish")
}

/** The ABIs built and packaged: phones (arm64-v8a, armeabi-v7a) and emulators (x86_64). */
val abis = listOf("arm64-v8a", "armeabi-v7a", "x86_64")

android {
    namespace = "com.track.core"
    compileSdk = 35
    // The NDK cargo-ndk builds with when ANDROID_NDK_HOME is not set (SDK Manager > NDK).
    ndkVersion = "27.2.12479018"
    defaultConfig {
        minSdk = 24
        ndk { abiFilters += abis }
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets["main"].jniLibs.srcDirs("src/main/jniLibs")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
    packaging { jniLibs.useLegacyPackaging = false }
    publishing {
        singleVariant("release") { withSourcesJar() }
    }
}

// The Rust workspace (the repository's root) and where its Android libraries go.
val rustWorkspace: File = rootProject.projectDir.parentFile
val jniLibsDir: File = file("src/main/jniLibs")

/**
 * `libtrack_android.so` for every ABI with cargo-ndk, in the workspace's size-tuned `android`
 * profile with the phone's configuration (`.cargo/phone.toml`: 16 KB page alignment for
 * Android 15+ devices, packed relocations, only the marketplaces' time zones): the same command
 * as `../build.sh android`. Skipped with `-Ptrack.skipCargo=true` when the libraries were
 * built beforehand (e.g. by `../build.sh android`).
 */
val cargoNdk by tasks.registering(Exec::class) {
    group = "build"
    description = "Builds libtrack_android.so for ${abis.joinToString()} with cargo-ndk into src/main/jniLibs"
    onlyIf { project.findProperty("track.skipCargo")?.toString() != "true" }
    workingDir = rustWorkspace
    doFirst {
        // The NDK: ANDROID_NDK_HOME, or the SDK's NDK of ndkVersion. A missing one fails here with
        // what to install, as `../build.sh android` does.
        val ndk = System.getenv("ANDROID_NDK_HOME")?.takeIf { it.isNotEmpty() }?.let(::File)
            ?: runCatching { android.ndkDirectory }.getOrNull()
        if (ndk == null || !ndk.isDirectory) {
            throw GradleException(
                "the Rust libraries need the Android NDK (SDK Manager > SDK Tools > NDK ${android.ndkVersion}, or " +
                    "export ANDROID_NDK_HOME) and cargo-ndk (cargo install cargo-ndk); or build them with ../build.sh android " +
                    "and pass -Ptrack.skipCargo=true",
            )
        }
        environment("ANDROID_NDK_HOME", ndk.absolutePath)
        // Cargo drops the config's rustflags (phone.toml: 16 KB pages, packed relocations) when
        // RUSTFLAGS is set.
        if (!System.getenv("RUSTFLAGS").isNullOrEmpty()) {
            throw GradleException("unset RUSTFLAGS: it would replace .cargo/phone.toml's link options (16 KB pages, packed relocations)")
        }
    }
    commandLine(
        listOf("cargo", "ndk") + abis.flatMap { listOf("-t", it) } +
            listOf("-P", "24", "-o", jniLibsDir.path, "build", "--locked", "--profile", "android", "-p", "track-android", "--features", "phone") +
            // The phone's configuration: only the marketplaces' time zones (as ../build.sh android).
            listOf("--config", File(rustWorkspace, ".cargo/phone.toml").path),
    )
    inputs.files(
        fileTree(rustWorkspace) {
            include("Cargo.toml", "Cargo.lock", ".cargo/*.toml", "core/Cargo.toml", "core/src/**", "android-bindings/Cargo.toml", "android-bindings/src/**")
        },
    )
    outputs.dir(jniLibsDir)
}

tasks.named("preBuild") { dependsOn(cargoNdk) }
tasks.matching { it.name.startsWith("merge") && it.name.endsWith("JniLibFolders") }.configureEach { dependsOn(cargoNdk) }

/**
 * The Kotlin half of rustls-platform-verifier must be the release of the crate
 * `rustls-platform-verifier-android` that Cargo.lock holds: pinned here, checked against
 * Cargo.lock when the build is configured (update both together).
 */
val rustlsPlatformVerifierVersion = "0.2.0"
run {
    val lock = File(rustWorkspace, "Cargo.lock").readLines()
    val at = lock.indexOfFirst { it.trim() == "name = \"rustls-platform-verifier-android\"" }
    val locked = lock.drop(at + 1).firstOrNull { it.trimStart().startsWith("version = ") }?.substringAfter('"')?.substringBefore('"')
    check(at >= 0 && locked == rustlsPlatformVerifierVersion) {
        "rustls-platform-verifier: Cargo.lock has rustls-platform-verifier-android $locked, " +
            "track-core/build.gradle.kts pins $rustlsPlatformVerifierVersion: make them equal"
    }
}

dependencies {
    // The Kotlin half of rustls-platform-verifier (its repository is set in settings.gradle.kts).
    implementation("rustls:rustls-platform-verifier:$rustlsPlatformVerifierVersion")
    // org.json is in the Android platform: nothing to bundle. The host tests (JUnit 4) run through
    // ../build.sh test, which puts Debian's junit4 and libandroid-json-org-java on the classpath.
    testImplementation("junit:junit:4.13.2")
    testImplementation("org.json:json:20090211")
}

publishing {
    publications {
        register<MavenPublication>("release") {
            groupId = "com.track"
            artifactId = "track-core"
            version = "0.1.0"
            afterEvaluate { from(components["release"]) }
        }
    }
    repositories {
        maven {
            name = "local"
            url = uri(layout.buildDirectory.dir("repo"))
        }
    }
}
