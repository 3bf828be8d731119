package org.sild.securityserver.serverconf;

/**
 * X-Road's REST path globs: {@code *} matches any characters within one path segment, {@code **}
 * matches anything including {@code /}, a backslash makes a following {@code *} or backslash
 * literal, every other character matches itself. Sild also reads an OpenAPI path template
 * parameter such as {@code {personalCode}} as {@code *}, so endpoints copied from an OpenAPI
 * document match as they read. Stateless.
 */
final class PathGlob {

    private PathGlob() {
    }

    /** Whether {@code path} matches {@code glob}; time is glob length times path length, no backtracking. */
    static boolean matches(String glob, String path) {
        int n = path.length();
        // reachable[j]: the glob read so far matches the first j characters of the path
        boolean[] reachable = new boolean[n + 1];
        reachable[0] = true;
        int i = 0;
        while (i < glob.length()) {
            char g = glob.charAt(i);
            int templateEnd = g == '{' ? templateEnd(glob, i) : -1;
            boolean[] next = new boolean[n + 1];
            if (g == '*' || templateEnd > 0) {
                boolean any = g == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                for (int j = 0; j <= n; j++) {
                    next[j] = reachable[j] || (j > 0 && next[j - 1] && (any || path.charAt(j - 1) != '/'));
                }
                i = templateEnd > 0 ? templateEnd + 1 : i + (any ? 2 : 1);
            } else {
                if (g == '\\' && i + 1 < glob.length() && (glob.charAt(i + 1) == '*' || glob.charAt(i + 1) == '\\')) {
                    g = glob.charAt(++i);
                }
                for (int j = 1; j <= n; j++) {
                    next[j] = reachable[j - 1] && path.charAt(j - 1) == g;
                }
                i++;
            }
            reachable = next;
        }
        return reachable[n];
    }

    /** The index of the {@code }} closing a template parameter opened at {@code start}, or -1. */
    private static int templateEnd(String glob, int start) {
        for (int k = start + 1; k < glob.length(); k++) {
            char c = glob.charAt(k);
            if (c == '}') {
                return k > start + 1 ? k : -1;
            }
            if (c == '/' || c == '{' || c == '*') {
                return -1;
            }
        }
        return -1;
    }
}
