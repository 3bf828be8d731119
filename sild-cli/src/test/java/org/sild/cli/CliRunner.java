package org.sild.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code sild} in-process and captures what it prints. */
record CliRunner(int exitCode, String out, String err) {

    static CliRunner run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRunner(code, out.toString(), err.toString());
    }
}
