/** Cache keys: the canonical request hash, the semantic partition and the text to embed. */
package io.tollgate.cache.key;
