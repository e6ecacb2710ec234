package dev.arbiter.routing.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.tenancy.EntityChanged;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the gateway needs of an organization (models, upstreams, routes), cached and refreshed in
 * the background every few seconds, so requests do not query the registry.
 */
@Component
class OrgViews {

	/** The audit log's entity types of what a view holds. */
	private static final Set<String> REGISTRY = Set.of("model", "model_price", "model_params", "agent", "assignment", "provider", "tier");

	private final ModelCatalog catalog;

	private final Routes routes;

	private final LoadingCache<UUID, OrgView> views;

	OrgViews(ModelCatalog catalog, Routes routes) {
		this.catalog = catalog;
		this.routes = routes;
		this.views = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(Duration.ofSeconds(5)).build(this::load);
	}

	record OrgView(Map<String, ModelCatalog.ModelInfo> models, List<ModelCatalog.Upstream> upstreams, Map<String, Route> routes) {
	}

	OrgView of(UUID orgId) {
		return views.get(orgId);
	}

	/** Forgets an organization's view at once (after its routes changed). */
	void forget(UUID orgId) {
		views.invalidate(orgId);
	}

	/** A model, agent, assignment, provider or tier changed: the next request sees it. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(EntityChanged change) {
		if (REGISTRY.contains(change.entityType())) {
			forget(change.orgId());
		}
	}

	private OrgView load(UUID orgId) {
		var models = new LinkedHashMap<String, ModelCatalog.ModelInfo>();
		catalog.all(orgId).forEach(model -> models.put(model.name(), model));
		var named = new LinkedHashMap<String, Route>();
		routes.all(orgId).forEach(route -> named.put(route.name(), route));
		return new OrgView(models, catalog.upstreams(orgId), named);
	}
}
