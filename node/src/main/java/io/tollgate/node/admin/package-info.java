/**
 * The management API under {@code /api/governance}: customers, teams and virtual keys (create, list, get, update,
 * delete, rotate, reset usage), budgets and rate-limit windows as they stand, and the self-service quota of a
 * virtual key. Shapes follow Bifrost's governance API so its users can move scripts over.
 */
package io.tollgate.node.admin;
