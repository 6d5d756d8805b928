/**
 * Alerts: budget thresholds, dead provider keys, cost spikes and margins watched off the request path, claimed once
 * for the cluster, graded by severity and routed by severity and owner to webhooks, e-mail, PagerDuty and Teams.
 */
package io.tollgate.node.alerts;
