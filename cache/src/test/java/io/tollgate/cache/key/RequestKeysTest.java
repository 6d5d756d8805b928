package io.tollgate.cache.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.config.CacheConfig;
import org.junit.jupiter.api.Test;

class RequestKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestKeys LAST_USER = RequestKeys.create(CacheConfig.EmbedInput.DEFAULT, "minilm");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static RequestKey key(String body) {
        return LAST_USER.of("vk:1", "openai/gpt-4o", RequestFormat.OPENAI_CHAT, json(body));
    }

    /**
     * The key bytes of format k2 must not move (entries already stored would never be found again; a change needs a
     * new version): the ids of a fixed request, pinned.
     */
    @Test
    void shouldKeepTheKeysOfFormatK2() {
        RequestKey pinned = key("""
                {"model":"gpt-4o-mini","temperature":0,"max_tokens":64,"tools":[{"type":"function","function":
                {"name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}],
                "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is 2+2?"},
                {"role":"assistant","content":"4"},{"role":"user","content":[{"type":"text","text":"And 3+3? é"}]}]}""");
        assertThat(pinned.exactId()).isEqualTo("963d2d035c15aacc381583e3dd61ae75b73cda6cb4a9985bd1844ef71f8805ce");
        assertThat(pinned.partition()).isEqualTo("6097f20f685980b0c5967bdbd3873ae3f08fbb15ce6997a89f527b1e303926bb");
    }

    @Test
    void shouldHashTheSameRequestTheSameWhateverItsKeyOrderWhitespaceAndNumberForm() {
        RequestKey a = key("""
                {"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"Hi"}],
                 "response_format":{"type":"json_object"}}""");
        RequestKey b = key("""
                {  "response_format" : { "type" : "json_object" },
                   "messages": [ { "content": "Hi", "role": "user" } ],
                   "temperature": 1.0, "model": "gpt-4o" }""");

        assertThat(a.exactId()).isEqualTo(b.exactId());
        assertThat(a.partition()).isEqualTo(b.partition());
    }

    @Test
    void shouldShareEntriesBetweenStreamingAndWholeRequests() {
        assertThat(key("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").exactId())
                .isEqualTo(key("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").exactId());
    }

    @Test
    void shouldChangeTheExactIdAndThePartitionWithAParameter() {
        RequestKey cold = key("{\"model\":\"m\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        RequestKey warm = key("{\"model\":\"m\",\"temperature\":0.5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(cold.exactId()).isNotEqualTo(warm.exactId());
        assertThat(cold.partition()).isNotEqualTo(warm.partition());
    }

    @Test
    void shouldSeparateScopesAndTargets() {
        JsonNode body = json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        RequestKey one = LAST_USER.of("vk:1", "openai/m", RequestFormat.OPENAI_CHAT, body);

        assertThat(LAST_USER.of("vk:2", "openai/m", RequestFormat.OPENAI_CHAT, body).exactId()).isNotEqualTo(one.exactId());
        assertThat(LAST_USER.of("vk:2", "openai/m", RequestFormat.OPENAI_CHAT, body).partition())
                .isNotEqualTo(one.partition());
        assertThat(LAST_USER.of("vk:1", "azure/m", RequestFormat.OPENAI_CHAT, body).partition())
                .isNotEqualTo(one.partition());
    }

    @Test
    void shouldEmbedTheLastUserMessageAndKeepTheRestInThePartition() {
        RequestKey paraphrase = key("""
                {"model":"m","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"What is the capital of France?"}]}""");
        RequestKey other = key("""
                {"model":"m","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"Tell me France's capital city"}]}""");
        RequestKey otherSystem = key("""
                {"model":"m","messages":[{"role":"system","content":"Be verbose."},
                 {"role":"user","content":"Tell me France's capital city"}]}""");

        assertThat(paraphrase.text()).contains("What is the capital of France?");
        assertThat(other.partition()).isEqualTo(paraphrase.partition());
        assertThat(other.exactId()).isNotEqualTo(paraphrase.exactId());
        assertThat(otherSystem.partition()).isNotEqualTo(paraphrase.partition());
    }

    @Test
    void shouldEmbedTheLastTurnsWithTheirRolesAndTheSystemPromptWhenAsked() {
        RequestKeys turns = RequestKeys.create(new CacheConfig.EmbedInput(CacheConfig.EmbedInput.Source.LAST_TURNS,
                2, true), "minilm");
        RequestKey key = turns.of("s", "t/m", RequestFormat.ANTHROPIC_MESSAGES, json("""
                {"model":"m","max_tokens":10,"system":"Be brief.","messages":[
                 {"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"},
                 {"role":"user","content":[{"type":"text","text":"Capital of France?"}]}]}"""));

        assertThat(key.text()).contains("system: Be brief.\nassistant: Hello!\nuser: Capital of France?");
    }

    @Test
    void shouldNotEmbedAnImage() {
        RequestKey key = key("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}""");

        assertThat(key.text()).isEmpty();
    }

    @Test
    void shouldRefuseNonDeterministicRequests() {
        assertThat(Cacheability.refusal(RequestFormat.OPENAI_CHAT, json("{\"temperature\":1.5}"), 1.0))
                .contains("temperature");
        assertThat(Cacheability.refusal(RequestFormat.OPENAI_CHAT, json("{\"temperature\":1.0}"), 1.0)).isEmpty();
        assertThat(Cacheability.refusal(RequestFormat.OPENAI_CHAT, json("{\"n\":2}"), 1.0)).contains("n");
        assertThat(Cacheability.refusal(RequestFormat.OPENAI_CHAT, json("""
                {"messages":[{"role":"user","content":"weather?"},{"role":"assistant","tool_calls":[]},
                 {"role":"tool","tool_call_id":"c1","content":"sunny"}]}"""), 1.0)).contains("tool_results");
        assertThat(Cacheability.refusal(RequestFormat.ANTHROPIC_MESSAGES, json("""
                {"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"x"}]}]}"""),
                1.0)).contains("tool_results");
    }

    @Test
    void shouldWriteCanonicalJson() {
        assertThat(CanonicalJson.write(json("{\"b\":[1.50, 2e0, 0.0, \"x\\ny\"], \"a\":{\"d\":null,\"c\":true}}")))
                .isEqualTo("{\"a\":{\"c\":true,\"d\":null},\"b\":[1.5,2,0,\"x\\ny\"]}");
    }
}
