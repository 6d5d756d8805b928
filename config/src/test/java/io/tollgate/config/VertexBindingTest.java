package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code type: vertex}: a project and a location, the regional or global endpoint, and keys that are service-account
 * JSON keys (a file or the JSON itself) checked at start without ever showing their content.
 */
class VertexBindingTest {

    /** Only the shape is checked here; the private key is parsed by the adapter. */
    private static final String KEY_JSON = """
            {"type":"service_account","project_id":"acme-ai","private_key_id":"k1","client_id":"1234",
             "private_key":"-----BEGIN PRIVATE KEY-----\\nTOP-SECRET-MATERIAL\\n-----END PRIVATE KEY-----\\n",
             "client_email":"gateway@acme-ai.iam.gserviceaccount.com","token_uri":"https://oauth2.googleapis.com/token"}""";

    @TempDir
    Path dir;

    @Test
    void shouldBindProjectAndRegionAndDeriveTheRegionalOrGlobalEndpoint() throws IOException {
        Path file = Files.writeString(dir.resolve("sa.json"), KEY_JSON);
        TollgateConfig config = parse("""
                providers:
                  vertex: { type: vertex, project: acme-ai, region: europe-west4, keys: [ { name: sa, value: "%s" } ] }
                  vglobal: { type: vertex, project: acme-ai, region: global, keys: [ { name: sa, value: "${SA_JSON}" } ] }
                  vlocal: { type: vertex, project: p1, region: us-east5, base_url: "http://127.0.0.1:9/",
                            keys: [ { name: sa, value: "%s" } ] }
                """.formatted(file, file), Map.of("SA_JSON", KEY_JSON));

        ProviderConfig vertex = config.providers().get("vertex");
        assertThat(vertex.type()).isEqualTo(ProviderType.VERTEX);
        assertThat(vertex.baseUrl()).isEqualTo("https://europe-west4-aiplatform.googleapis.com");
        assertThat(vertex.project()).contains("acme-ai");
        assertThat(vertex.region()).contains("europe-west4");
        assertThat(vertex.keys().get(0).value().reveal()).isEqualTo(file.toString());
        assertThat(config.providers().get("vglobal").baseUrl()).isEqualTo("https://aiplatform.googleapis.com");
        assertThat(config.providers().get("vglobal").keys().get(0).value().reveal()).isEqualTo(KEY_JSON);
        assertThat(config.providers().get("vglobal").toString()).doesNotContain("TOP-SECRET", "gateway@");
        assertThat(config.providers().get("vlocal").baseUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(ProviderType.VERTEX.openAiCompatible()).isFalse();
    }

    @Test
    void shouldRequireProjectAndRegionAndKeepThemToVertex() {
        assertThatThrownBy(() -> parse("providers: { v: { type: vertex, region: us-central1, keys: [ { name: k, value: "
                + "x } ] } }", Map.of())).hasMessageContaining(
                        "providers.v.project: is required for type vertex (the Google Cloud project id)");
        assertThatThrownBy(() -> parse("providers: { v: { type: vertex, project: p, keys: [ { name: k, value: x } ] } }",
                Map.of())).hasMessageContaining("providers.v.region: is required for type vertex (the Vertex AI "
                        + "location, for example us-central1 or global)");
        assertThatThrownBy(() -> parse("providers: { g: { type: gemini, project: p, keys: [ { name: k, value: x } ] } }",
                Map.of())).hasMessageContaining("providers.g.project: is only allowed for type vertex");
        assertThatThrownBy(() -> parse("providers: { g: { type: gemini, region: eu, keys: [ { name: k, value: x } ] } }",
                Map.of())).hasMessageContaining("providers.g.region: is only allowed for type bedrock or vertex");
        assertThatThrownBy(() -> parse("""
                providers: { v: { type: vertex, project: "a/b", region: us-central1,
                                  keys: [ { name: k, value: "${SA_JSON}" } ] } }
                """, Map.of("SA_JSON", KEY_JSON))).hasMessageContaining("providers.v.project: must be letters, digits");
    }

    @Test
    void shouldNameTheKeyWhenItsFileIsMissingOrNotAServiceAccountAndNeverShowItsContent() throws IOException {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> parse(vertexWith(missing.toString()), Map.of()))
                .hasMessageContaining("providers.v.keys[0].value: names no service-account key file: '" + missing
                        + "' does not exist");

        Path user = Files.writeString(dir.resolve("user.json"),
                "{\"type\":\"authorized_user\",\"client_secret\":\"TOP-SECRET-MATERIAL\"}");
        assertThatThrownBy(() -> parse(vertexWith(user.toString()), Map.of()))
                .hasMessageContaining("providers.v.keys[0].value: the service-account key file '" + user
                        + "' is not a service-account key")
                .hasMessageNotContaining("TOP-SECRET");

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"private_key\": \"TOP-SECRET-MATERIAL");
        assertThatThrownBy(() -> parse(vertexWith(broken.toString()), Map.of()))
                .hasMessageContaining("keys[0].value: the service-account key file '" + broken + "' is not valid JSON")
                .hasMessageNotContaining("TOP-SECRET");

        assertThatThrownBy(() -> parse(vertexWith("${SA_JSON}"), Map.of("SA_JSON",
                KEY_JSON.replace("\"client_email\"", "\"email\""))))
                .hasMessageContaining("keys[0].value: the inline service-account key has no \"client_email\"")
                .hasMessageNotContaining("TOP-SECRET");
        assertThatThrownBy(() -> parse(vertexWith("${SA_JSON}"), Map.of("SA_JSON", "{ TOP-SECRET-MATERIAL")))
                .hasMessageContaining("keys[0].value: the inline service-account key is not valid JSON")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void shouldDisableTheProviderWhenItsKeyVariableIsUnsetWithoutReadingAFile() {
        TollgateConfig config = parse(vertexWith("${SA_JSON}"), Map.of());

        assertThat(config.providers().get("v").enabled()).isFalse();
        assertThat(config.providers().get("v").disabledReason()).contains("SA_JSON is not set");
    }

    private static String vertexWith(String value) {
        return "providers: { v: { type: vertex, project: p1, region: us-central1, keys: [ { name: sa, value: \""
                + value + "\" } ] } }";
    }
}
