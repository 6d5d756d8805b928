package io.tollgate.adapters.pricing;

import java.util.List;

/**
 * Recognises the prefixes of Bedrock's system-defined cross-region inference profiles: a geography
 * ({@code us.anthropic.claude-sonnet-4-20250514-v1:0}, {@code eu.}, {@code apac.}, {@code jp.}, {@code au.},
 * {@code ca.}, {@code us-gov.}) or {@code global.}. A profile id is priced as its model's catalog entry unless the
 * catalog lists the profile id itself: AWS bills geographic profiles at the source region's in-region rate, while
 * the global profiles of recent Claude models are about 10% cheaper and so have entries of their own.
 */
final class InferenceProfile {

    private static final List<String> PREFIXES =
            List.of("us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov.", "global.");

    private InferenceProfile() {
    }

    /** The model id without its profile prefix, or the very same instance when it has none. */
    static String strip(String model) {
        for (String prefix : PREFIXES) {
            if (model.length() > prefix.length() && model.startsWith(prefix)) {
                return model.substring(prefix.length());
            }
        }
        return model;
    }
}
