package io.tollgate.node.providers.contract;

import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.GoogleServiceAccount;
import io.tollgate.node.testing.NodeHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Vertex provider of a contract: a throwaway service account whose token endpoint the contract's fake serves,
 * and the provider fields that point the node at both.
 */
final class VertexKeys {

    static final String PROJECT = "contract-ai";
    static final String REGION = "us-east5";

    private VertexKeys() {
    }

    /** Registers the account's token endpoint on {@code upstream} and returns a vertex provider's fields. */
    static String providerFields(FakeUpstream upstream, GoogleServiceAccount account) {
        upstream.on("/oauth/contract", account.tokenEndpoint());
        try {
            Path keyFile = Files.writeString(Path.of(NodeHarness.tempDir(), "contract-sa.json"),
                    account.json(upstream.url() + "/oauth/contract"));
            return "type: vertex, project: %s, region: %s, base_url: \"%s/vertex\", keys: [ { name: sa, value: \"%s\" } ]"
                    .formatted(PROJECT, REGION, upstream.url(), keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a publisher's model method under the fake. */
    static String path(String publisher, String model, String method) {
        return "/vertex/v1/projects/" + PROJECT + "/locations/" + REGION + "/publishers/" + publisher + "/models/"
                + model + ":" + method;
    }
}
