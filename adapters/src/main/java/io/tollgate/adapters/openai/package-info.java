/** The adapter for any OpenAI-compatible API, Azure OpenAI included. */
package io.tollgate.adapters.openai;
