# Sourced by .ci/run (and usable by hand): makes Debian's headless Chromium and ChromeDriver
# available to the browser tests (the sandbox's citizen view). Installs the packages when missing
# (as root) and exports SILD_TEST_CHROMEDRIVER, which the tests read. Without it those tests are
# skipped and say so.

sild_test_chromium() {
    if [ -n "${SILD_TEST_CHROMEDRIVER:-}" ]; then
        return 0
    fi
    if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "chromium: installing Debian's chromium and chromium-driver packages" >&2
            DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || true
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >&2 || return 1
        else
            return 1
        fi
    fi
    export SILD_TEST_CHROMEDRIVER="$(command -v chromedriver)"
    export SILD_TEST_CHROMIUM="$(command -v chromium)"
    echo "chromium: $("$SILD_TEST_CHROMIUM" --version 2>/dev/null), driver $SILD_TEST_CHROMEDRIVER" >&2
}
