/** The distinct values each request tag has taken across the cluster, bounded per tag name. */
package io.tollgate.cluster.tags;
