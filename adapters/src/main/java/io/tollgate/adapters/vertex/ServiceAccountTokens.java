package io.tollgate.adapters.vertex;

import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth access tokens minted by Google's auth library from each key's service account: one
 * {@link ServiceAccountCredentials} per key, scoped to {@code cloud-platform}, loaded when the adapter is created.
 * The library signs a JWT assertion with the key's private key and trades it at the key's {@code token_uri} (Google's
 * by default; nothing else is contacted — no metadata server); it caches the token and fetches a new one only
 * when fewer than 3 min 45 s of its life are left ({@code OAuth2Credentials}' refresh margin), at most one fetch at a
 * time per key. Thread-safe.
 */
final class ServiceAccountTokens implements AccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** One thread-safe HTTP transport for every key's token fetches (the JDK's {@code HttpURLConnection}). */
    private static final NetHttpTransport SHARED_TRANSPORT = new NetHttpTransport();

    private final String provider;
    private final Map<String, GoogleCredentials> byKey;

    private ServiceAccountTokens(String provider, Map<String, GoogleCredentials> byKey) {
        this.provider = provider;
        this.byKey = Map.copyOf(byKey);
    }

    /**
     * Loads every key of the provider.
     *
     * @throws IllegalArgumentException naming the provider and key (never the key's content) when one cannot be
     *     loaded as a service account
     */
    static ServiceAccountTokens create(ProviderConfig config) {
        return create(config, () -> SHARED_TRANSPORT);
    }

    /** As {@link #create(ProviderConfig)}, fetching tokens through {@code transport}. */
    static ServiceAccountTokens create(ProviderConfig config, HttpTransportFactory transport) {
        Map<String, GoogleCredentials> byKey = new HashMap<>();
        for (ProviderKey key : config.keys()) {
            byKey.put(key.name(), load(config, key, transport));
        }
        return new ServiceAccountTokens(config.name(), byKey);
    }

    @Override
    public String token(ProviderKey key) {
        GoogleCredentials credentials = byKey.get(key.name());
        if (credentials == null) {
            throw GatewayException.of(ErrorKind.INTERNAL, "Provider '" + provider + "' has no key '" + key.name() + "'.");
        }
        try {
            credentials.refreshIfExpired();
            return credentials.getAccessToken().getTokenValue();
        } catch (IOException | RuntimeException e) {
            throw failure(key, e);
        }
    }

    private static GoogleCredentials load(ProviderConfig config, ProviderKey key, HttpTransportFactory transport) {
        String value = key.value().reveal();
        boolean inline = value.stripLeading().startsWith("{");
        try (InputStream in = inline ? new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8))
                : Files.newInputStream(Path.of(value))) {
            return ServiceAccountCredentials.fromStream(in, transport).createScoped(List.of(SCOPE));
        } catch (IOException | RuntimeException e) {
            // the config check saw the JSON's shape; what is left is its private key or token_uri. The parser's
            // message is not repeated: it might quote the key.
            throw new IllegalArgumentException("provider '" + config.name() + "' key '" + key.name()
                    + "': not a usable service-account key, its private_key (PKCS#8 PEM) or token_uri cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The token endpoint's refusal as the key's failure (401s take the key out of rotation), or unreachable. */
    private GatewayException failure(ProviderKey key, Exception e) {
        String subject = "Provider '" + provider + "' key '" + key.name() + "': ";
        Optional<Integer> status = httpStatus(e);
        if (status.isEmpty()) {
            return GatewayException.of(ErrorKind.UPSTREAM_UNREACHABLE,
                    subject + "Google's OAuth token endpoint could not be reached.", e);
        }
        int code = status.get();
        boolean refused = code == 400 || code == 401 || code == 403;
        return GatewayException.upstream(refused ? 401 : code, subject + "Google's OAuth token endpoint refused the "
                + "service account (HTTP " + code + ").", refused ? "authentication_error" : "");
    }

    private static Optional<Integer> httpStatus(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException response) {
                return Optional.of(response.getStatusCode());
            }
        }
        return Optional.empty();
    }
}
