package io.tollgate.node.pipeline;

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

    static KeyChooser of(List<ProviderKey> keys) {
        return new KeyChooser(keys);
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

    /** A key among those named, weighted the same way; empty when none of the names exists. */
    java.util.Optional<ProviderKey> chooseAmong(List<String> names) {
        List<ProviderKey> subset = keys.stream().filter(k -> names.contains(k.name())).toList();
        return subset.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new KeyChooser(subset).choose());
    }
}
