/**
 * Log shipping: the request log exported on a schedule to S3-compatible object storage as gzip-compressed JSON
 * lines, one object per UTC day of each exported range, every row exactly once across the cluster and across
 * crashes. {@link io.tollgate.node.logship.LogShipper} runs the schedule over the store's
 * {@link io.tollgate.cluster.log.LogExport} position; {@link io.tollgate.node.logship.S3ObjectStore} uploads.
 */
package io.tollgate.node.logship;
