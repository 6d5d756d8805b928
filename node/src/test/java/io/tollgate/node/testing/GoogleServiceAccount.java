package io.tollgate.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway Google service account for tests: a fresh RSA key pair (nothing committed), its JSON key file pointing
 * at a fake OAuth token endpoint, that endpoint's {@link FakeUpstream.Reply} (numbered tokens, a chosen lifetime),
 * and a check of the JWT-bearer grant the gateway sent.
 */
public final class GoogleServiceAccount {

    private final String email;
    private final KeyPair keys;
    private final String tokenPrefix;
    private final long expiresInSeconds;
    private final AtomicInteger minted = new AtomicInteger();

    private GoogleServiceAccount(String email, String tokenPrefix, long expiresInSeconds) {
        this.email = email;
        this.tokenPrefix = tokenPrefix;
        this.expiresInSeconds = expiresInSeconds;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service account whose tokens are {@code ya29.<prefix>-<n>} and live {@code expiresInSeconds}. */
    public static GoogleServiceAccount create(String email, String tokenPrefix, long expiresInSeconds) {
        return new GoogleServiceAccount(email, tokenPrefix, expiresInSeconds);
    }

    /** The JSON key file's content, with {@code token_uri} pointing at the fake endpoint. */
    public String json(String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----\\n";
        return "{\"type\":\"service_account\",\"project_id\":\"acme-ai\",\"private_key_id\":\"0123abcd\",\"private_key\":\""
                + pem + "\",\"client_email\":\"" + email + "\",\"client_id\":\"1000001\",\"token_uri\":\"" + tokenUri
                + "\"}";
    }

    /** The token endpoint: answers each call with the next numbered token. */
    public FakeUpstream.Reply tokenEndpoint() {
        return exchange -> FakeUpstream.Reply.json(200, "{\"access_token\":\"ya29." + tokenPrefix + "-"
                + minted.incrementAndGet() + "\",\"expires_in\":" + expiresInSeconds + ",\"token_type\":\"Bearer\"}")
                .write(exchange);
    }

    /** How many tokens the endpoint handed out. */
    public int minted() {
        return minted.get();
    }

    /**
     * Checks one token request the way Google does: a JWT-bearer grant whose assertion has three parts, is signed
     * with this account's private key (RS256), and is issued by its email for the {@code cloud-platform} scope.
     *
     * @return the assertion's claims
     * @throws AssertionError when the form or the signature is wrong
     */
    public JsonNode verifyGrant(String formBody) {
        Map<String, String> form = new HashMap<>();
        for (String pair : formBody.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            throw new AssertionError("not a JWT-bearer grant: " + form.keySet());
        }
        String[] jwt = form.getOrDefault("assertion", "").split("\\.");
        if (jwt.length != 3) {
            throw new AssertionError("the assertion has " + jwt.length + " parts");
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(keys.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                throw new AssertionError("the assertion's signature does not verify with the account's public key");
            }
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        JsonNode claims = NodeClient.parse(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        if (!email.equals(claims.path("iss").asText())
                || !"https://www.googleapis.com/auth/cloud-platform".equals(claims.path("scope").asText())) {
            throw new AssertionError("unexpected claims " + claims);
        }
        return claims;
    }
}
