package io.tollgate.adapters.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a long fuzzing run raise the tries of the fuzz properties, which stay small in the normal build:
 * {@code mvn -pl adapters -am test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtollgate.fuzz.tries=100000} runs each of them 100,000 times. Registered on a class with
 * {@code @AddLifecycleHook(FuzzTries.class)}.
 */
public final class FuzzTries implements AroundPropertyHook {

    /** The system property that overrides the tries of every fuzz property. */
    public static final String PROPERTY = "tollgate.fuzz.tries";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Integer tries = Integer.getInteger(PROPERTY);
        if (tries != null && tries > 0) {
            context.attributes().setTries(tries);
        }
        return property.execute();
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;   // registered on a class, for each of its properties
    }

    @Override
    public int aroundPropertyProximity() {
        return -100;   // outermost: the tries must be set before the property starts
    }
}
