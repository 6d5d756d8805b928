package io.tollgate.node.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpSecurity;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import java.util.function.Supplier;

/**
 * A routing builder that adds every route to the real one and records it in a {@link RouteTable}. The methods that
 * name a method and a path are recorded as they are; every other way of adding a route (Helidon's defaults end in
 * {@link #route(HttpRoute)}) and every service is recorded as unreadable, so nothing is added unseen.
 */
final class RecordingRouting implements HttpRouting.Builder {

    private final HttpRouting.Builder delegate;
    private final RouteTable table;
    private final RouteTable.Scope scope;

    RecordingRouting(HttpRouting.Builder delegate, RouteTable table, RouteTable.Scope scope) {
        this.delegate = delegate;
        this.table = table;
        this.scope = scope;
    }

    private HttpRouting.Builder add(Method method, String path, Handler... handlers) {
        table.record(scope, method, path, List.of(handlers));
        if (method == null) {
            delegate.any(path, handlers);
        } else {
            for (Handler handler : handlers) {
                delegate.route(method, path, handler);
            }
        }
        return this;
    }

    @Override
    public HttpRouting.Builder get(String path, Handler... handlers) {
        return add(Method.GET, path, handlers);
    }

    @Override
    public HttpRouting.Builder post(String path, Handler... handlers) {
        return add(Method.POST, path, handlers);
    }

    @Override
    public HttpRouting.Builder put(String path, Handler... handlers) {
        return add(Method.PUT, path, handlers);
    }

    @Override
    public HttpRouting.Builder delete(String path, Handler... handlers) {
        return add(Method.DELETE, path, handlers);
    }

    @Override
    public HttpRouting.Builder patch(String path, Handler... handlers) {
        return add(Method.PATCH, path, handlers);
    }

    @Override
    public HttpRouting.Builder head(String path, Handler... handlers) {
        return add(Method.HEAD, path, handlers);
    }

    @Override
    public HttpRouting.Builder options(String path, Handler... handlers) {
        return add(Method.OPTIONS, path, handlers);
    }

    @Override
    public HttpRouting.Builder any(String path, Handler... handlers) {
        return add(null, path, handlers);
    }

    @Override
    public HttpRouting.Builder any(Handler... handlers) {
        table.record(scope, null, "*", List.of(handlers));
        delegate.any(handlers);
        return this;
    }

    @Override
    public HttpRouting.Builder route(Method method, String path, Handler handler) {
        return add(method, path, handler);
    }

    @Override
    public HttpRouting.Builder route(HttpRoute route) {
        table.recordUnreadable("route " + route.pathMatcher().map(Object::toString).orElse("(no path)"));
        delegate.route(route);
        return this;
    }

    @Override
    public HttpRouting.Builder register(HttpService... services) {
        table.recordUnreadable("service at /");
        delegate.register(services);
        return this;
    }

    @Override
    public HttpRouting.Builder register(String path, HttpService... services) {
        table.recordUnreadable("service at " + path);
        delegate.register(path, services);
        return this;
    }

    @Override
    public HttpRouting.Builder addFilter(Filter filter) {
        delegate.addFilter(filter);
        return this;
    }

    @Override
    public HttpRouting.Builder addFeature(Supplier<? extends HttpFeature> feature) {
        delegate.addFeature(feature);
        return this;
    }

    @Override
    public <T extends Throwable> HttpRouting.Builder error(Class<T> type, ErrorHandler<? super T> handler) {
        delegate.error(type, handler);
        return this;
    }

    @Override
    public HttpRouting.Builder maxReRouteCount(int count) {
        delegate.maxReRouteCount(count);
        return this;
    }

    @Override
    public HttpRouting.Builder security(HttpSecurity security) {
        delegate.security(security);
        return this;
    }

    @Override
    public HttpRouting.Builder copy() {
        return new RecordingRouting(delegate.copy(), table, scope);
    }

    @Override
    public HttpRouting build() {
        return delegate.build();
    }
}
