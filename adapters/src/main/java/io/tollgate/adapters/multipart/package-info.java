/** {@code multipart/form-data} bodies (file uploads), read and written whole. */
package io.tollgate.adapters.multipart;
