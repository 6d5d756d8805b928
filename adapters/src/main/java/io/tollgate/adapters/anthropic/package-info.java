/** The adapter for Anthropic's Messages API. */
package io.tollgate.adapters.anthropic;
