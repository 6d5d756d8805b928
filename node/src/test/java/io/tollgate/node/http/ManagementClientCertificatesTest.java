package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which paths need a management client certificate, however they are spelt. */
class ManagementClientCertificatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/cluster/status                  | true",
        "/api                                 | true",
        "/api/                                | true",
        "/api/governance/virtual-keys         | true",
        "//api//cluster/status                | true",
        "/./api/cluster/status                | true",
        "/v1/../api/cluster/status            | true",
        "/../../api/cache                     | true",
        "/ui                                  | true",
        "/ui/                                 | true",
        "/ui/vendor/uPlot.min.css             | true",
        "/metrics                             | true",
        "/metrics/                            | true",
        "/api/governance/virtual-keys/quota   | false",
        "//api/governance/virtual-keys/quota/ | false",
        "/apis                                | false",
        "/uix                                 | false",
        "/metricsx                            | false",
        "/v1/chat/completions                 | false",
        "/openai/v1/models                    | false",
        "/anthropic/v1/messages               | false",
        "/health                              | false",
        "/ready                               | false",
        "/                                    | false",
    })
    void shouldTellManagementPaths(String path, boolean management) {
        assertThat(ManagementClientCertificates.isManagement(path)).as(path).isEqualTo(management);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/a/b     | /a/b",
        "//a///b/ | /a/b",
        "/a/./b   | /a/b",
        "/a/../b  | /b",
        "/../a    | /a",
        "''       | /",
    })
    void shouldNormalize(String path, String normal) {
        assertThat(ManagementClientCertificates.normalize(path)).isEqualTo(normal);
    }
}
