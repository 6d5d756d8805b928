package io.tollgate.cluster.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cluster.ClusterServices;
import io.tollgate.cluster.governance.MutableClock;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.ConfigLoader;
import io.tollgate.config.TollgateConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert claims are kept in the state store: after the whole cluster restarts, an alert already sent is not sent
 * again; a lapsed claim can be taken again by one caller and is removed from the store by the sweep.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlertClaimsRestartIT {

    private static final String KEY = "budget:team-budget-1:2026-12-01T00:00:00Z:80";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));

    @Test
    void shouldKeepAClaimAcrossAWholeClusterRestart() {
        TollgateConfig config = config();
        try (ClusterServices cluster = ClusterServices.start(config, clock)) {
            assertThat(cluster.alertClaims().claim(KEY, Duration.ofDays(3))).isTrue();
            assertThat(cluster.alertClaims().claim(KEY, Duration.ofDays(3))).isFalse();
            cluster.alertClaims().delivered(KEY);
        }
        assertThat(storedClaims(config)).containsExactly(KEY);

        try (ClusterServices cluster = ClusterServices.start(config, clock)) {
            assertThat(cluster.alertClaims().claimed(KEY)).isTrue();
            assertThat(cluster.alertClaims().claim(KEY, Duration.ofDays(3))).isFalse();
            assertThat(cluster.alertClaims().claim(KEY.replace(":80", ":90"), Duration.ofDays(3))).isTrue();
        }
    }

    @Test
    void shouldLetTheRestartedClusterRetakeAClaimThatWasNeverDelivered() {
        TollgateConfig config = config();
        try (ClusterServices cluster = ClusterServices.start(config, clock)) {
            assertThat(cluster.alertClaims().claim(KEY, Duration.ofDays(3))).isTrue();   // then the sender died
        }
        try (ClusterServices cluster = ClusterServices.start(config, clock)) {
            assertThat(cluster.alertClaims().claim(KEY, Duration.ofDays(3))).as("its member is gone").isTrue();
            assertThat(cluster.alertClaims().claim(KEY, Duration.ofDays(3))).as("now held by a live member")
                    .isFalse();
        }
    }

    @Test
    void shouldLetOneCallerRetakeALapsedClaimAndSweepItFromTheStore() {
        TollgateConfig config = config();
        try (ClusterServices cluster = ClusterServices.start(config, clock)) {
            HazelcastAlertClaims claims = (HazelcastAlertClaims) cluster.alertClaims();
            assertThat(claims.claim(KEY, Duration.ofMinutes(5))).isTrue();
            assertThat(claims.claim("key-dead:openai/primary:2026-11-29T11:00:00Z", Duration.ofDays(30))).isTrue();
            assertThat(claims.expire()).isZero();

            clock.advance(Duration.ofMinutes(6));
            assertThat(claims.claimed(KEY)).isFalse();
            assertThat(claims.claim(KEY, Duration.ofMinutes(5))).isTrue();
            assertThat(claims.claim(KEY, Duration.ofMinutes(5))).isFalse();

            clock.advance(Duration.ofMinutes(6));
            assertThat(claims.expire()).isEqualTo(1);
        }
        assertThat(storedClaims(config)).containsExactly("key-dead:openai/primary:2026-11-29T11:00:00Z");
    }

    @Test
    void shouldRefuseATextThatIsNotAClaim() {
        assertThatThrownBy(() -> HazelcastAlertClaims.codec().decode("claimed-by:someone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an alert claim of format v1: 'claimed-by:someone'");
        assertThat(HazelcastAlertClaims.codec().decode("v1;claimed;m;5")).isEqualTo("v1;claimed;m;5");
    }

    private TollgateConfig config() {
        return ConfigLoader.parse("store: { data_dir: '" + dataDir + "' }\n", "test", Map.of());
    }

    private static List<String> storedClaims(TollgateConfig config) {
        try (StateStore store = StateStore.open(config.store());
                Connection connection = store.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT entry_key FROM tollgate_state WHERE map_name = ? ORDER BY entry_key")) {
            select.setString(1, HazelcastAlertClaims.MAP);
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
