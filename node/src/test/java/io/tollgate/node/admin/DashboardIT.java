package io.tollgate.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files at {@code /ui}: served from memory with their content types and headers that keep other
 * origins out; only the packaged files, whatever the path asks for; no token or data in them (the page asks for
 * the token and calls the management API, which checks it).
 */
class DashboardIT {

    private static final String ADMIN = "dashboard-admin-token-000001";
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                """.formatted(ADMIN));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldServeThePageAndItsFilesWithTheirTypesAndAStrictPolicy() {
        HttpResponse<String> page = node.get("/ui/");
        HttpResponse<String> script = node.get("/ui/app.js");
        HttpResponse<String> style = node.get("/ui/app.css");
        HttpResponse<String> charts = node.get("/ui/vendor/uPlot.iife.min.js");
        HttpResponse<String> chartStyle = node.get("/ui/vendor/uPlot.min.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("Admin token", "/ui/app.js", "/ui/app.css");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("sessionStorage", "Authorization");
        assertThat(style.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
        assertThat(page.body()).as("the charting library is loaded from this node").contains(
                "/ui/vendor/uPlot.iife.min.js", "/ui/vendor/uPlot.min.css").doesNotContain("http://", "https://");
        assertThat(charts.statusCode()).isEqualTo(200);
        assertThat(charts.body()).as("uPlot, unpacked by the build").contains("uPlot").hasSizeGreaterThan(10_000);
        assertThat(chartStyle.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
        for (HttpResponse<String> answer : java.util.List.of(page, script, style, charts, chartStyle)) {
            assertThat(answer.headers().firstValue("content-security-policy"))
                    .hasValue(Dashboard.CONTENT_SECURITY_POLICY);
            assertThat(answer.headers().firstValue("x-frame-options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("cache-control")).hasValue("no-cache");
            assertThat(answer.body()).doesNotContain(ADMIN);
        }
    }

    @Test
    void shouldRedirectTheBarePathToThePage() {
        HttpResponse<String> bare = node.get("/ui");

        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("location")).hasValue("/ui/");
    }

    @Test
    void shouldServeNothingButThePackagedFiles() {
        for (String path : new String[] {"/ui/Dashboard.class", "/ui/..%2FDashboard.class",
                "/ui/%2e%2e%2f%2e%2e%2flogging.properties", "/ui/app.js.map", "/ui/index.html%00.js",
                "/ui/vendor/LICENSE", "/ui/vendor/..%2Fapp.js", "/ui/vendor/%2e%2e%2f%2e%2e%2fDashboard.class"}) {
            HttpResponse<String> answer = node.get(path);
            assertThat(answer.statusCode()).as(path).isIn(400, 404);
            // neither a class file's bytes nor the logging configuration's text
            assertThat(answer.body()).as(path).doesNotContain("\u00ca\u00fe\u00ba\u00be", "handlers=", "java.util.logging");
        }
    }

    @Test
    void shouldLeaveTheDataBehindTheAdminToken() {
        assertThat(node.get("/api/spend?group_by=day").statusCode()).isEqualTo(401);
        HttpResponse<String> spend = node.get("/api/spend?group_by=day", "authorization", "Bearer " + ADMIN);
        assertThat(spend.statusCode()).isEqualTo(200);
        assertThat(spend.body()).contains("\"total_errors\"", "\"total_cache_hits\"", "\"total_saved_usd\"");
    }
}
