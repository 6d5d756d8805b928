/**
 * Budget alerts: thresholds watched off the request path, claimed once for the cluster, sent to webhooks and by
 * e-mail.
 */
package io.tollgate.node.alerts;
