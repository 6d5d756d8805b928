/** Embedders: text to unit vectors, in process or through a provider. */
package io.tollgate.cache.embed;
