package org.remarketing.core.contacts;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * Rows as maps with the same Java types on every database: times as {@link java.time.Instant}
 * (stored as UTC wall-clock values; drivers differ in what {@code getObject} gives for a
 * DATETIME), dates as {@link java.sql.Date},
 * whole numbers as Long, decimals as BigDecimal.
 */
final class SqlRows {

	static final RowMapper<Map<String, Object>> MAPPER = SqlRows::map;

	private SqlRows() {
	}

	static List<Map<String, Object>> list(JdbcOperations jdbc, String sql, Object... args) {
		return jdbc.query(sql, MAPPER, args);
	}

	private static Map<String, Object> map(ResultSet rs, int rowNum) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		Map<String, Object> row = new LinkedCaseInsensitiveMap<>(meta.getColumnCount(), Locale.ROOT);
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			String name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
			Object value;
			switch (meta.getColumnType(i)) {
				case Types.TIMESTAMP:
				case Types.TIMESTAMP_WITH_TIMEZONE:
					LocalDateTime time = rs.getObject(i, LocalDateTime.class);
					value = (time != null) ? time.toInstant(ZoneOffset.UTC) : null;
					break;
				case Types.DATE:
					value = rs.getDate(i);
					break;
				case Types.TINYINT:
				case Types.SMALLINT:
				case Types.INTEGER:
				case Types.BIGINT:
					long number = rs.getLong(i);
					value = rs.wasNull() ? null : number;
					break;
				case Types.DECIMAL:
				case Types.NUMERIC:
					value = rs.getBigDecimal(i);
					break;
				case Types.BIT:
				case Types.BOOLEAN:
					boolean flag = rs.getBoolean(i);
					value = rs.wasNull() ? null : flag;
					break;
				case Types.CLOB:
				case Types.NCLOB:
				case Types.LONGVARCHAR:
				case Types.LONGNVARCHAR:
					value = rs.getString(i);
					break;
				default:
					value = rs.getObject(i);
			}
			row.put(name, value);
		}
		return row;
	}

}
