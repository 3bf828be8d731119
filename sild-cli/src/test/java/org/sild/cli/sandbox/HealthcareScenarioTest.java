package org.sild.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.json.Json;

/**
 * The seed's healthcare scenario in a whole sandbox: the clinic prescribes, the pharmacy lists and
 * dispenses through X-Road, and the patient sees it in the citizen view, opened in a real headless
 * Chromium.
 */
class HealthcareScenarioTest {

    static final DemoPeople.Person PATIENT = DemoPeople.all().get(1);

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

    private static HttpResponse<String> call(String method, String client, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + offset) + "/r1/"
                        + XRoadIds.toPath(Sandbox.PRESCRIPTIONS) + "/eprescription" + path))
                .header("X-Road-Client", client).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.read(response.body().getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void thePatientSeesTheirPrescriptionInTheCitizenView() throws Exception {
        var written = call("POST", XRoadIds.toPath(Sandbox.CLINIC), "/prescriptions",
                "{\"patient\":\"" + PATIENT.personalCode() + "\",\"medication\":\"Ibuprofen 400 mg\",\"dosage\":\"as needed\"}");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        String id = json(written).get("id").asText();
        var listed = call("GET", XRoadIds.toPath(Sandbox.POS), "/prescriptions?patient=" + PATIENT.personalCode(), null);
        assertThat(json(listed).findValuesAsText("id")).contains(id);
        assertThat(call("POST", XRoadIds.toPath(Sandbox.POS), "/prescriptions/" + id + "/dispense", null).statusCode())
                .isEqualTo(200);

        ChromeDriver browser = HeadlessChromium.start(Files.createDirectories(dir.resolve("chromium")));
        try {
            browser.get("http://127.0.0.1:" + (HealthcareScenario.CITIZEN_VIEW_PORT + offset) + "/");
            assertThat(browser.getPageSource()).contains("Sandbox only");
            browser.findElement(By.id("sign-in-" + PATIENT.personalCode())).click();
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("prescriptions")));
            assertThat(browser.findElement(By.id("my-data")).getText())
                    .contains(PATIENT.givenName() + " " + PATIENT.familyName()).contains(id)
                    .contains("Ibuprofen 400 mg").contains("dispensed");
            wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("usage"),
                    "Asking every register")));
            Files.write(Path.of("target", "citizen-view.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
