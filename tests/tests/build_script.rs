//! `./build.sh android` on a machine without the Android NDK stops with a message saying what to
//! install, and builds nothing.

use std::path::Path;
use std::process::Command;

#[test]
fn android_build_without_the_ndk_says_what_to_install() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new("bash")
        .arg(root.join("build.sh"))
        .arg("android")
        .env_remove("ANDROID_NDK_HOME")
        .current_dir(&root)
        .output()
        .expect("run build.sh");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Android NDK") && err.contains("ANDROID_NDK_HOME"), "{err}");
    assert!(err.contains("nothing was built"), "{err}");
    assert!(!root.join("android-app/track-core/src/main/jniLibs").exists(), "something was built");
}
