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
    # A mirror in mid-sync can fail one index: go on with what was fetched, the install says if it is enough.
    $sudo apt-get update -qq || say "apt-get update reported errors; trying the install anyway"
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
PG_STARTED=""
trap 'rm -f "$TEST_LOG"; stop_postgres' EXIT
run_tests() {
    say "$*"
    "$@" 2>&1 | tee -a "$TEST_LOG"
    return "${PIPESTATUS[0]}"
}

summarize() {
    # cargo's `test result:` lines, and the Kotlin host tests' `N passed, N failed`.
    awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
         /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
         END { printf "total: %d passed, %d failed, %d skipped\n", p, f, s }' "$TEST_LOG"
}

# A throwaway PostgreSQL cluster for the server's tests and the load bench: Debian's `postgresql`
# (installed when missing), initdb'd under target/ (as the `postgres` user, or nobody, when run as
# root: PostgreSQL refuses to run as root), listening on a private loopback port and a unix socket
# in its folder. `start_postgres DIR [SETTINGS...]` sets PG_URL; stop_postgres (on exit) stops it.
pg_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
    [ -n "$initdb" ] && dirname "$initdb"
}

start_postgres() {
    local dir=$1; shift
    [ -n "$(pg_bin)" ] || apt_install /usr/lib/postgresql/no-server-yet postgresql
    local bin; bin=$(pg_bin) || { say "PostgreSQL: no initdb found after installing postgresql"; return 1; }
    rm -rf "$dir" && mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    local as=()
    if [ "$(id -u)" -eq 0 ]; then
        local user=postgres
        id -u "$user" >/dev/null 2>&1 || user=nobody
        chown "$user" "$dir"
        as=(runuser -u "$user" --)
        "${as[@]}" test -w "$dir" || { say "PostgreSQL: $user cannot write $dir (a parent folder is closed to it)"; return 1; }
    fi
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { say "PostgreSQL: initdb failed, see $dir/initdb.log"; return 1; }
    local port tries=0
    while :; do
        port=$((20000 + RANDOM % 20000))
        local opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 $*"
        if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null; then
            break
        fi
        tries=$((tries + 1))
        [ $tries -lt 3 ] || { say "PostgreSQL did not start: see $dir/server.log"; tail -n 20 "$dir/server.log" >&2; return 1; }
    done
    PG_STARTED="${as[*]} $bin/pg_ctl -D $dir/data"
    PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
    say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $PG_URL (cluster in $dir)"
}

stop_postgres() {
    [ -n "$PG_STARTED" ] || return 0
    $PG_STARTED -m immediate stop >/dev/null 2>&1 || true
    PG_STARTED=""
}

# The server's unit tests (the store's PostgreSQL cases run only here), API suite, the fault, SIGKILL, two-server
# and lifecycle parity tests again, on PostgreSQL: each
# test gets a fresh database on a throwaway cluster (durability is not under test here: fsync off).
postgres_tests() {
    say "the server's tests on PostgreSQL"
    if ! start_postgres target/pg-test -c fsync=off -c synchronous_commit=off -c full_page_writes=off; then
        say "PostgreSQL could not be started: the server's PostgreSQL tests did not run"
        echo "0 passed, 1 failed" | tee -a "$TEST_LOG"
        return 1
    fi
    local status=0
    TRACK_TEST_DB=$PG_URL run_tests cargo test --locked -p track-server --lib --test api || status=1
    TRACK_TEST_DB=$PG_URL run_tests cargo test --locked -p track-tests --test sync_faults --test sync_kill --test two_servers --test lifecycle_parity || status=1
    stop_postgres
    # Each test made its own database (about 0.9 GB in all): kept only when a test failed.
    [ $status -ne 0 ] || rm -rf target/pg-test/data
    return $status
}

KOTLIN_VERSION=2.4.20
KOTLIN_DIR=${KOTLIN_DIR:-$HOME/.cache/track/kotlin-$KOTLIN_VERSION}
KOTLIN_MODULE=android-app/track-core

# A JDK and kotlinc (npm package kotlin-compiler, installed into a cache folder).
need_kotlin_tools() {
    apt_install javac default-jdk-headless npm npm
    if [ ! -x "$KOTLIN_DIR/node_modules/kotlin-compiler/bin/kotlinc" ]; then
        say "installing kotlinc $KOTLIN_VERSION (npm kotlin-compiler) into $KOTLIN_DIR"
        mkdir -p "$KOTLIN_DIR"
        npm install --prefix "$KOTLIN_DIR" --no-audit --no-fund --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null
    fi
    KOTLINC="$KOTLIN_DIR/node_modules/kotlin-compiler/bin/kotlinc"
    ORG_JSON_JAR=/usr/share/java/json-android.jar
    JUNIT_JARS=/usr/share/java/junit4.jar:/usr/share/java/hamcrest.jar
    apt_install "$ORG_JSON_JAR" libandroid-json-org-java /usr/share/java/junit4.jar junit4 /usr/share/java/hamcrest.jar libhamcrest-java \
        sqlite3 sqlite3
}

# The Kotlin library and its tests on the host JVM, over the host build of the JNI bindings.
# Sets KOTLIN_TEST_JAR and TRACK_CLI for kotlin_arm_tests.
kotlin_tests() {
    need_kotlin_tools
    say "building the JNI bindings and the track command (its server) for the host"
    # self-test: the drift test's and the panic guard's entry points, left out of the phone's library.
    cargo build --locked -p track-android -p track-cli --features track-android/self-test
    local target out lib
    target=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)
    out="$target/kotlin" lib="$target/debug/libtrack_android.so"
    mkdir -p "$out"
    KOTLIN_TEST_JAR="$out/track-core-tests.jar" TRACK_CLI="$target/debug/track"
    say "compiling the Kotlin library and its tests ($KOTLINC)"
    # org.json is in the Android platform (the library does not bundle it); on the host, Debian's
    # libandroid-json-org-java has the same API, on the classpath of the host tests only. The tests
    # are JUnit 4 (Debian's junit4); their main prints the `N passed, N failed` summary line.
    "$KOTLINC" -nowarn -cp "$ORG_JSON_JAR:$JUNIT_JARS" "$KOTLIN_MODULE/src/main/kotlin" "$KOTLIN_MODULE/src/test/kotlin" -include-runtime -d "$KOTLIN_TEST_JAR"
    say "Kotlin tests on the host JVM"
    run_kotlin_tests "$lib" java
}

# One run of the Kotlin tests' main (-Xcheck:jni) over the bindings LIB, on the JVM that the
# remaining arguments start (a java command, possibly behind qemu, and its own options).
run_kotlin_tests() {
    local lib=$1; shift
    run_tests "$@" -Xcheck:jni -Dtrack.library="$lib" -Dtrack.fixtures=fixtures/demo -Dtrack.cli="$TRACK_CLI" \
        -cp "$KOTLIN_TEST_JAR:$ORG_JSON_JAR:$JUNIT_JARS" com.track.core.TrackCoreTest
}

# Debian's ARM JRE (and the few libraries it and the bindings load), unpacked into a private root
# under the target directory for qemu-user's -L. Not installed with apt as a foreign
# architecture: multiarch needs every shared library at the same version for amd64 and the ARM
# architecture, which a mirror in mid-sync (or an older amd64 install) breaks; the private root
# has no such coupling and leaves the system alone. Prints the root's path.
ARM_JVM_PACKAGES=(openjdk-17-jre-headless libc6 zlib1g libstdc++6 libgcc-s1)
need_arm_jvm() {
    local arch=$1 root=$2 sudo="" p debs
    if [ -x "$root/usr/lib/jvm/java-17-openjdk-$arch/bin/java" ]; then echo "$root"; return 0; fi
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # (Not `dpkg ... | grep -q`: with pipefail, grep's early exit fails the pipe.)
    if ! grep -qx "$arch" <<<"$(dpkg --print-foreign-architectures)"; then
        say "adding the Debian architecture $arch (for its JRE, run under qemu-user)"
        $sudo dpkg --add-architecture "$arch"
        $sudo apt-get update -qq || say "apt-get update reported errors; trying the download anyway"
    fi
    debs="$root.debs"
    rm -rf "$root" "$debs"
    mkdir -p "$root" "$debs"
    say "downloading Debian's $arch JRE (${ARM_JVM_PACKAGES[*]}) into $root"
    # apt-get download runs as the unprivileged _apt user where it can write the folder.
    chmod 777 "$debs"
    (cd "$debs" && apt-get download -qq "${ARM_JVM_PACKAGES[@]/%/:$arch}" >/dev/null) ||
        die "cannot download Debian's $arch JRE (${ARM_JVM_PACKAGES[*]/%/:$arch}): check apt's sources and 'dpkg --print-foreign-architectures'"
    for p in "$debs"/*.deb; do dpkg-deb -x "$p" "$root"; done
    rm -rf "$debs"
    [ -x "$root/usr/lib/jvm/java-17-openjdk-$arch/bin/java" ] || die "Debian's $arch JRE has no bin/java under $root"
    echo "$root"
}

# The same Kotlin tests on aarch64 and armv7 JVMs under qemu-user, over the cross-built bindings
# (32-bit armv7: jlong handles over 32-bit pointers). The JVM starts children (the host `track`
# server, sqlite3) with vfork: its default helper, jspawnhelper, is an ARM program the kernel
# cannot start without binfmt_misc.
kotlin_arm_tests() {
    local t arch qemu root target status=0
    [ -f "${KOTLIN_TEST_JAR:-}" ] || { say "no Kotlin test jar: the host Kotlin tests did not build, so the ARM runs are skipped"; return 1; }
    target=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)
    for t in "${CROSS_TARGETS[@]}"; do
        case $t in
            aarch64-*) arch=arm64 qemu=qemu-aarch64 ;;
            armv7-*) arch=armhf qemu=qemu-arm ;;
            *) die "no JVM architecture for $t" ;;
        esac
        say "building the JNI bindings for $t"
        cargo build --locked -p track-android --features self-test --target "$t" || { status=1; continue; }
        root=$(need_arm_jvm "$arch" "$target/jvm-$arch") || { status=1; continue; }
        say "Kotlin tests on the $arch JVM under $qemu"
        run_kotlin_tests "$target/$t/debug/libtrack_android.so" \
            "$qemu" -L "$root" "$root/usr/lib/jvm/java-17-openjdk-$arch/bin/java" -Djdk.lang.Process.launchMechanism=VFORK || status=1
    done
    return $status
}

SCHEMATHESIS_VERSION=4.32.5

# schemathesis (PyPI, pinned) in a venv under the target directory, run by a cargo test against
# the served OpenAPI document of a real `track serve` on loopback (cli/tests/schemathesis.rs).
schemathesis_tests() {
    apt_install python3 python3
    local target venv
    target=${CARGO_TARGET_DIR:-target}
    mkdir -p "$target"
    venv="$(cd "$target" && pwd)/schemathesis-venv"
    if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -qF "$SCHEMATHESIS_VERSION"; then
        say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI) into $venv"
        rm -rf "$venv"
        python3 -m venv "$venv" 2>/dev/null || { rm -rf "$venv"; apt_install /usr/share/doc/python3-venv python3-venv; python3 -m venv "$venv"; }
        "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    fi
    run_tests env TRACK_SCHEMATHESIS="$venv/bin/schemathesis" \
        cargo test --locked -p track-cli --test schemathesis -- --ignored --nocapture
}

# A fresh `./build.sh test` writes about 5.2 GB under target/ (the host build, the two cross
# targets, the ARM JVMs, a PostgreSQL cluster while its tests run): say so before starting when the
# disk has less, rather than failing half-way with "No space left on device".
check_disk() {
    local need_gb=$1 dir=${CARGO_TARGET_DIR:-target} avail_gb
    mkdir -p "$dir"
    avail_gb=$(df -Pk "$dir" | awk 'NR == 2 { print int($4 / 1048576) }')
    if [ "${avail_gb:-0}" -lt "$need_gb" ]; then
        say "warning: $avail_gb GB free for $dir; a fresh run needs about $need_gb GB (an earlier build there needs less)"
    fi
}

cmd_test() {
    # Each crate is compiled once per run: incremental caches would add GBs under target/ and buy nothing.
    export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
    need_host_tools
    check_disk 8
    local status=0
    run_tests cargo test --workspace --locked || status=1
    postgres_tests || status=1
    schemathesis_tests || status=1
    kotlin_tests || status=1
    need_cross_tools
    kotlin_arm_tests || status=1
    for t in "${CROSS_TARGETS[@]}"; do
        run_tests cargo test --locked -p track-core --target "$t" || status=1
    done
    say "target/ now holds $(du -sh "${CARGO_TARGET_DIR:-target}" 2>/dev/null | cut -f1)"
    summarize
    return $status
}

cmd_kotlin() {
    need_host_tools
    local status=0
    kotlin_tests || status=1
    need_cross_tools
    kotlin_arm_tests || status=1
    summarize
    return $status
}

# The demo's proof-of-delivery photo and problem report (issue 16): a delivery with its photo
# (played on a second phone of the DA), the customer's view linking the photo by a signed URL that
# works (and fails once altered), and a problem report that support looks up by its ID.
# The URL a `track serve` started in the background says it listens at (in OUT), waiting up to
# 10 s; dies when the server (PID, its log in LOG, called WHAT) stopped or said nothing.
listening_at() {
    local out=$1 pid=$2 log=$3 what=$4 url="" i
    for i in $(seq 1 100); do
        url=$(sed -n 's/^listening on //p' "$out")
        [ -n "$url" ] && break
        kill -0 "$pid" 2>/dev/null || die "$what did not start: $(cat "$log")"
        sleep 0.1
    done
    [ -n "$url" ] || die "$what did not say where it listens within 10 s"
    echo "$url"
}

demo_photo() {
    local track=$1 admin=$2 photo_db="$DEMO_DIR/photo-phone.db" url status report_id
    rm -f "$photo_db" "$photo_db-wal" "$photo_db-shm" "$DEMO_DIR/pod-photo.jpg"
    say "photo on delivery: one more order; the DA delivers it with a photo taken at the door"
    TRACK_ADMIN_TOKEN="$admin" "$track" seed --seller fixtures/demo/seller.json --orders fixtures/demo/photo-orders.json \
        --shipped-at "2026-11-22 18:00"
    "$track" sync --db "$photo_db" --fetch --at "2026-11-23 07:30" >/dev/null
    "$track" day --db "$photo_db" fixtures/demo/photo-day.txt
    say "22:30: the phone syncs: the events first, then the photo of the accepted delivery"
    "$track" sync --db "$photo_db" --at "2026-11-23 22:30"
    say "the customer's view links the photo through a signed, expiring URL, and the place of the delivery"
    "$track" tracking EK712345348IN | tee "$DEMO_DIR/photo-tracking.txt"
    grep -q '^ *delivered here: ' "$DEMO_DIR/photo-tracking.txt" || die "the customer's view has no place of delivery"
    url=$(sed -n 's/^ *photo: //p' "$DEMO_DIR/photo-tracking.txt")
    [ -n "$url" ] || die "the customer's view has no photo URL"
    status=$(curl -s -o "$DEMO_DIR/pod-photo.jpg" -w '%{http_code} %{content_type} %{size_download} bytes' "$url")
    echo "GET the photo URL: $status (saved as $DEMO_DIR/pod-photo.jpg)"
    case "$status" in "200 image/jpeg "*) ;; *) die "the photo URL did not serve the photo: $status" ;; esac
    status=$(curl -s -o /dev/null -w '%{http_code}' "${url/EK712345348IN/EK712345609IN}")
    echo "the same URL naming another parcel: $status (refused)"
    [ "$status" = 403 ] || die "an altered photo URL was served: $status"

    say "the DA files a problem report: an ID to quote, sent to support with the next sync"
    "$track" report file --db "$DEMO_DIR/phone.db" --at "2026-11-23 22:40" --app-version demo-1.0 | tee "$DEMO_DIR/report.txt"
    report_id=$(sed -n 's/^problem report \(TRK-[0-9A-Z-]*\) filed.*/\1/p' "$DEMO_DIR/report.txt")
    [ -n "$report_id" ] || die "no problem report ID"
    "$track" sync --db "$DEMO_DIR/phone.db" --at "2026-11-23 22:41"
    say "support looks the report up by the ID the DA quoted"
    TRACK_ADMIN_TOKEN="$admin" "$track" report show "$report_id"
}

cmd_demo() {
    need_host_tools
    say "building the track CLI"
    cargo build --release --locked -p track-cli
    local track="${CARGO_TARGET_DIR:-target}/release/track" db server_db url token admin i
    mkdir -p "$DEMO_DIR"
    db="$DEMO_DIR/phone.db" server_db="$DEMO_DIR/server.db"
    rm -f "$db" "$db-wal" "$db-shm" "$server_db" "$server_db-wal" "$server_db-shm" "$DEMO_DIR/server.out" "$DEMO_DIR"/stranger.db*
    admin="demo-admin-$RANDOM$RANDOM"

    say "starting the reference sync server on loopback (fresh database $server_db)"
    # The server's clock stands at the evening sync, so the timelines read as on the day.
    TRACK_ADMIN_TOKEN="$admin" "$track" serve --db "$server_db" --listen 127.0.0.1:0 --at "2026-11-23 22:30" \
        >"$DEMO_DIR/server.out" 2>"$DEMO_DIR/server.log" &
    DEMO_SERVER_PID=$!
    trap 'kill "$DEMO_SERVER_PID" 2>/dev/null || true; rm -f "$TEST_LOG"' EXIT
    url=$(listening_at "$DEMO_DIR/server.out" "$DEMO_SERVER_PID" "$DEMO_DIR/server.log" "the sync server") || exit 1
    export TRACK_SERVER="$url"
    echo "server at $url"

    say "seeding the seller (Self-Delivery, ships-from = GST address) and its orders"
    TRACK_ADMIN_TOKEN="$admin" "$track" seed --seller fixtures/demo/seller.json --orders fixtures/demo/orders.json \
        --shipped-at "2026-11-22 18:00"

    say "the seller registers its DA's phone number (only a DA the seller registered sees its orders)"
    TRACK_ADMIN_TOKEN="$admin" "$track" seller add-da --seller sharma-textiles --phone "+91 98450 00001"

    say "the DA creates an account and logs in with a phone number"
    export TRACK_PASSWORD="demo-password-1"
    "$track" account --name "Ravi Kumar" --phone "+91 98450 00001" --seller sharma-textiles >/dev/null
    token=$("$track" login --login "98450 00001" --seller sharma-textiles)
    export TRACK_TOKEN="$token"

    say "a stranger enrols for the same seller: it logs in, but the seller never registered it, so no order"
    TRACK_PASSWORD="stranger-password" "$track" account --name "Mallory" --phone "+91 90000 00666" --seller sharma-textiles >/dev/null
    stranger=$(TRACK_PASSWORD="stranger-password" "$track" login --login "9000000666" --seller sharma-textiles)
    if TRACK_TOKEN="$stranger" "$track" sync --db "$DEMO_DIR/stranger.db" --fetch --at "2026-11-23 07:30"; then
        die "a DA the seller never registered fetched its orders"
    fi

    say "07:30: the phone fetches the day's orders for the itinerary, then goes offline"
    "$track" sync --db "$db" --fetch --at "2026-11-23 07:30"

    say "playing the DA's day offline (fixtures/demo/day.txt)"
    "$track" day --db "$db" fixtures/demo/day.txt
    say "the itinerary at the end of the day"
    "$track" itinerary --db "$db" --date 2026-11-23 --at "2026-11-23 22:30"
    say "the daily summary on the phone"
    "$track" summary --db "$db" --date 2026-11-23 --at "2026-11-23 22:30"

    say "22:30: back on the network, the phone syncs its outbox"
    "$track" sync --db "$db" --at "2026-11-23 22:30"
    say "and again: nothing is sent twice"
    "$track" sync --db "$db" --at "2026-11-23 22:31"

    say "what customers see"
    # shellcheck disable=SC2046
    "$track" tracking $(sed -n 's/.*"tracking_id": *"\([A-Z0-9]*\)".*/\1/p' fixtures/demo/orders.json)
    say "the seller's metrics"
    "$track" metrics sharma-textiles

    demo_seller "$track" "$admin"
    demo_photo "$track" "$admin"

    say "stopping the sync server"
    kill "$DEMO_SERVER_PID" 2>/dev/null || true
    wait "$DEMO_SERVER_PID" 2>/dev/null || true

    demo_live "$track"
}

# Starts the demo's live server on $DEMO_DIR/live/server.db with its clock at $1 (local time),
# sending the customers' messages to the loopback sinks; sets DEMO_SERVER_PID and TRACK_SERVER.
demo_live_server() {
    local at=$1 dir="$DEMO_DIR/live" url="" i
    : >"$dir/server.out"
    TRACK_ADMIN_TOKEN="$DEMO_LIVE_ADMIN" TRACK_SMS_AUTH_HEADER="X-Gateway-Key: demo-gateway" \
        "$DEMO_TRACK" serve --db "$dir/server.db" --listen 127.0.0.1:0 --at "$at" \
        --smtp-host 127.0.0.1 --smtp-port "$DEMO_SMTP_PORT" --smtp-security none --smtp-from "Sharma Textiles <orders@sharma.example>" \
        --sms-webhook "$DEMO_SMS_URL" --public-url "https://track.example" --send-every 1 \
        >"$dir/server.out" 2>>"$dir/server.log" &
    DEMO_SERVER_PID=$!
    url=$(listening_at "$dir/server.out" "$DEMO_SERVER_PID" "$dir/server.log" "the live server") || exit 1
    export TRACK_SERVER="$url"
}

demo_live_stop_server() {
    kill "$DEMO_SERVER_PID" 2>/dev/null || true
    wait "$DEMO_SERVER_PID" 2>/dev/null || true
}

# How many messages the sinks received, once no more arrive for a second (at most 10 s).
demo_live_settle() {
    local before=-1 now i
    for i in $(seq 1 10); do
        now=$(($(wc -l <"$DEMO_DIR/live/sinks.out") - 1))
        [ "$now" -eq "$before" ] && [ "$now" -gt "${1:--1}" ] && break
        before=$now
        sleep 1
    done
    echo "$now"
}

# What the loopback sinks received since line $1 of their output, one message a line.
demo_live_messages() {
    tail -n +"$(( $1 + 2 ))" "$DEMO_DIR/live/sinks.out" | sed 's/^/    /'
}

# The live part: an arrival window for a parcel still out, the DA's position and "delivered here"
# in the customer's view, and the e-mails and SMS that loopback sinks received, including a
# night-time delivery whose messages wait until 06:00 (issue 16, items 2 and 3).
demo_live() {
    local dir="$DEMO_DIR/live" phone seen i
    DEMO_TRACK=$1
    DEMO_LIVE_ADMIN="demo-admin-$RANDOM$RANDOM"
    rm -rf "$dir" && mkdir -p "$dir"
    phone="$dir/phone.db"

    say "live: loopback sinks for the customers' e-mail (SMTP) and SMS (the gateway's webhook)"
    "$DEMO_TRACK" sinks --smtp 127.0.0.1:0 --sms 127.0.0.1:0 --sms-auth-header "X-Gateway-Key: demo-gateway" \
        >"$dir/sinks.out" 2>"$dir/sinks.log" &
    DEMO_SINKS_PID=$!
    trap 'kill "$DEMO_SERVER_PID" "$DEMO_SINKS_PID" 2>/dev/null || true; rm -f "$TEST_LOG"' EXIT
    for i in $(seq 1 100); do
        [ -s "$dir/sinks.out" ] && break
        kill -0 "$DEMO_SINKS_PID" 2>/dev/null || die "the sinks did not start: $(cat "$dir/sinks.log")"
        sleep 0.1
    done
    DEMO_SMTP_PORT=$(sed -n '1s/.*"smtp":"127.0.0.1:\([0-9]*\)".*/\1/p' "$dir/sinks.out")
    DEMO_SMS_URL=$(sed -n '1s/.*"sms":"\([^"]*\)".*/\1/p' "$dir/sinks.out")
    [ -n "$DEMO_SMTP_PORT" ] && [ -n "$DEMO_SMS_URL" ] || die "the sinks did not say where they listen: $(cat "$dir/sinks.out")"
    echo "SMTP sink on 127.0.0.1:$DEMO_SMTP_PORT, SMS webhook receiver at $DEMO_SMS_URL"

    say "live: the server at 2026-11-24 11:00, sending to the sinks; orders shipped at 07:00 with three customers' contacts"
    demo_live_server "2026-11-24 11:00"
    TRACK_ADMIN_TOKEN="$DEMO_LIVE_ADMIN" "$DEMO_TRACK" seed --seller fixtures/demo/seller.json --orders fixtures/demo/orders.json \
        --contacts fixtures/demo/contacts.json --shipped-at "2026-11-24 07:00"
    TRACK_ADMIN_TOKEN="$DEMO_LIVE_ADMIN" "$DEMO_TRACK" seller add-da --seller sharma-textiles --phone "+91 98450 00001" >/dev/null
    TRACK_PASSWORD="demo-password-1" "$DEMO_TRACK" account --name "Ravi Kumar" --phone "+91 98450 00001" --seller sharma-textiles >/dev/null
    TRACK_TOKEN=$(TRACK_PASSWORD="demo-password-1" "$DEMO_TRACK" login --login "98450 00001" --seller sharma-textiles)
    export TRACK_TOKEN

    say "live: the morning on the phone (fixtures/demo/live-morning.txt), then a sync at 11:00: scans, then the DA's position"
    "$DEMO_TRACK" sync --db "$phone" --fetch --at "2026-11-24 08:00" >/dev/null
    "$DEMO_TRACK" day --db "$phone" fixtures/demo/live-morning.txt
    "$DEMO_TRACK" sync --db "$phone" --at "2026-11-24 11:00"

    say "live: what the customers see at 11:00 (delivered here; arriving today, when, and where the DA is)"
    "$DEMO_TRACK" tracking EK712345609IN EK712345714IN

    # The server's sender looks every second.
    seen=$(demo_live_settle 0)
    say "live: the messages the sinks received by 11:00 ($seen: shipped and out for delivery, e-mail and SMS, in the customer's language)"
    demo_live_messages 0

    say "live: 21:40 a delivery; the phone syncs at 22:30, after working hours"
    demo_live_stop_server
    demo_live_server "2026-11-24 22:30"
    "$DEMO_TRACK" day --db "$phone" fixtures/demo/live-evening.txt
    "$DEMO_TRACK" sync --db "$phone" --at "2026-11-24 22:30"
    sleep 3
    echo "messages received at night: $(($(wc -l <"$dir/sinks.out") - 1 - seen)) (held until 06:00)"
    [ "$(($(wc -l <"$dir/sinks.out") - 1))" -eq "$seen" ] || die "a message went out at night"
    "$DEMO_TRACK" tracking EK712345714IN

    say "live: 2026-11-25 06:00, the held messages go out"
    demo_live_stop_server
    demo_live_server "2026-11-25 06:00"
    demo_live_settle "$seen" >/dev/null
    demo_live_messages "$seen"

    demo_live_stop_server
    kill "$DEMO_SINKS_PID" 2>/dev/null || true
    wait "$DEMO_SINKS_PID" 2>/dev/null || true
}

# The seller's tracking details on the demo's server (TRACK_SERVER): a Send to Amazon shipment
# with boxes (a duplicate box ID refused, a box file refused whole then applied), a carrier
# change to a carrier the table lacks, the delivery window, Ready to ship → Shipped, shipments
# received (one before its tracking was complete), an order's tracking corrected after delivery,
# and the seller's Valid Tracking Rate and missing-tracking defect rate. Args: the track binary
# and the admin token.
demo_seller() {
    local track=$1 admin=$2 csv="$DEMO_DIR/boxes.csv"
    as_seller() { TRACK_ADMIN_TOKEN="$admin" "$track" seller "$1" --seller sharma-textiles "${@:2}"; }

    say "the seller creates a Send to Amazon shipment of 3 boxes (UPS)"
    as_seller shipment-new --shipment FBA15DEMO1 --mode small-parcel --carrier UPS --boxes 3
    as_seller box --shipment FBA15DEMO1 --box 1 --tracking-id 1Z5R89390357567127
    say "the same tracking ID on box 2 is refused"
    if as_seller box --shipment FBA15DEMO1 --box 2 --tracking-id 1Z5R89390357567127; then
        die "a duplicate box tracking ID was accepted"
    fi
    say "boxes 2 and 3 from a CSV file: a file with a bad line is refused whole, with its line number"
    printf 'box,tracking_id\n2,1Z879E930346834440\n3, 1Z410E7W0392751591\n' >"$csv"
    if as_seller box-csv --shipment FBA15DEMO1 "$csv"; then
        die "a box file with a bad line was applied"
    fi
    printf 'box,tracking_id\n2,1Z879E930346834440\n3,1Z410E7W0392751591\n' >"$csv"
    as_seller box-csv --shipment FBA15DEMO1 "$csv"
    say "the seller changes the carrier to one the table lacks (Other: Speedy Couriers), with its box IDs"
    as_seller carrier --shipment FBA15DEMO1 --carrier other --other-name "Speedy Couriers" \
        --box-id 1=SPD0001231 --box-id 2=SPD0001232 --box-id 3=SPD0001233
    say "the delivery window (editable until it starts), then Ready to ship: its tracking is complete, so it ships"
    as_seller window --shipment FBA15DEMO1 --start "2026-11-25 09:00" --end "2026-11-25 17:00"
    as_seller ready --shipment FBA15DEMO1
    say "a pallet shipment with its PRO number, and a shipment received before its tracking was complete"
    as_seller shipment-new --shipment FBA15DEMO2 --mode pallet --carrier "Old Dominion" >/dev/null
    as_seller pro-number --shipment FBA15DEMO2 --pro-number 0720-956-2763 >/dev/null
    as_seller shipment-new --shipment FBA15DEMO3 --mode small-parcel --carrier UPS --boxes 2 >/dev/null
    as_seller box --shipment FBA15DEMO3 --box 1 --tracking-id 1Z999AA10123456784 >/dev/null
    for shipment in FBA15DEMO1 FBA15DEMO2 FBA15DEMO3; do
        as_seller received --shipment "$shipment" >/dev/null
    done
    as_seller shipments
    say "the seller confirms an order not yet delivered, and corrects a delivered order's carrier (too late to count)"
    as_seller confirm-tracking --order 402-5510272-8812418 --carrier "India Post" --tracking-id EK712346269IN
    as_seller confirm-tracking --order 402-5510237-8812353 --carrier other --other-name "Speedy Couriers" --tracking-id EK712345714IN
    say "the seller's Valid Tracking Rate and missing-tracking defect rate"
    as_seller tracking-metrics
}

# The size of the JNI library built with the android profile (stripped) for TARGET ("" = host),
# with the phone's configuration (.cargo/phone.toml: only the marketplaces' time zones, packed
# relocations, C without unwind tables; the stand-ins link with lld as the NDK does, and the armv7
# one compiles Thumb-2 as Android's armeabi-v7a does) and the bindings' `phone` feature (debug and
# trace log lines compiled out), as the Android build.
library_size() {
    local target=$1 dir so label
    if [ -n "$target" ]; then
        # The stand-ins link with LLVM 16's lld, as .cargo/phone.toml says.
        apt_install /usr/lib/llvm-16/bin/ld.lld lld-16
        cargo build --locked --profile android -p track-android --features phone --config .cargo/phone.toml --target "$target"
        dir="${CARGO_TARGET_DIR:-target}/$target/android" label=$target
    else
        cargo build --locked --profile android -p track-android --features phone --config .cargo/phone.toml
        dir="${CARGO_TARGET_DIR:-target}/android" label="host $(uname -m)"
    fi
    so="$dir/libtrack_android.so"
    stat -c %s "$so" | awk -v arch="$label" \
        '{ printf "libtrack_android.so (%s, stripped): %d bytes (%.2f MB); aim: under 4 MB per ABI\n", arch, $1, $1 / 1048576 }'
}

# Instructions per corpus frame under callgrind (repeatable where wall time on a shared machine
# is not): the stream decoder and zxing-cpp alone (default options), a few frames per class
# (BENCH_CALLGRIND_FRAMES, 4), counted only inside the decode call (core/examples/frame_cost.rs).
instructions_per_frame() {
    apt_install valgrind valgrind
    cargo build --locked --release -p track-core --example frame_cost
    local bin="${CARGO_TARGET_DIR:-target}/release/examples/frame_cost" n=${BENCH_CALLGRIND_FRAMES:-4} class engine count
    say "instructions per frame (valgrind --tool=callgrind, $n frames per class)"
    for class in level tilted noisy empty defocus-2 motion-2; do
        for engine in core zxing; do
            count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
                --toggle-collect='*decode_frame*' "$bin" "$class" "$n" "$engine" 2>&1 |
                awk '/Collected :/ { print $NF }')
            awk -v c="$class" -v e="$engine" -v t="${count:-0}" -v n="$n" \
                'BEGIN { printf "callgrind %-10s %-13s: %.1f M instructions per frame (%d frames)\n", c, (e == "core" ? "core" : "zxing default"), t / n / 1e6, n }'
        done
    done
}

cmd_bench() {
    need_host_tools
    # The decode bench ends with the realistic frame corpus (core/tests/scan_util/corpus.rs), class
    # by class: the core's stream decoder beside zxing-cpp (default and fast options). The frames
    # are made afresh on the host and kept for the run under qemu below, which decodes the same
    # pixels (generating them there under emulated floating point took over an hour).
    export TRACK_CORPUS_CACHE=$PWD/target/corpus-cache
    rm -rf "$TRACK_CORPUS_CACHE"
    cargo bench --locked -p track-core
    cargo bench --locked -p track-tests --bench sync
    say "server load: simulated DAs syncing at once, customers reading tracking pages, the server killed five times"
    # On SQLite, then on a throwaway PostgreSQL cluster (default durability: fsync on).
    if start_postgres target/pg-bench; then
        TRACK_BENCH_PG=$PG_URL cargo bench --locked -p track-tests --bench load
        stop_postgres
    else
        say "PostgreSQL could not be started: the load bench runs on SQLite only"
        cargo bench --locked -p track-tests --bench load
    fi
    instructions_per_frame
    need_cross_tools
    # The same corpus classes under qemu-aarch64, the stand-in for a slow phone: the stream
    # decoder's budget counts work, so it reads there what it reads on the host, only slower.
    # By default the tilted and empty classes beside zxing-cpp's fast options only (its default
    # options did not finish the tilted class in 40 minutes under qemu):
    # TRACK_BENCH_CLASSES=level,tilted,noisy,empty asks for more, TRACK_BENCH_ZXING=default,fast
    # for both zxing-cpp runs, BENCH_QEMU=0 skips it.
    if [ "${BENCH_QEMU:-1}" != 0 ]; then
        say "the corpus under qemu-aarch64 (${TRACK_BENCH_CLASSES:-tilted,empty})"
        TRACK_BENCH_SAMPLES=0 TRACK_BENCH_REPS=1 TRACK_BENCH_CLASSES=${TRACK_BENCH_CLASSES:-tilted,empty} \
            TRACK_BENCH_ZXING=${TRACK_BENCH_ZXING:-fast} \
            cargo bench --locked -p track-core --bench decode --target aarch64-unknown-linux-gnu
    fi
    say "size of the JNI library (profile android, stripped): host, then the stand-ins for the Android ABIs"
    library_size ""
    local t
    for t in "${CROSS_TARGETS[@]}"; do
        library_size "$t"
    done
}

ANDROID_ABIS=(arm64-v8a armeabi-v7a x86_64)
JNI_LIBS=$KOTLIN_MODULE/src/main/jniLibs

cmd_android() {
    local missing=()
    if [ -z "${ANDROID_NDK_HOME:-}" ] || [ ! -d "${ANDROID_NDK_HOME:-/nonexistent}" ]; then
        missing+=("the Android NDK (Android Studio > SDK Manager > SDK Tools > NDK, or: sdkmanager 'ndk;27.2.12479018'; then export ANDROID_NDK_HOME=<sdk>/ndk/27.2.12479018)")
    fi
    command -v cargo-ndk >/dev/null 2>&1 || missing+=("cargo-ndk (cargo install cargo-ndk)")
    if [ ${#missing[@]} -gt 0 ]; then
        printf 'build.sh: the Android build needs:\n' >&2
        printf '  - %s\n' "${missing[@]}" >&2
        die "nothing was built. See README.md, section Android."
    fi
    local t
    for t in aarch64-linux-android armv7-linux-androideabi x86_64-linux-android; do
        grep -qx "$t" <<<"$(rustup target list --installed)" || rustup target add "$t"
    done
    say "cargo ndk -P 24 for ${ANDROID_ABIS[*]} (profile android: size-tuned, 16 KB pages, packed relocations) into $JNI_LIBS"
    # .cargo/phone.toml's rustflags (16 KB page alignment, packed relocations) apply only
    # without a RUSTFLAGS variable: Cargo would drop them for it.
    [ -z "${RUSTFLAGS:-}" ] || die "unset RUSTFLAGS: it would replace .cargo/phone.toml's link options (16 KB pages, packed relocations)"
    cargo ndk -P 24 $(printf -- '-t %s ' "${ANDROID_ABIS[@]}") -o "$JNI_LIBS" \
        build --locked --profile android -p track-android --features phone --config .cargo/phone.toml
    ls -l "$JNI_LIBS"/*/libtrack_android.so
    if [ -x android-app/gradlew ] || command -v gradle >/dev/null 2>&1; then
        say "the app: (cd android-app && ./gradlew assembleDebug -Ptrack.skipCargo=true)"
    fi
}

usage() {
    cat <<'USAGE'
usage: ./build.sh COMMAND

  demo      build the CLI and play a sample DA day on a fresh database (the main job)
  test      host tests, the Kotlin library's host-JVM tests over the JNI bindings (-Xcheck:jni),
            then the core's tests cross-compiled for aarch64 and armv7 under qemu, and the
            Kotlin tests again on aarch64 and armv7 JVMs under qemu over the cross-built bindings
  kotlin    only the Kotlin tests: host JVM, then the aarch64 and armv7 JVMs under qemu
            (installs missing rustup targets, cross compilers, qemu, a JDK and kotlinc)
  bench     benchmarks (scan latency, itinerary load, decode, tracking rules, sync, library size)
  android   the Android libraries into the Kotlin module's jniLibs (needs the NDK and cargo-ndk)
USAGE
}

case "${1:-help}" in
    demo) cmd_demo ;;
    test) cmd_test ;;
    kotlin) cmd_kotlin ;;
    bench) cmd_bench ;;
    android) cmd_android ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
esac
