# Sourced by ./sild and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: JAVA_HOME when it is new enough, else the newest JDK under /usr/lib/jvm.

sild_java_major() {
    # Prints the feature version of the java binary in $1, or nothing.
    "$1" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

sild_select_jdk() {
    local min=21 best="" best_major=0 dir major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(sild_java_major "$JAVA_HOME/bin/java")
        if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
            export JAVA_HOME
            return 0
        fi
    fi
    for dir in /usr/lib/jvm/*/; do
        dir=${dir%/}
        [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
        major=$(sild_java_major "$dir/bin/java")
        if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then
            best=$dir
            best_major=$major
        fi
    done
    if [ "$best_major" -ge "$min" ]; then
        export JAVA_HOME=$best
        return 0
    fi
    echo "sild: no JDK $min or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)" >&2
    return 1
}
