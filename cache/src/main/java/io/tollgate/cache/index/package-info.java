/** The node-local nearest-neighbour index (Lucene HNSW). */
package io.tollgate.cache.index;
