/**
 * Who may use the management API and what they did with it: admin API tokens with roles and optional scopes
 * (stored hashed, table {@code admin_token}) and the append-only audit log of changes (table {@code audit_log}),
 * both in the state store's database (migration V7).
 */
package io.tollgate.cluster.access;
