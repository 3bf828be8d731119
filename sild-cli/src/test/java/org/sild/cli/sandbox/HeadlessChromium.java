package org.sild.cli.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through its ChromeDriver, headless, for the browser tests. The paths come
 * from {@code SILD_TEST_CHROMEDRIVER} and {@code SILD_TEST_CHROMIUM} ({@code scripts/test-chromium.sh}
 * sets them); without them the calling test is skipped and says why.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A new browser with an empty profile in {@code profile}; quit it when done. */
    static ChromeDriver start(Path profile) {
        Path driver = executable("SILD_TEST_CHROMEDRIVER");
        Path chromium = executable("SILD_TEST_CHROMIUM");
        var options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // The machine has no outside network: everything Chromium would fetch for itself is switched off.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1300", "--user-data-dir=" + profile.toAbsolutePath());
        var service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60)).build();
        return new ChromeDriver(service, options);
    }

    private static Path executable(String variable) {
        Optional<Path> path = Optional.ofNullable(System.getenv(variable)).map(Path::of)
                .filter(p -> Files.isExecutable(p) && !new File(p.toString()).isDirectory());
        assumeTrue(path.isPresent(), variable + " names no executable: browser tests skipped"
                + " (scripts/test-chromium.sh installs Chromium and sets it)");
        return path.get();
    }
}
