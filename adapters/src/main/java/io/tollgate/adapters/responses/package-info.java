/**
 * OpenAI's Responses API: its requests turned into Chat Completions requests for upstreams without it, and chat
 * answers (whole or streamed) turned back into Response objects and Responses event streams; the native relay of
 * an OpenAI upstream's own Responses stream, reading its usage.
 */
package io.tollgate.adapters.responses;
