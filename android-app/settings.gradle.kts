// The Android app of track: `track-core` is the Kotlin library over the Rust core (JNI),
// `app` is the delivery associate's app. `./gradlew assembleDebug` builds the Rust libraries
// itself (track-core's `cargoNdk` task: the Android NDK and cargo-ndk are needed, as for
// `../build.sh android`).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
        // rustls-platform-verifier (the core's TLS certificate check on Android) publishes its
        // Kotlin part as a Maven repository on GitHub (its README, "Gradle Setup"); only its group
        // is looked up there. The version is pinned in track-core/build.gradle.kts and checked
        // against Cargo.lock.
        maven {
            url = uri("https://github.com/rustls/rustls-platform-verifier/raw/maven-archive/android-release-support/maven/")
            content { includeGroup("rustls") }
        }
    }
}
rootProject.name = "track"
include(":track-core", ":app")
