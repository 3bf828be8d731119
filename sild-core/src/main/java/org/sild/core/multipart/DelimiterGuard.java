package org.sild.core.multipart;

/**
 * Spots, in a body as it is written, a line that a reader would take for a delimiter:
 * {@code --boundary} at the start of a line followed by {@code --}, or by blanks and a line end.
 *
 * <p>Knuth-Morris-Pratt over {@code LF "--" boundary}, starting as if after a line end because a
 * body follows the blank line after its headers; then a few states for what follows the boundary.
 * {@link #endsDangerously()} covers a body that stops right after {@code --boundary}, where the
 * writer's own CRLF would complete a delimiter. Not thread-safe.
 */
final class DelimiterGuard {

    private static final int MATCHED = -1;
    private static final int AFTER_DASH = -2;
    private static final int PADDING = -3;
    private static final int AFTER_CR = -4;

    private final byte[] pattern;
    private final int[] failure;
    /** KMP progress ({@code >= 0}) or one of the states after a complete match. */
    private int state = 1;

    DelimiterGuard(byte[] dashBoundary) {
        pattern = new byte[dashBoundary.length + 1];
        pattern[0] = '\n';
        System.arraycopy(dashBoundary, 0, pattern, 1, dashBoundary.length);
        failure = new int[pattern.length];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = failure[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            failure[i] = k;
        }
    }

    /** Feeds one byte; true when the body now holds a delimiter line. */
    boolean feed(byte b) {
        switch (state) {
            case MATCHED -> {
                if (b == '-') {
                    state = AFTER_DASH;
                } else if (b == ' ' || b == '\t') {
                    state = PADDING;
                } else if (b == '\r') {
                    state = AFTER_CR;
                } else {
                    return b == '\n' || restart(b);
                }
                return false;
            }
            case AFTER_DASH -> {
                return b == '-' || restart(b);
            }
            case PADDING -> {
                if (b == '\r') {
                    state = AFTER_CR;
                } else if (b != ' ' && b != '\t') {
                    return b == '\n' || restart(b);
                }
                return false;
            }
            case AFTER_CR -> {
                return b == '\n' || restart(b);
            }
            default -> {
                return advance(b);
            }
        }
    }

    /** Feeds bytes; true when the body now holds a delimiter line. */
    boolean feed(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (feed(b[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether the body so far ends so that the CRLF written after it would complete a delimiter. */
    boolean endsDangerously() {
        return state == MATCHED || state == PADDING;
    }

    /** The boundary cannot contain LF, so after a near miss a new match can only begin at {@code b}. */
    private boolean restart(byte b) {
        state = 0;
        return advance(b);
    }

    private boolean advance(byte b) {
        int s = state;
        while (s > 0 && pattern[s] != b) {
            s = failure[s - 1];
        }
        if (pattern[s] == b) {
            s++;
        }
        state = s == pattern.length ? MATCHED : s;
        return false;
    }
}
