package org.sild.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sild.runtime.json.Json;

/**
 * The seed's healthcare scenario in a whole sandbox, as the README walks through it: the clinic
 * prescribes, the pharmacy lists and dispenses, each stating a purpose; {@code findUsage} on
 * {@code ss3} then reports exactly those uses for the patient and none for anyone else, and the
 * citizen view, opened in a real headless Chromium, shows the patient's prescription and the uses.
 */
class HealthcareScenarioTest {

    static final Path README = Path.of("..", "README.md");
    static final DemoPeople.Person PATIENT = DemoPeople.find("48506150029").orElseThrow();
    static final DemoPeople.Person SOMEONE_ELSE = DemoPeople.all().get(0);

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static int offset;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        offset = Sandbox.freePortOffset(new SecureRandom());
        sandbox = Sandbox.start(dir.resolve("sandbox"), offset, Clock.systemUTC(), new SecureRandom());
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void theReadmesStepsLeaveExactlyTheClinicsAndThePharmacysUsesAndThePatientSeesThem() throws Exception {
        String output = shell(readmeScript());
        assertThat(output).contains("prescription RX-").contains("\"status\":\"dispensed\"");
        JsonNode found = Json.read(output.substring(output.lastIndexOf("{\"totalUsages\"")).getBytes(StandardCharsets.UTF_8),
                JsonNode.class);
        assertThat(found.get("totalUsages").asInt()).as(output).isEqualTo(3);
        assertThat(found.get("usages").findValuesAsText("receiverName"))
                .containsExactly("Pharmacy", "Pharmacy", "Family Clinic");
        assertThat(found.get("usages").findValuesAsText("action"))
                .containsExactly("Dispensing a prescription", "Dispensing a prescription", "Prescribing after an appointment");
        assertThat(found.get("usages").findValuesAsText("receiverCode")).containsExactly("10000001", "10000001", "10000002");

        String other = "EE" + SOMEONE_ELSE.personalCode();
        var none = findUsage(other, other);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(Json.read(none.body().getBytes(StandardCharsets.UTF_8), JsonNode.class).get("totalUsages").asInt())
                .as("another person's uses at the Health Insurance Fund").isZero();
        assertThat(findUsage(other, "EE" + PATIENT.personalCode()).statusCode())
                .as("a person asking for someone else's uses").isEqualTo(403);

        ChromeDriver browser = HeadlessChromium.start(Files.createDirectories(dir.resolve("chromium")));
        try {
            browser.get("http://127.0.0.1:" + (HealthcareScenario.CITIZEN_VIEW_PORT + offset) + "/");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Sandbox only");
            browser.findElement(By.id("sign-in-" + PATIENT.personalCode())).click();
            var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("prescriptions")));
            assertThat(browser.findElement(By.id("my-data")).getText())
                    .contains(PATIENT.givenName() + " " + PATIENT.familyName()).contains(PATIENT.address())
                    .contains("Ibuprofen 400 mg").contains("dispensed");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("usage-table")));
            List<String> rows = browser.findElements(By.cssSelector("#usage-table tr.usage")).stream()
                    .map(WebElement::getText).toList();
            assertThat(rows).as("who used the data, newest first").hasSize(3);
            assertThat(rows.get(0)).contains("Pharmacy (10000001)").contains("Dispensing a prescription")
                    .contains("DEV/GOV/70000002/prescriptions");
            assertThat(rows.get(2)).contains("Family Clinic (10000002)").contains("Prescribing after an appointment");
            assertThat(browser.findElement(By.id("usage")).getText()).doesNotContain("Could not ask");
            Files.write(Path.of("target", "citizen-view.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    private static HttpResponse<String> findUsage(String userId, String userCode) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + offset)
                        + "/r1/DEV/GOV/70000002/prescriptions/findUsage/v2/findUsage?userCode=" + userCode))
                .header("X-Road-Client", "DEV/GOV/70000003/portal").header("X-Road-UserId", userId).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The README's five steps as one script, the client port moved by the sandbox's offset. */
    private static String readmeScript() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("### Prescriptions, and who used my data.*?```sh\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README has the scenario's sh block").isTrue();
        return "set -e\n" + block.group(1).replace("127.0.0.1:8080/", "127.0.0.1:" + (8080 + offset) + "/");
    }

    private static String shell(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
