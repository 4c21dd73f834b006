// The Android app of track: `track-core` is the Kotlin library over the Rust core (JNI),
// `app` is the delivery associate's app. Build the native libraries first: ../build.sh android
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
    }
}
rootProject.name = "track"
include(":track-core", ":app")
