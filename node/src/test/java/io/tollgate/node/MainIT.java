package io.tollgate.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.config.ConfigLoader;
import io.tollgate.node.http.GatewayRouting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The start banner: URL, routes, and a curl example that works against the bundled default configuration. */
@Timeout(60)
class MainIT {

    @Test
    void shouldPrintAWorkingCurlExampleForTheBundledDefault() throws Exception {
        // the bundled default, moved to a free port
        var defaults = ConfigLoader.loadDefault(Map.of());
        var config = new io.tollgate.config.TollgateConfig(defaults.source(),
                new io.tollgate.config.ServerConfig("127.0.0.1", 0, defaults.server().maxBodyBytes()),
                defaults.admin(), defaults.providers(), defaults.pricing(), defaults.governance(),
                new io.tollgate.config.StoreConfig(java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty(), java.nio.file.Path.of(io.tollgate.node.testing.NodeHarness.tempDir())),
                defaults.cluster(), defaults.cache(), defaults.logging(),
                defaults.alerts(), defaults.reconcile(), defaults.logExport(), defaults.warnings());
        try (TollgateNode node = TollgateNode.start(config, Clock.systemUTC())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Main.banner(new PrintStream(out, true, StandardCharsets.UTF_8), node);
            String banner = out.toString(StandardCharsets.UTF_8);
            assertThat(banner).contains("Tollgate is listening on " + node.baseUri())
                    .contains("openai (openai)  disabled: OPENAI_API_KEY is not set");
            GatewayRouting.ROUTES.forEach(route -> assertThat(banner).contains(route));

            Matcher curl = Pattern.compile("curl -s (\\S+) .*?authorization: (Bearer tg-[^']+)'.*?-d '([^']+)'",
                    Pattern.DOTALL).matcher(banner);
            assertThat(curl.find()).as(banner).isTrue();
            HttpResponse<String> response;
            try (HttpClient http = HttpClient.newHttpClient()) {
                response = http.send(HttpRequest.newBuilder(URI.create(curl.group(1)))
                        .header("content-type", "application/json")
                        .header("authorization", curl.group(2))
                        .POST(HttpRequest.BodyPublishers.ofString(curl.group(3))).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Mock reply to: Hello, Tollgate!");
            assertThat(response.headers().firstValue("x-tollgate-cost-usd").orElseThrow()).isNotEqualTo("unpriced");
            assertThat(response.headers().firstValue("x-tollgate-budget-remaining-usd")).isPresent();
        }
    }
}
