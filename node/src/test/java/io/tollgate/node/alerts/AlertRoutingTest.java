package io.tollgate.node.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.config.AlertRoute;
import io.tollgate.config.AlertSeverity;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Severities of the alerts, their owner chains, and which channel routes take them. */
class AlertRoutingTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final Instant RESET = Instant.parse("2026-11-30T00:00:00Z");
    static final List<AlertOwner> ALPHA_PARENTS = List.of(new AlertOwner(Level.TEAM, "team_alpha0000000000", "alpha"),
            new AlertOwner(Level.CUSTOMER, "cus_acme000000000000", "acme"));

    /** A virtual key's $10 budget with {@code usedNanos} spent, resetting at {@code reset}. */
    static BudgetState keyBudget(String counterId, long usedNanos, Instant reset) {
        return new BudgetState(new CounterView(counterId, CounterKind.BUDGET, Level.VIRTUAL_KEY, "vk_search000000000",
                10_000_000_000L, usedNanos, 0, 0, Optional.of(reset), true), "search-bot");
    }

    static Alert keyAlert(int threshold) {
        return Alert.budget(keyBudget("vk:vk_search000000000:1d", 9_500_000_000L, RESET), threshold, ALPHA_PARENTS,
                NOW);
    }

    @Test
    void shouldGradeBudgetThresholdsAndOtherAlerts() {
        assertThat(List.of(10, 50, 79, 80, 89, 90, 99, 100, 150)).map(Alert::budgetSeverity).containsExactly(
                AlertSeverity.INFO, AlertSeverity.INFO, AlertSeverity.INFO, AlertSeverity.WARNING,
                AlertSeverity.WARNING, AlertSeverity.ERROR, AlertSeverity.ERROR, AlertSeverity.CRITICAL,
                AlertSeverity.CRITICAL);
        assertThat(deadKey().severity()).isEqualTo(AlertSeverity.ERROR);
        assertThat(keyAlert(80).json().path("severity").asText()).isEqualTo("warning");
        assertThat(keyAlert(100).json().path("severity").asText()).isEqualTo("critical");
    }

    @Test
    void shouldCarryTheOwnerAndItsParentsNearestFirst() {
        Alert alert = keyAlert(90);

        assertThat(alert.owners()).containsExactly(new AlertOwner(Level.VIRTUAL_KEY, "vk_search000000000",
                "search-bot"), ALPHA_PARENTS.get(0), ALPHA_PARENTS.get(1));
        assertThat(alert.json().path("owners")).hasSize(3);
        assertThat(alert.json().path("owners").get(1).path("level").asText()).isEqualTo("team");
        assertThat(alert.json().path("owners").get(2).path("name").asText()).isEqualTo("acme");
        assertThat(alert.key()).isEqualTo(BudgetAlerts.key(keyBudget("vk:vk_search000000000:1d", 0, RESET)
                .counter(), 90));
        assertThat(alert.about()).isEqualTo("budget of virtual key 'search-bot'");
        assertThat(deadKey().owners()).isEmpty();
        assertThat(deadKey().json().has("owners")).isFalse();
    }

    @Test
    void shouldTakeAlertsAtOrAboveTheMinimumSeverity() {
        RoutedChannel errors = routed(new AlertRoute(AlertSeverity.ERROR, List.of()));

        assertThat(errors.takes(keyAlert(80))).as("a warning").isFalse();
        assertThat(errors.takes(keyAlert(90))).as("an error").isTrue();
        assertThat(errors.takes(keyAlert(100))).as("critical").isTrue();
        assertThat(routed(AlertRoute.ALL).takes(keyAlert(50))).as("no filter: everything").isTrue();
    }

    @Test
    void shouldMatchOwnersByIdOrNameAlongTheChain() {
        assertThat(routed(owner(AlertRoute.Owner.Level.TEAM, "alpha")).takes(keyAlert(50))).as("team by name")
                .isTrue();
        assertThat(routed(owner(AlertRoute.Owner.Level.TEAM, "team_alpha0000000000")).takes(keyAlert(50)))
                .as("team by id").isTrue();
        assertThat(routed(owner(AlertRoute.Owner.Level.CUSTOMER, "acme")).takes(keyAlert(50))).as("the customer")
                .isTrue();
        assertThat(routed(owner(AlertRoute.Owner.Level.VIRTUAL_KEY, "search-bot")).takes(keyAlert(50)))
                .as("the key itself").isTrue();
        assertThat(routed(owner(AlertRoute.Owner.Level.TEAM, "beta")).takes(keyAlert(50))).as("another team")
                .isFalse();
        assertThat(routed(owner(AlertRoute.Owner.Level.CUSTOMER, "alpha")).takes(keyAlert(50)))
                .as("a name at another level").isFalse();
        assertThat(routed(owner(AlertRoute.Owner.Level.TEAM, "alpha")).takes(deadKey()))
                .as("an alert about no owner reaches only unfiltered channels").isFalse();
        assertThat(routed(new AlertRoute(AlertSeverity.CRITICAL, List.of(new AlertRoute.Owner(
                AlertRoute.Owner.Level.TEAM, "alpha")))).takes(keyAlert(90))).as("both must hold").isFalse();
    }

    private static Alert deadKey() {
        return Alert.deadKey(new DeadKey("openai", "primary", "401 invalid_api_key", NOW), NOW);
    }

    private static AlertRoute owner(AlertRoute.Owner.Level level, String nameOrId) {
        return new AlertRoute(AlertSeverity.INFO, List.of(new AlertRoute.Owner(level, nameOrId)));
    }

    private static RoutedChannel routed(AlertRoute route) {
        return new RoutedChannel(new AlertChannel() {
            @Override
            public String describe() {
                return "nowhere";
            }

            @Override
            public void deliver(Alert alert) throws IOException {
                throw new IOException("never called by routing");
            }
        }, route);
    }
}
