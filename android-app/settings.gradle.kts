// The Android app of track: `track-core` is the Kotlin library over the Rust core (JNI),
// `app` is the delivery associate's app. Build the native libraries first: ../build.sh android
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
// rustls-platform-verifier (the core's TLS certificate check on Android) ships its Kotlin part as
// a local Maven repository inside its crate: find it with `cargo metadata`.
fun rustlsPlatformVerifierRepo(): File {
    val out = providers.exec {
        workingDir = file("..")
        commandLine("cargo", "metadata", "--format-version", "1", "--filter-platform", "aarch64-linux-android", "--manifest-path", "android-bindings/Cargo.toml")
    }.standardOutput.asText.get()
    val manifest = Regex("\"manifest_path\":\"([^\"]*rustls-platform-verifier-android[^\"]*)\"").find(out)?.groupValues?.get(1)
        ?: error("rustls-platform-verifier-android not found in cargo metadata: run ../build.sh android first")
    return File(File(manifest).parentFile, "maven")
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
        maven { url = uri(rustlsPlatformVerifierRepo()) ; metadataSources.artifact() }
    }
}
rootProject.name = "track"
include(":track-core", ":app")
