package io.tollgate.cluster.access;

import io.tollgate.cluster.governance.KeyValues;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The admin API tokens in the state store's database (table {@code admin_token}, migration V7). A value is
 * {@code tga-} and 43 random base62 characters (256 bits); only its SHA-256 is stored, so a database dump reveals no
 * token. Every node reads the table on each management request, so a revocation holds on every node at once.
 * Thread-safe.
 */
public final class AdminTokens {

    /** Every admin token value starts with this. */
    public static final String VALUE_PREFIX = "tga-";
    /** Token ids start with this. */
    public static final String ID_PREFIX = "tok_";

    private static final String COLUMNS = "id, name, role, scope_kind, scope_id, created_at, created_by, revoked_at";

    private final DataSource dataSource;
    private final KeyValues values = KeyValues.create();

    private AdminTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The tokens in the store's database (already migrated by {@link StateStore#open}). */
    public static AdminTokens create(StateStore store) {
        return new AdminTokens(Objects.requireNonNull(store, "store").dataSource());
    }

    /**
     * Creates a token.
     *
     * @param name what people call it; not blank, at most 100 characters
     * @param role what it may do
     * @param scope the part of the hierarchy it is limited to, if any
     * @param createdBy the id of the token creating it
     * @param now the creation time
     */
    public CreatedAdminToken create(String name, Role role, Optional<TokenScope> scope, String createdBy,
                                    Instant now) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name must be 1 to 100 characters");
        }
        String value = values.newValue(VALUE_PREFIX);
        AdminToken token = new AdminToken(values.newId(ID_PREFIX), name.strip(), role, scope, now, createdBy,
                Optional.empty());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO admin_token (" + COLUMNS
                        + ", value_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, token.id());
            insert.setString(2, token.name());
            insert.setString(3, role.wireName());
            insert.setString(4, scope.map(s -> s.kind().wireName()).orElse(null));
            insert.setString(5, scope.map(TokenScope::id).orElse(null));
            insert.setObject(6, time(now));
            insert.setString(7, createdBy);
            insert.setObject(8, null);
            insert.setString(9, KeyValues.hash(value));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("storing an admin token failed: " + e.getMessage(), e);
        }
        return new CreatedAdminToken(token, value);
    }

    /** The active token with this value, if any; values that cannot be tokens are not looked up. */
    public Optional<AdminToken> authenticate(String value) {
        if (value == null || !value.startsWith(VALUE_PREFIX) || value.length() > KeyValues.MAX_VALUE_LENGTH) {
            return Optional.empty();
        }
        List<AdminToken> found = select(" WHERE value_hash = ? AND revoked_at IS NULL", KeyValues.hash(value));
        return found.stream().findFirst();
    }

    /** Every token, revoked ones too, oldest first. */
    public List<AdminToken> list() {
        return select(" ORDER BY created_at, id", null);
    }

    /** The token with this id. */
    public Optional<AdminToken> find(String id) {
        return select(" WHERE id = ?", id).stream().findFirst();
    }

    /**
     * Revokes a token; revoking a revoked one changes nothing.
     *
     * @return the token as it is now; empty when there is no such token
     */
    public Optional<AdminToken> revoke(String id, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE admin_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            update.setObject(1, time(now));
            update.setString(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("revoking an admin token failed: " + e.getMessage(), e);
        }
        return find(id);
    }

    private List<AdminToken> select(String where, String parameter) {
        List<AdminToken> tokens = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM admin_token" + where)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tokens.add(read(rows));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading admin tokens failed: " + e.getMessage(), e);
        }
        return List.copyOf(tokens);
    }

    private static AdminToken read(ResultSet rows) throws SQLException {
        String kind = rows.getString("scope_kind");
        Optional<TokenScope> scope = kind == null ? Optional.empty() : Optional.of(new TokenScope(
                TokenScope.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), rows.getString("scope_id")));
        OffsetDateTime revoked = rows.getObject("revoked_at", OffsetDateTime.class);
        return new AdminToken(rows.getString("id"), rows.getString("name"), Role.parse(rows.getString("role")),
                scope, rows.getObject("created_at", OffsetDateTime.class).toInstant(), rows.getString("created_by"),
                Optional.ofNullable(revoked).map(OffsetDateTime::toInstant));
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
