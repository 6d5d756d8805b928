package io.tollgate.node.providers.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI-compatible servers whose usage reports only prompt and completion tokens (no cache or reasoning detail):
 * the golden answer's usage is plain input and output.
 */
abstract class PlainUsageContract extends OpenAiFamilyContract {

    private static final int PROMPT = 1800;
    private static final int COMPLETION = 240;

    @Override
    protected ObjectNode goldenUsage() {
        return openAiUsage(PROMPT, 0, COMPLETION, 0);
    }

    @Override
    protected Golden.Tokens golden(boolean stream) {
        return new Golden.Tokens(PROMPT, 0, 0, 0, COMPLETION, 0);
    }
}
