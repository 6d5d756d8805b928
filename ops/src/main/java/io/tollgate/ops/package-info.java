/**
 * The operator CLI ({@code ./tollgate ops}): reads and changes a running cluster through one node's management
 * HTTP API only, never through Hazelcast or the database. {@link io.tollgate.ops.Main} is the entry point; the
 * rest is package-private: the picocli commands, the HTTP client ({@code ManagementClient}), the option parsers
 * ({@code BudgetArg}, {@code RateArg}, {@code ProviderArg}) and the text rendering ({@code Table},
 * {@code Amounts}, {@code Durations}).
 */
package io.tollgate.ops;
