package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;

import dev.arbiter.registry.ModelStatus;

/** The columns of a model that callers set; create fills them from defaults, update from the stored model. */
record ModelFields(String name, UUID providerId, String displayName, String description, String tier, Integer contextWindow,
		List<String> capabilities, BigDecimal minGpuMemoryGb, ModelStatus status, String version, UUID parentModelId,
		boolean reference, List<String> tags) {

	static ModelFields of(Model model) {
		return new ModelFields(model.name(), model.providerId(), model.displayName(), model.description(), model.tier(),
				model.contextWindow(), model.capabilities(), model.minGpuMemoryGb(), model.status(), model.version(),
				model.parentModelId(), model.reference(), model.tags());
	}

	Map<String, Object> parameters(ObjectMapper json) {
		var map = new HashMap<String, Object>();
		map.put("name", name);
		map.put("provider", providerId);
		map.put("display", displayName);
		map.put("description", description);
		map.put("tier", tier);
		map.put("context", contextWindow);
		map.put("capabilities", json.writeValueAsString(capabilities == null ? List.of() : capabilities));
		map.put("minGpu", minGpuMemoryGb);
		map.put("status", (status == null ? ModelStatus.ACTIVE : status).wire());
		map.put("version", version);
		map.put("parent", parentModelId);
		map.put("reference", reference);
		map.put("tags", json.writeValueAsString(tags == null ? List.of() : tags));
		return map;
	}
}
