package dev.arbiter.tenancy.internal;

import dev.arbiter.shared.Time;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import dev.arbiter.shared.Conflict;
import dev.arbiter.tenancy.OrganizationCreated;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of organizations, and their creation (which lets other modules seed the new organization). */
@Repository
class Organizations {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Organizations(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Must run inside a transaction: the seeding listeners write in it too. */
	Organization create(String name) {
		if (byName(name).isPresent()) {
			throw new Conflict("name", "An organization named '" + name + "' already exists");
		}
		var org = new Organization(UUID.randomUUID(), name, Time.now());
		jdbc.sql("insert into organizations (id, name, created_at) values (:id, :name, :created)")
			.param("id", org.id())
			.param("name", org.name())
			.param("created", org.createdAt())
			.update();
		events.publishEvent(new OrganizationCreated(org.id(), org.name()));
		return org;
	}

	Optional<Organization> byId(UUID id) {
		return jdbc.sql("select id, name, created_at from organizations where id = :id")
			.param("id", id)
			.query(Organization.class)
			.optional();
	}

	Optional<Organization> byName(String name) {
		return jdbc.sql("select id, name, created_at from organizations where name = :name")
			.param("name", name)
			.query(Organization.class)
			.optional();
	}

	void rename(UUID id, String name) {
		jdbc.sql("update organizations set name = :name where id = :id").param("name", name).param("id", id).update();
	}

	long count() {
		return jdbc.sql("select count(*) from organizations").query(Long.class).single();
	}

	record Organization(UUID id, String name, OffsetDateTime createdAt) {
	}
}
