package io.tollgate.node.admin;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.config.AdminConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks the admin bearer token in constant time; without a configured token the management API refuses all. */
final class AdminAuth {

    private final Optional<byte[]> token;

    AdminAuth(AdminConfig admin) {
        this.token = admin.token().map(secret -> secret.reveal().getBytes(StandardCharsets.UTF_8));
    }

    void check(Optional<String> authorization) {
        if (token.isEmpty()) {
            throw GatewayException.of(ErrorKind.AUTHENTICATION, "The management API is disabled: no admin token is "
                    + "configured (set TOLLGATE_ADMIN_TOKEN or admin.token).").withCode("admin_token_missing");
        }
        String presented = authorization.map(String::trim)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .orElse("");
        if (!MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            throw GatewayException.of(ErrorKind.AUTHENTICATION, "Send the admin token as 'Authorization: Bearer "
                    + "<admin token>'.").withCode("invalid_admin_token");
        }
    }
}
