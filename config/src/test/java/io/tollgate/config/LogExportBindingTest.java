package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogExportBindingTest {

    private static final Map<String, String> AWS_ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIAENVEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "env-secret-0123456789abcdef", "AWS_SESSION_TOKEN", "env-session-0123456789",
            "AWS_REGION", "eu-west-3");

    @Test
    void shouldBeOffWithoutASection() {
        assertThat(ConfigLoader.parse("", "test", AWS_ENV).logExport()).isEmpty();
        assertThat(ConfigLoader.parse("log_export: { enabled: false, bucket: b-1 }", "test", AWS_ENV).logExport())
                .isEmpty();
    }

    @Test
    void shouldTakeCredentialsAndRegionFromTheAwsVariablesWhenTheSectionLeavesThemOut() {
        LogExportConfig export = bind("log_export: { bucket: tollgate-logs }", AWS_ENV);

        assertThat(export.accessKeyId()).isEqualTo("AKIAENVEXAMPLE");
        assertThat(export.secretAccessKey().reveal()).isEqualTo("env-secret-0123456789abcdef");
        assertThat(export.sessionToken().orElseThrow().reveal()).isEqualTo("env-session-0123456789");
        assertThat(export.region()).isEqualTo("eu-west-3");
        assertThat(export.endpoint()).isEqualTo(URI.create("https://s3.eu-west-3.amazonaws.com"));
        assertThat(export.pathStyle()).isFalse();
        assertThat(export.prefix()).isEqualTo("tollgate/request-log");
        assertThat(export.intervalMs()).isEqualTo(60_000);
        assertThat(export.batchRows()).isEqualTo(10_000);
        assertThat(export.settleMs()).isEqualTo(60_000);
        assertThat(export.timeoutMs()).isEqualTo(30_000);
        assertThat(export.bodies()).isFalse();
        assertThat(export.sink()).isEqualTo("s3:s3.eu-west-3.amazonaws.com/tollgate-logs/tollgate/request-log");
        assertThat(export.toString()).doesNotContain("env-secret-0123456789abcdef", "env-session-0123456789");
    }

    @Test
    void shouldBindEveryKeyOfTheSectionAndNotMixInTheEnvironmentsSessionToken() {
        LogExportConfig export = bind("""
                log_export:
                  endpoint: "http://127.0.0.1:9000"
                  bucket: logs
                  prefix: "/gateway/prod/"
                  region: us-east-1
                  path_style: true
                  format: jsonl
                  interval_ms: 5000
                  batch_rows: 500
                  settle_ms: 2000
                  timeout_ms: 10000
                  bodies: true
                  access_key_id: "${MINIO_KEY}"
                  secret_access_key: "${MINIO_SECRET}"
                """, Map.of("MINIO_KEY", "minio", "MINIO_SECRET", "minio-secret-0123", "AWS_SESSION_TOKEN", "x"));

        assertThat(export).isEqualTo(new LogExportConfig(URI.create("http://127.0.0.1:9000"), "logs",
                "gateway/prod", "us-east-1", true, 5_000, 500, 2_000, 10_000, true, "minio",
                new Secret("minio-secret-0123"), java.util.Optional.empty()));
        assertThat(export.sink()).isEqualTo("s3:127.0.0.1:9000/logs/gateway/prod");
    }

    @Test
    void shouldTurnTheExportOffWithAWarningWhenNoCredentialsAreFound() {
        TollgateConfig config = ConfigLoader.parse("log_export: { bucket: logs }", "test", Map.of());

        assertThat(config.logExport()).isEmpty();
        assertThat(config.warnings()).containsExactly("log_export disabled: environment variable AWS_ACCESS_KEY_ID"
                + " is not set (give access_key_id and secret_access_key, or set AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY)");
    }

    @Test
    void shouldNameTheKeyOfABadSetting() {
        expectError("log_export: { bucket: logs, format: parquet }",
                "test: log_export.format: must be jsonl (gzip-compressed JSON lines; Parquet is not written), was"
                        + " 'parquet'");
        expectError("log_export: { bucket: Logs_1 }", "test: log_export.bucket: must be 3 to 63 lower-case letters,"
                + " digits, '.' or '-', starting and ending with a letter or digit, was 'Logs_1'");
        expectError("log_export: { bucket: logs, settle_ms: 10 }",
                "test: log_export.settle_ms: must be between 1000 and 3600000, was 10");
        expectError("log_export: { bucket: logs, endpoint: \"ftp://host\" }",
                "test: log_export.endpoint: must be an http or https URL without a path, was 'ftp://host'");
        expectError("log_export: { bucket: logs, prefix: \"a//b\" }", "test: log_export.prefix: must be at most"
                + " 256 characters of letters, digits and !_.*'()=- in segments separated by single '/', was 'a//b'");
        expectError("log_export: { bucket: my.logs }", "test: log_export.bucket: 'my.logs' has dots, which a"
                + " virtual-host style https name cannot carry under the endpoint's certificate; set path_style:"
                + " true");
        expectError("log_export: { bucket: logs, access_key_id: \"\", secret_access_key: s }",
                "test: log_export.access_key_id: must not be blank");
        expectError("log_export: { bucket: logs, bukcet: x }", "test: log_export: unknown key 'bukcet', did you"
                + " mean 'bucket'?");
    }

    @Test
    void shouldLoadTheRootReadmesLogShippingExample() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\n", readme.indexOf("### Log shipping"));
        String yaml = readme.substring(start + 8, readme.indexOf("```", start + 8));

        LogExportConfig export = bind(yaml, Map.of("S3_ACCESS_KEY_ID", "AKIAREADME", "S3_SECRET_ACCESS_KEY",
                "readme-secret-0123456789", "AWS_SESSION_TOKEN", "not-mixed-in"));

        assertThat(export).isEqualTo(new LogExportConfig(URI.create("https://s3.eu-west-3.amazonaws.com"),
                "acme-gateway-logs", "tollgate/request-log", "eu-west-3", false, 60_000, 10_000, 60_000, 30_000,
                false, "AKIAREADME", new Secret("readme-secret-0123456789"), java.util.Optional.empty()));
    }

    private static LogExportConfig bind(String yaml, Map<String, String> env) {
        TollgateConfig config = ConfigLoader.parse(yaml, "test", env);
        assertThat(config.warnings()).isEmpty();
        return config.logExport().orElseThrow();
    }

    private static void expectError(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test", AWS_ENV)).hasMessage(message);
    }
}
