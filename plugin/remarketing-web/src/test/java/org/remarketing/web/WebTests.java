package org.remarketing.web;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What the admin API tests share: an H2 database of their own with the plugin's schema, and events. */
public final class WebTests {

	private WebTests() {
	}

	public static RemarketingSchema migratedSchema(String name) {
		DataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		RemarketingSchema schema = new RemarketingSchema(dataSource, WebTests.class.getClassLoader());
		schema.migrate();
		return schema;
	}

	/** An event with properties given as key, value, key, value… */
	public static TrackedEvent event(EventType type, EventSource source, ShopperIds ids, Instant at,
			Object... properties) {
		TrackedEvent.Builder builder = TrackedEvent.builder(type, source).shopper(ids).occurredAt(at);
		for (int i = 0; i < properties.length; i += 2) {
			builder.property((String) properties[i], properties[i + 1]);
		}
		return builder.build();
	}

}
