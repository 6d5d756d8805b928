/**
 * The HTTP surfaces on Helidon SE: the OpenAI-compatible routes (also under {@code /openai}), the Anthropic Messages
 * route under {@code /anthropic}, and health. Thin: read and check the body, run the pipeline, write the answer.
 */
package io.tollgate.node.http;
