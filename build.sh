#!/usr/bin/env bash
# Every build and test entry point of track. Run `./build.sh help` for the list.
set -euo pipefail
cd "$(dirname "$0")"

CROSS_TARGETS=(aarch64-unknown-linux-gnu armv7-unknown-linux-gnueabihf)
DEMO_DIR=${DEMO_DIR:-target/demo}

say() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages whose command (or, for an absolute path, file) is missing.
# Arguments come in pairs: COMMAND-OR-PATH PACKAGE. Needs root, or sudo.
apt_install() {
    local missing=() have pkg
    while [ $# -gt 0 ]; do
        have=$1 pkg=$2; shift 2
        case $have in
            /*) [ -e "$have" ] || missing+=("$pkg") ;;
            *) command -v "$have" >/dev/null 2>&1 || missing+=("$pkg") ;;
        esac
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no root or sudo to install them"
        sudo="sudo"
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}): install them with your package manager"
    say "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_host_tools() {
    command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs)"
    apt_install cc gcc c++ g++ cmake cmake
}

need_cross_tools() {
    apt_install \
        qemu-aarch64 qemu-user \
        aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu \
        aarch64-linux-gnu-g++ g++-aarch64-linux-gnu \
        arm-linux-gnueabihf-gcc gcc-arm-linux-gnueabihf \
        arm-linux-gnueabihf-g++ g++-arm-linux-gnueabihf
    apt_install /usr/aarch64-linux-gnu/lib/crt1.o libc6-dev-arm64-cross \
        /usr/arm-linux-gnueabihf/lib/crt1.o libc6-dev-armhf-cross
    local installed t
    installed=$(rustup target list --installed)
    for t in "${CROSS_TARGETS[@]}"; do
        grep -qx "$t" <<<"$installed" || { say "rustup target add $t"; rustup target add "$t"; }
    done
    # Linkers, C/C++ compilers (for SQLite and the barcode engine) and qemu runners per target.
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
    export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc CXX_aarch64_unknown_linux_gnu=aarch64-linux-gnu-g++
    export AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar
    export CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_LINKER=arm-linux-gnueabihf-gcc
    export CARGO_TARGET_ARMV7_UNKNOWN_LINUX_GNUEABIHF_RUNNER="qemu-arm -L /usr/arm-linux-gnueabihf"
    export CC_armv7_unknown_linux_gnueabihf=arm-linux-gnueabihf-gcc CXX_armv7_unknown_linux_gnueabihf=arm-linux-gnueabihf-g++
    export AR_armv7_unknown_linux_gnueabihf=arm-linux-gnueabihf-ar
}

# Runs a cargo test command, keeping its output for the final count.
TEST_LOG=$(mktemp)
trap 'rm -f "$TEST_LOG"' EXIT
run_tests() {
    say "$*"
    "$@" 2>&1 | tee -a "$TEST_LOG"
    return "${PIPESTATUS[0]}"
}

summarize() {
    awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
         END { printf "total: %d passed, %d failed, %d skipped\n", p, f, s }' "$TEST_LOG"
}

cmd_test() {
    need_host_tools
    local status=0
    run_tests cargo test --workspace --locked || status=1
    need_cross_tools
    for t in "${CROSS_TARGETS[@]}"; do
        run_tests cargo test --locked -p track-core --target "$t" || status=1
    done
    summarize
    return $status
}

cmd_demo() {
    need_host_tools
    say "building the track CLI"
    cargo build --release --locked -p track-cli
    local track="${CARGO_TARGET_DIR:-target}/release/track" db
    mkdir -p "$DEMO_DIR"
    db="$DEMO_DIR/demo.db"
    rm -f "$db" "$db-wal" "$db-shm"
    say "importing the day's orders"
    "$track" import --db "$db" fixtures/demo/orders.json
    say "playing the DA's day (fixtures/demo/day.txt)"
    "$track" day --db "$db" fixtures/demo/day.txt
    say "the itinerary at the end of the day"
    "$track" itinerary --db "$db" --date 2026-11-23 --at "2026-11-23 22:30"
    say "the daily summary"
    "$track" summary --db "$db" --date 2026-11-23 --at "2026-11-23 22:30"
}

cmd_bench() {
    need_host_tools
    cargo bench --locked -p track-core
}

cmd_android() {
    if [ -z "${ANDROID_NDK_HOME:-}" ] || [ ! -d "${ANDROID_NDK_HOME:-/nonexistent}" ]; then
        die "the Android build needs the Android NDK: install it (Android Studio > SDK Manager > NDK, or sdkmanager 'ndk;27.2.12479018'), set ANDROID_NDK_HOME to its folder, and install cargo-ndk (cargo install cargo-ndk). Nothing was built."
    fi
    die "the Android bindings are not written yet (see the Kotlin/JNI issue); nothing was built."
}

usage() {
    cat <<'USAGE'
usage: ./build.sh COMMAND

  demo      build the CLI and play a sample DA day on a fresh database (the main job)
  test      host tests, then the core's tests cross-compiled for aarch64 and armv7 under qemu
            (installs missing rustup targets, cross compilers and qemu)
  bench     benchmarks (durable scan latency, itinerary load)
  android   the Android libraries (needs the Android NDK)
USAGE
}

case "${1:-help}" in
    demo) cmd_demo ;;
    test) cmd_test ;;
    bench) cmd_bench ;;
    android) cmd_android ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
esac
