/**
 * Batches submitted through the gateway: the input files uploaded for them and each batch with what it reserved,
 * kept in the state store's database so that any node can answer for them and the one that first sees a batch end
 * settles it, exactly once ({@link BatchStore#claim}).
 */
package io.tollgate.cluster.batch;
