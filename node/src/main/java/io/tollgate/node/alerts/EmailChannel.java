package io.tollgate.node.alerts;

import io.tollgate.adapters.Json;
import io.tollgate.config.AlertsConfig;
import io.tollgate.config.Secret;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * E-mail over SMTP (jakarta.mail): one plain-text message per alert to every recipient, its subject a short line,
 * its body the alert's text, a blank line and the alert as indented JSON. Plain SMTP, STARTTLS (required, not
 * merely attempted) or TLS from the start, with the server's name checked against its certificate; it logs in only
 * when a username is configured. One connection per delivery, bounded by {@code timeout_ms} for connecting,
 * reading and writing.
 */
final class EmailChannel implements AlertChannel {

    private static final String CHARSET = StandardCharsets.UTF_8.name();

    private final AlertsConfig.Email config;
    private final Session session;
    private final String protocol;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final Clock clock;

    private EmailChannel(AlertsConfig.Email config, Session session, String protocol, InternetAddress from,
                         InternetAddress[] to, Clock clock) {
        this.config = config;
        this.session = session;
        this.protocol = protocol;
        this.from = from;
        this.to = to;
        this.clock = clock;
    }

    /**
     * A channel to the configured server; {@code clock} dates the messages.
     *
     * @throws IllegalArgumentException when {@code from} or a {@code to} is not an address jakarta.mail accepts
     */
    static EmailChannel create(AlertsConfig.Email config, Clock clock) {
        String protocol = config.security() == AlertsConfig.Email.Security.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        String timeout = Long.toString(config.timeoutMs());
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty(prefix + "host", config.host());
        properties.setProperty(prefix + "port", Integer.toString(config.port()));
        properties.setProperty(prefix + "connectiontimeout", timeout);
        properties.setProperty(prefix + "timeout", timeout);
        properties.setProperty(prefix + "writetimeout", timeout);
        properties.setProperty(prefix + "from", config.from());
        properties.setProperty(prefix + "auth", Boolean.toString(config.username().isPresent()));
        switch (config.security()) {
            case NONE -> { }
            case STARTTLS -> {
                properties.setProperty(prefix + "starttls.enable", "true");
                properties.setProperty(prefix + "starttls.required", "true");
                properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            case TLS -> properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        InternetAddress[] to = new InternetAddress[config.to().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = address("to[" + i + "]", config.to().get(i));
        }
        return new EmailChannel(config, Session.getInstance(properties), protocol, address("from", config.from()),
                to, clock);
    }

    private static InternetAddress address(String key, String address) {
        try {
            return new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("alerts.email." + key + " is not a valid address: '" + address + "'");
        }
    }

    @Override
    public String describe() {
        return "e-mail server " + config.host();
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        try {
            MimeMessage message = message(alert);
            try (Transport transport = session.getTransport(protocol)) {
                if (config.username().isPresent()) {
                    transport.connect(config.host(), config.port(), config.username().get(),
                            config.password().map(Secret::reveal).orElse(""));
                } else {
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            // the class only: a server's reply may quote what it refused
            throw new IOException(e.getClass().getSimpleName(), e);
        }
    }

    private MimeMessage message(Alert alert) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(alert.subject(), CHARSET);
        message.setSentDate(Date.from(clock.instant()));
        message.setText(alert.text() + "\n\n"
                + Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(alert.json()) + "\n", CHARSET);
        message.saveChanges();
        return message;
    }
}
