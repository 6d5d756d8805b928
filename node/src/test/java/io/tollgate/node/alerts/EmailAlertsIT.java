package io.tollgate.node.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.config.AlertsConfig;
import io.tollgate.config.Secret;
import io.tollgate.node.testing.CapturedLogs;
import io.tollgate.node.testing.MemoryAlertClaims;
import io.tollgate.node.testing.NodeClient;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * E-mail alerts against an in-process SMTP server (GreenMail on a port chosen at run time): a budget crossing 80%
 * sends one message to every recipient with the budget's figures; a server that is down at first gets the message
 * through the sender's retries once it is up; a configured login is used and its password never shows.
 */
@Timeout(60)
class EmailAlertsIT {

    private static final Instant RESET = Instant.parse("2026-12-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final List<String> TO = List.of("ops@example.com", "finance@example.org");
    private static final String PASSWORD = "smtp-Pa55word-never-shown";

    @Test
    void shouldSendOneEmailToEveryRecipientWithTheBudgetsFiguresWhenItCrosses80Percent() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        MemoryAlertClaims claims = new MemoryAlertClaims();
        try (BudgetAlerts alerts = BudgetAlerts.create(config(email(port, Optional.empty(), Optional.empty()), 4),
                () -> List.of(budget(8_500_000_000L)), claims, CLOCK)) {
            assertThat(alerts.check()).isEqualTo(1);
            alerts.awaitDeliveries(Duration.ofSeconds(10));
            assertThat(alerts.check()).as("claimed: never sent again").isZero();
            alerts.awaitDeliveries(Duration.ofSeconds(10));

            assertThat(claims.delivered()).containsExactly("budget:team:team_search:" + RESET + ":80");
            assertThat(smtp.getReceivedMessages()).as("one message, delivered to each of two recipients").hasSize(2);
            for (String address : TO) {
                List<MimeMessage> received = smtp.findReceivedMessages(user -> user.getEmail().equals(address),
                        message -> true).toList();
                assertThat(received).as(address).hasSize(1);
                MimeMessage message = received.get(0);
                assertThat(message.getSubject()).isEqualTo("Tollgate alert: team budget of 'search' at 80%");
                assertThat(Arrays.stream(message.getFrom()).map(Address::toString))
                        .containsExactly("tollgate@example.com");
                assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString))
                        .containsExactlyElementsOf(TO);
                assertThat(message.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
                String body = ((String) message.getContent()).replace("\r\n", "\n");
                assertThat(body).startsWith("Tollgate: the team budget of 'search' reached 80%: $8.5 of $10, resets "
                        + RESET + ".\n\n{");
                var json = NodeClient.parse(body.substring(body.indexOf("\n\n") + 2));
                assertThat(json.path("threshold_percent").asInt()).isEqualTo(80);
                assertThat(json.path("level").asText()).isEqualTo("team");
                assertThat(json.path("owner_name").asText()).isEqualTo("search");
                assertThat(json.path("usage_usd").decimalValue()).isEqualByComparingTo("8.5");
                assertThat(json.path("limit_usd").decimalValue()).isEqualByComparingTo("10");
                assertThat(json.path("resets_at").asText()).isEqualTo(RESET.toString());
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void shouldDeliverThroughRetriesWhenTheServerComesUpLate() throws Exception {
        int port = freePort();   // nothing listens on it yet
        MemoryAlertClaims claims = new MemoryAlertClaims();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (BudgetAlerts alerts = BudgetAlerts.create(config(email(port, Optional.empty(), Optional.empty()), 6),
                () -> List.of(budget(10_000_000_000L)), claims, CLOCK)) {
            assertThat(alerts.check()).isEqualTo(1);
            Thread.sleep(1_000);
            assertThat(claims.delivered()).as("not delivered while the server is down").isEmpty();

            smtp.start();
            alerts.awaitDeliveries(Duration.ofSeconds(30));

            assertThat(claims.delivered()).containsExactly("budget:team:team_search:" + RESET + ":100");
            for (String address : TO) {
                assertThat(smtp.findReceivedMessages(user -> user.getEmail().equals(address), message -> true))
                        .as(address).hasSize(1);
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void shouldLogInWithTheConfiguredUserAndNeverShowThePassword() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("tollgate@example.com", "tollgate", PASSWORD);
        smtp.start();
        try (CapturedLogs logs = CapturedLogs.install("io.tollgate")) {
            AlertsConfig right = config(email(port, Optional.of("tollgate"), Optional.of(new Secret(PASSWORD))), 2);
            AlertsConfig wrong = config(email(port, Optional.of("tollgate"),
                    Optional.of(new Secret(PASSWORD + "-wrong"))), 2);
            MemoryAlertClaims rightClaims = new MemoryAlertClaims();
            MemoryAlertClaims wrongClaims = new MemoryAlertClaims();
            try (BudgetAlerts withRight = BudgetAlerts.create(right, () -> List.of(budget(8_000_000_000L)), rightClaims,
                    CLOCK);
                 BudgetAlerts withWrong = BudgetAlerts.create(wrong, () -> List.of(budget(9_000_000_000L)), wrongClaims,
                         CLOCK)) {
                assertThat(withRight.check() + withWrong.check()).isEqualTo(2);
                withRight.awaitDeliveries(Duration.ofSeconds(10));
                withWrong.awaitDeliveries(Duration.ofSeconds(10));
            }

            assertThat(rightClaims.delivered()).as("logged in and sent").hasSize(1);
            assertThat(wrongClaims.delivered()).as("the server refused the wrong password").isEmpty();
            assertThat(smtp.getReceivedMessages()).hasSize(TO.size());
            assertThat(smtp.getReceivedMessages()[0].getSubject()).endsWith("at 80%");
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains(
                    "not delivered to e-mail server 127.0.0.1 after 2 attempts (AuthenticationFailedException)"));
            assertThat(right.toString()).contains("password=****").doesNotContain(PASSWORD);
            assertThat(right.email().orElseThrow().password().orElseThrow().toString()).doesNotContain(PASSWORD);
            assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(PASSWORD)
                    .doesNotContain("Pa55word"));
        } finally {
            smtp.stop();
        }
    }

    private static AlertsConfig.Email email(int port, Optional<String> username, Optional<Secret> password) {
        return new AlertsConfig.Email("127.0.0.1", port, AlertsConfig.Email.Security.NONE, "tollgate@example.com", TO,
                username, password, 5_000);
    }

    private static AlertsConfig config(AlertsConfig.Email email, int maxAttempts) {
        return new AlertsConfig(List.of(50, 80, 90, 100), 60_000, maxAttempts, List.of(), Optional.empty(),
                Optional.of(email));
    }

    private static BudgetState budget(long usedNanos) {
        return new BudgetState(new CounterView("team:team_search", CounterKind.BUDGET, Level.TEAM, "team_search",
                10_000_000_000L, usedNanos, 0, 0, Optional.of(RESET), true), "search");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
