/**
 * Reconciliation: importing the providers' own usage and cost reports (OpenAI's organization usage and costs API,
 * Anthropic's usage and cost report admin API, CSV invoices), the scheduled import run once per source and slot in
 * the cluster, and the comparison of those figures with the gateway's request log per day and model.
 */
package io.tollgate.node.reconcile;
