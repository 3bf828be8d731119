package org.sild.archfixture.cli;

/** Fixture: a top-level class that core must never use. */
public class CliCommand {
    public String name() {
        return "fixture";
    }
}
