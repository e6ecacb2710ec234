package dev.arbiter.benchmark;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads an organization's suites and their items; the one SQL home of reads of {@code suites}
 * and {@code suite_items}. Other modules (evaluation) read suites through it; items are read in
 * position order, a slice at a time, so a suite of any size can be walked through.
 */
@Component
public class SuiteCatalog {

	private static final String SELECT_SUITE = """
			select s.id, s.name, s.version, s.domain_id, d.slug as domain, s.description, s.scoring, s.kind,
			       (select count(*) from suite_items i where i.suite_id = s.id) as item_count, s.created_at, s.updated_at
			from suites s join domains d on d.id = s.domain_id
			""";

	private static final String SELECT_ITEM = """
			select id, suite_id, position, prompt, messages, expected, difficulty, tags, metadata, prompt_sha256, created_at
			from suite_items
			""";

	private static final String SUITE_FILTERS = """
			 where s.org_id = :org and (cast(:domain as uuid) is null or s.domain_id = :domain)
			   and (cast(:name as varchar) is null or s.name = :name) and (cast(:version as varchar) is null or s.version = :version)
			""";

	private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() {
	};

	private static final TypeReference<List<SuiteItem.ChatMessage>> MESSAGES = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	SuiteCatalog(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<Suite> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT_SUITE + " where s.org_id = :org and s.id = :id")
			.param("org", orgId)
			.param("id", id)
			.query(this::suite)
			.optional();
	}

	public Optional<Suite> byName(UUID orgId, String name, String version) {
		return jdbc.sql(SELECT_SUITE + " where s.org_id = :org and s.name = :name and s.version = :version")
			.param("org", orgId)
			.param("name", name)
			.param("version", version)
			.query(this::suite)
			.optional();
	}

	/** Suites by name and version, optionally only those of one domain, of one name, or of one version. */
	public Page<Suite> page(UUID orgId, UUID domainId, String name, String version, PageRequest request) {
		var items = jdbc.sql(SELECT_SUITE + SUITE_FILTERS + " order by s.name, s.version limit :limit offset :offset")
			.param("org", orgId)
			.param("domain", domainId)
			.param("name", name)
			.param("version", version)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(this::suite)
			.list();
		long total = jdbc.sql("select count(*) from suites s" + SUITE_FILTERS)
			.param("org", orgId)
			.param("domain", domainId)
			.param("name", name)
			.param("version", version)
			.query(Long.class)
			.single();
		return request.of(items, total);
	}

	public Optional<SuiteItem> item(UUID orgId, UUID suiteId, UUID itemId) {
		return jdbc.sql(SELECT_ITEM + " where org_id = :org and suite_id = :suite and id = :id")
			.param("org", orgId)
			.param("suite", suiteId)
			.param("id", itemId)
			.query(this::item)
			.optional();
	}

	/**
	 * Up to {@code limit} items of a suite after {@code afterPosition} (0 for the first), in
	 * position order: pass the last item's position to read the next slice.
	 */
	public List<SuiteItem> items(UUID orgId, UUID suiteId, int afterPosition, int limit) {
		return jdbc.sql(SELECT_ITEM + " where org_id = :org and suite_id = :suite and position > :after order by position limit :limit")
			.param("org", orgId)
			.param("suite", suiteId)
			.param("after", afterPosition)
			.param("limit", limit)
			.query(this::item)
			.list();
	}

	public Page<SuiteItem> itemPage(UUID orgId, UUID suiteId, PageRequest request) {
		var items = jdbc.sql(SELECT_ITEM + " where org_id = :org and suite_id = :suite order by position limit :limit offset :offset")
			.param("org", orgId)
			.param("suite", suiteId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(this::item)
			.list();
		return request.of(items, itemCount(orgId, suiteId));
	}

	public long itemCount(UUID orgId, UUID suiteId) {
		return jdbc.sql("select count(*) from suite_items where org_id = :org and suite_id = :suite")
			.param("org", orgId)
			.param("suite", suiteId)
			.query(Long.class)
			.single();
	}

	/** How many items an organization's domain holds over all its suites, and when the newest came. */
	public record DomainItemCount(UUID domainId, long items, OffsetDateTime newestItemAt) {
	}

	/** Per domain that has items: how many, and the newest one's time; a cheap way to notice that items changed. */
	public List<DomainItemCount> itemCountsByDomain(UUID orgId) {
		return jdbc.sql("""
				select s.domain_id, count(*) as items, max(i.created_at) as newest
				from suites s join suite_items i on i.suite_id = s.id
				where s.org_id = :org
				group by s.domain_id
				""")
			.param("org", orgId)
			.query((rs, row) -> new DomainItemCount(rs.getObject("domain_id", UUID.class), rs.getLong("items"),
					rs.getObject("newest", OffsetDateTime.class)))
			.list();
	}

	/**
	 * Up to {@code perDomain} items of each of the organization's domains, keyed by domain id. A
	 * domain's suites take turns (the first item of each, then the second, …), so one large suite
	 * does not crowd out the others.
	 */
	public Map<UUID, List<SuiteItem>> itemsByDomain(UUID orgId, int perDomain) {
		var byDomain = new LinkedHashMap<UUID, List<SuiteItem>>();
		jdbc.sql("""
				select domain_id, id, suite_id, position, prompt, messages, expected, difficulty, tags, metadata,
				       prompt_sha256, created_at
				from (select s.domain_id, i.*, row_number() over (partition by s.domain_id order by i.position, s.created_at, s.id) as turn
				      from suites s join suite_items i on i.suite_id = s.id
				      where s.org_id = :org and i.position <= :limit) t
				where turn <= :limit
				order by domain_id, turn
				""")
			.param("org", orgId)
			.param("limit", perDomain)
			.query((RowCallbackHandler) rs -> byDomain.computeIfAbsent(rs.getObject("domain_id", UUID.class), id -> new ArrayList<>())
				.add(item(rs, 0)));
		return byDomain;
	}

	private Suite suite(ResultSet rs, int row) throws SQLException {
		return new Suite(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("version"),
				rs.getObject("domain_id", UUID.class), rs.getString("domain"), rs.getString("description"),
				json.readValue(rs.getString("scoring"), OBJECTS), SuiteKind.fromWire(rs.getString("kind")),
				rs.getLong("item_count"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

	private SuiteItem item(ResultSet rs, int row) throws SQLException {
		var messages = rs.getString("messages");
		return new SuiteItem(rs.getObject("id", UUID.class), rs.getObject("suite_id", UUID.class), rs.getInt("position"),
				rs.getString("prompt"), messages == null ? null : json.readValue(messages, MESSAGES),
				json.readValue(rs.getString("expected"), STRINGS), rs.getObject("difficulty", Integer.class),
				json.readValue(rs.getString("tags"), STRINGS), json.readValue(rs.getString("metadata"), OBJECT),
				rs.getString("prompt_sha256"), rs.getObject("created_at", OffsetDateTime.class));
	}
}
