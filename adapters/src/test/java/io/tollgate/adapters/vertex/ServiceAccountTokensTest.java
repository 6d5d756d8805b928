package io.tollgate.adapters.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.config.BalancingStrategy;
import io.tollgate.config.CircuitBreakerConfig;
import io.tollgate.config.HttpVersion;
import io.tollgate.config.MockOptions;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import io.tollgate.config.ProviderType;
import io.tollgate.config.RetryPolicy;
import io.tollgate.config.Secret;
import io.tollgate.config.Timeouts;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Google's auth library as the adapter uses it, over a recording in-memory HTTP transport: the only call is to the
 * key's {@code token_uri}, with a signed JWT assertion; the token is cached, refreshed within the library's refresh
 * margin, minted once however many threads ask, and a refusal becomes the key's 401.
 */
class ServiceAccountTokensTest {

    private static final String TOKEN_URI = "http://127.0.0.1:9/oauth2/token";
    private static final ProviderKey KEY = new ProviderKey("sa",
            new Secret(ServiceAccounts.json("gateway@acme.iam.gserviceaccount.com", TOKEN_URI)), 1);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> forms = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile long expiresInSeconds = 3600;

    @Test
    void shouldMintOnceAtTheKeysTokenUriWithASignedAssertionAndReuseTheToken() {
        ServiceAccountTokens tokens = tokens();
        String first = tokens.token(KEY);
        String second = tokens.token(KEY);

        assertThat(first).isEqualTo("ya29.token-1").isEqualTo(second);
        assertThat(calls).as("nothing but the token_uri, once").containsExactly("POST " + TOKEN_URI);
        Map<String, String> form = form(forms.get(0));
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        assertThat(jwt).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
        // the library addresses the assertion to Google's token endpoint whatever token_uri it posts it to
        assertThat(claims).contains("\"iss\":\"gateway@acme.iam.gserviceaccount.com\"",
                "\"aud\":\"https://oauth2.googleapis.com/token\"", "\"scope\":\"" + ServiceAccountTokens.SCOPE + "\"");
    }

    @Test
    void shouldRefreshATokenInsideTheLibrarysRefreshMargin() {
        // 200 s left is under the 3 min 45 s refresh margin (and above the 3 min expiry margin): stale at once
        expiresInSeconds = 200;
        ServiceAccountTokens tokens = tokens();

        assertThat(tokens.token(KEY)).isEqualTo("ya29.token-1");
        expiresInSeconds = 3600;
        assertThat(tokens.token(KEY)).isEqualTo("ya29.token-2");
        assertThat(tokens.token(KEY)).isEqualTo("ya29.token-2");
        assertThat(calls).hasSize(2);
    }

    @Test
    void shouldMintOneTokenForManyThreadsAskingAtOnce() throws Exception {
        ServiceAccountTokens tokens = tokens();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> asked = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                asked.add(threads.submit(() -> tokens.token(KEY)));
            }
            for (Future<String> answer : asked) {
                assertThat(answer.get()).isEqualTo("ya29.token-1");
            }
        }
        assertThat(calls).hasSize(1);
    }

    @Test
    void shouldTurnARefusedServiceAccountIntoTheKeys401WithoutItsContent() {
        status = 400;
        ServiceAccountTokens tokens = tokens();

        assertThatThrownBy(() -> tokens.token(KEY)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).isEqualTo("Provider 'vertex' key 'sa': Google's OAuth token endpoint refused "
                    + "the service account (HTTP 400).");
        });
    }

    @Test
    void shouldRefuseAKeyWhosePrivateKeyIsNotPkcs8NamingOnlyTheKey() {
        String broken = ServiceAccounts.json("gateway@acme.iam.gserviceaccount.com", TOKEN_URI)
                .replaceAll("-----BEGIN PRIVATE KEY-----\\\\n[A-Za-z0-9+/=]{8}", "-----BEGIN PRIVATE KEY-----\\\\n!!!!");
        ProviderKey key = new ProviderKey("sa", new Secret(broken), 1);

        assertThatThrownBy(() -> ServiceAccountTokens.create(provider(key), MockHttpTransport::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("provider 'vertex' key 'sa': not a usable service-account key")
                .hasMessageNotContaining("PRIVATE KEY");
    }

    private ServiceAccountTokens tokens() {
        return ServiceAccountTokens.create(provider(KEY), () -> new MockHttpTransport() {
            @Override
            public LowLevelHttpRequest buildRequest(String method, String url) {
                calls.add(method + " " + url);
                return new MockLowLevelHttpRequest(url) {
                    @Override
                    public LowLevelHttpResponse execute() throws IOException {
                        forms.add(getContentAsString());
                        return new MockLowLevelHttpResponse().setStatusCode(status)
                                .setContentType("application/json").setContent(status == 200
                                        ? "{\"access_token\":\"ya29.token-" + calls.size() + "\",\"expires_in\":"
                                                + expiresInSeconds + ",\"token_type\":\"Bearer\"}"
                                        : "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
                    }
                };
            }
        });
    }

    private static ProviderConfig provider(ProviderKey key) {
        return new ProviderConfig("vertex", ProviderType.VERTEX, "http://127.0.0.1:9", Optional.empty(), List.of(key),
                Map.of(), Timeouts.DEFAULT, HttpVersion.AUTO, MockOptions.DEFAULT, Optional.empty(),
                BalancingStrategy.ADAPTIVE, RetryPolicy.DEFAULT, CircuitBreakerConfig.DEFAULT, Optional.of("us-central1"), Optional.of("acme"));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    /** A throwaway service account: a fresh RSA key pair, nothing committed. */
    static final class ServiceAccounts {
        private ServiceAccounts() {
        }

        static String json(String email, String tokenUri) {
            KeyPairGenerator generator;
            try {
                generator = KeyPairGenerator.getInstance("RSA");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder()
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
            return "{\"type\":\"service_account\",\"project_id\":\"acme\",\"private_key_id\":\"k1\",\"private_key\":\""
                    + pem + "\",\"client_email\":\"" + email + "\",\"client_id\":\"1\",\"token_uri\":\"" + tokenUri + "\"}";
        }
    }
}
