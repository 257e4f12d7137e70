package org.remarketing.core.segments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ConsentChannel;
import org.remarketing.core.schema.DatabaseVendor;
import org.remarketing.core.tracking.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema the admin screen takes its hints from and the examples of docs/segment-rules.md
 * say what the compiler accepts.
 */
class RuleSchemaAndDocsTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void theSchemaOffersExactlyTheAllowListedFieldsOperatorsAndNames() throws IOException {
		JsonNode definitions = schema().get("definitions");
		Map<String, List<String>> operators = new HashMap<>();
		definitions.forEach((definition) -> {
			JsonNode properties = definition.path("properties");
			if (properties.has("field")) {
				List<String> ops = strings(properties.get("op").get("enum"));
				strings(properties.get("field").get("enum")).forEach((field) -> operators.put(field, ops));
			}
		});
		Map<String, List<String>> allowed = Arrays.stream(RuleField.values())
			.collect(Collectors.toMap(RuleField::wireName, (field) -> field.kind()
				.operators()
				.stream()
				.map(RuleOperator::wireName)
				.collect(Collectors.toList())));
		assertThat(operators).isEqualTo(allowed);
		assertThat(strings(definitions.get("stage").get("enum"))).isEqualTo(RuleField.STAGE.codes());
		assertThat(strings(definitions.get("checkoutStep").get("enum"))).isEqualTo(RuleField.CHECKOUT_STEP.codes());
		assertThat(strings(definitions.get("eventType").get("enum")))
			.isEqualTo(Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toList()));
		assertThat(strings(definitions.get("consent").get("properties").get("consent").get("enum")))
			.containsAll(Arrays.stream(ConsentChannel.values())
				.map((channel) -> channel.name().toLowerCase(Locale.ROOT))
				.collect(Collectors.toList()));
		assertThat(definitions.get("all").get("properties").get("all").get("maxItems").asInt())
			.isEqualTo(SegmentRule.MAX_CONDITIONS);
		// every kind of node the schema offers is one the compiler reads
		definitions.get("node").get("oneOf").forEach((ref) -> assertThat(definitions
			.has(ref.get("$ref").asText().replace("#/definitions/", ""))).isTrue());
	}

	@Test
	void theDocumentedExamplesAreAcceptedAndReadAsDocumented() throws IOException {
		String docs = Files.readString(Path.of("../../docs/segment-rules.md"), StandardCharsets.UTF_8);
		Matcher example = Pattern.compile("```json\\n(.*?)```\\n> (.*?)\\n", Pattern.DOTALL).matcher(docs);
		List<String> described = new ArrayList<>();
		while (example.find()) {
			SegmentRule rule = SegmentRule.parse(example.group(1));
			assertThat(rule.describe()).isEqualTo(example.group(2));
			assertThat(new RuleCompiler(new SqlDialect(DatabaseVendor.H2))
				.compile(rule, Instant.now())
				.condition()).isNotBlank();
			described.add(example.group(2));
		}
		assertThat(described).hasSize(5);
	}

	private static JsonNode schema() throws IOException {
		try (InputStream in = RuleSchemaAndDocsTests.class.getClassLoader()
			.getResourceAsStream("remarketing/segment-rule.schema.json")) {
			assertThat(in).as("schema on the classpath").isNotNull();
			return JSON.readTree(in);
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asText()));
		return values;
	}

}
