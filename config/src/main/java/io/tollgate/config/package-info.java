/**
 * Tollgate's configuration model: immutable records read from one YAML file and validated before the node
 * listens. {@link io.tollgate.config.ConfigLoader} resolves which file to read, substitutes {@code ${NAME}}
 * from the environment and reports every problem with the file and the path inside it.
 */
package io.tollgate.config;
