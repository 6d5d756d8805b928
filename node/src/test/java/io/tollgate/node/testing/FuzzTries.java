package io.tollgate.node.testing;

import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The tries of the node's fuzz properties (not of its examples): as their annotations say in the normal build (a
 * few hundred requests, seconds), or {@code -Dtollgate.fuzz.tries=N} for a long run against the same node (the
 * adapters module's fuzz properties read the same property). Registered on a class with
 * {@code @AddLifecycleHook(FuzzTries.class)}.
 */
public final class FuzzTries implements AroundPropertyHook {

    private static final Optional<Integer> ASKED = Optional.ofNullable(Integer.getInteger("tollgate.fuzz.tries"));

    @Override
    public int aroundPropertyProximity() {
        return -100;   // outermost, so that the attributes are set before the property starts
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (!context.targetMethod().isAnnotationPresent(Example.class)) {
            ASKED.filter(tries -> tries > 0).ifPresent(context.attributes()::setTries);
        }
        return property.execute();
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }
}
