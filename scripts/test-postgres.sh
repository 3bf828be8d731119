# Sourced by .ci/run (and usable by hand): makes a local PostgreSQL available to the store tests.
# Installs Debian's package when missing (as root), starts the server, creates role and database
# sild/sild_test, and exports SILD_TEST_POSTGRES_URL, which the tests read. Without that variable
# the PostgreSQL variants of the store tests are skipped and say so.

sild_test_postgres() {
    if [ -n "${SILD_TEST_POSTGRES_URL:-}" ]; then
        return 0
    fi
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "postgres: installing Debian's postgresql package" >&2
            DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || true
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 || return 1
        else
            return 1
        fi
    fi
    local version
    version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
    [ -n "$version" ] || return 1
    if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
        pg_createcluster "$version" main >&2 || return 1
    fi
    pg_ctlcluster "$version" main start >&2 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null 2>&1 || return 1
    local psql=(runuser -u postgres -- psql -q -v ON_ERROR_STOP=1)
    "${psql[@]}" -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='sild')
        THEN CREATE ROLE sild LOGIN PASSWORD 'sild' CREATEDB; END IF; END\$\$;" >&2 || return 1
    if ! "${psql[@]}" -tc "SELECT 1 FROM pg_database WHERE datname='sild_test'" | grep -q 1; then
        runuser -u postgres -- createdb -O sild sild_test >&2 || return 1
    fi
    export SILD_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/sild_test?user=sild&password=sild"
    echo "postgres: $SILD_TEST_POSTGRES_URL" >&2
}
