package io.tollgate.node.alerts;

import java.io.IOException;

/**
 * A destination refused an alert for good (PagerDuty's 400 for an invalid event): sending the same alert again
 * would be refused again, so {@link AlertSender} logs the message and does not retry. The message is the channel's
 * own and carries no secret.
 */
final class AlertRefusedException extends IOException {

    AlertRefusedException(String message) {
        super(message);
    }
}
