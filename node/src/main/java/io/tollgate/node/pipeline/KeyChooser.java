package io.tollgate.node.pipeline;

import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks one of a provider's keys at random in proportion to the keys' weights. Thread-safe. */
final class KeyChooser {

    private final List<ProviderKey> keys;
    private final int[] cumulative;

    private KeyChooser(List<ProviderKey> keys) {
        this.keys = keys;
        this.cumulative = new int[keys.size()];
        int sum = 0;
        for (int i = 0; i < keys.size(); i++) {
            sum += keys.get(i).weight();
            cumulative[i] = sum;
        }
    }

    static KeyChooser of(ProviderConfig provider) {
        return new KeyChooser(provider.keys());
    }

    ProviderKey choose() {
        if (keys.size() == 1) {
            return keys.get(0);
        }
        int pick = ThreadLocalRandom.current().nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (pick < cumulative[i]) {
                return keys.get(i);
            }
        }
        return keys.get(keys.size() - 1);
    }
}
