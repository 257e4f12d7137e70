package org.remarketing.web.segments;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A segment's members as CSV (RFC 4180, CRLF line ends), safe to open in a spreadsheet: a cell
 * that starts like a formula ({@code = + - @}, or a tab or carriage return that some programs skip)
 * is prefixed with an apostrophe, so a shopper's name is never run as a formula.
 */
final class SegmentCsv {

	static final List<String> HEADER = List.of("contact_id", "email", "first_name", "last_name", "language", "stage",
			"entered_at");

	private static final List<String> KEYS = List.of("contactId", "email", "firstName", "lastName", "language", "stage",
			"enteredAt");

	private SegmentCsv() {
	}

	static void header(Writer out) throws IOException {
		line(out, HEADER);
	}

	static void member(Writer out, Map<String, Object> member) throws IOException {
		List<String> cells = new ArrayList<>(KEYS.size());
		for (String key : KEYS) {
			Object value = member.get(key);
			cells.add((value != null) ? value.toString() : "");
		}
		line(out, cells);
	}

	private static void line(Writer out, List<String> cells) throws IOException {
		StringBuilder line = new StringBuilder();
		for (String cell : cells) {
			if (line.length() > 0) {
				line.append(',');
			}
			line.append(cell(cell));
		}
		out.write(line.append("\r\n").toString());
	}

	static String cell(String value) {
		String safe = value;
		if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
			safe = "'" + safe;
		}
		boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
				|| safe.indexOf('\r') >= 0;
		return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
	}

}
