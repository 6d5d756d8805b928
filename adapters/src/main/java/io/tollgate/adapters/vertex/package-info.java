/**
 * Google Vertex AI: Gemini models in Gemini's format and Anthropic's Claude models in Anthropic's, authorised by
 * OAuth tokens that Google's auth library mints from each key's service account and refreshes before they expire.
 * Google's types stay inside this package.
 */
package io.tollgate.adapters.vertex;
