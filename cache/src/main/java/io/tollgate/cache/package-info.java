/** The response cache: exact and semantic lookup, shared across the cluster, never across cache scopes. */
package io.tollgate.cache;
