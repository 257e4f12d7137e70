package org.remarketing.core.contacts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The plugin's private JSON mapper for payloads and proofs; never a bean (the host owns ObjectMapper). */
final class ContactJson {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<LinkedHashMap<String, Object>>() {
	};

	private ContactJson() {
	}

	static String write(Object value) {
		try {
			return MAPPER.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Not JSON-ready: " + ex.getOriginalMessage(), ex);
		}
	}

	/** A JSON object as a map; anything unreadable as an empty map (payloads written by older versions). */
	static Map<String, Object> readMap(String json) {
		if (json == null || json.isEmpty()) {
			return Collections.emptyMap();
		}
		try {
			return MAPPER.readValue(json, MAP);
		}
		catch (JsonProcessingException ex) {
			return Collections.emptyMap();
		}
	}

}
