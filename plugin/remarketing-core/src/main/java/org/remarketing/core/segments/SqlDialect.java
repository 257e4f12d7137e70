package org.remarketing.core.segments;

import org.remarketing.core.schema.DatabaseVendor;

/** The few SQL expressions segment conditions need that are written differently per database. */
public final class SqlDialect {

	private final DatabaseVendor vendor;

	public SqlDialect(DatabaseVendor vendor) {
		this.vendor = vendor;
	}

	public DatabaseVendor vendor() {
		return this.vendor;
	}

	/** A timestamp expression plus a whole number of days given by an SQL expression (a column or a parameter). */
	public String plusDays(String timestamp, String days) {
		switch (this.vendor) {
			case POSTGRESQL:
				return "(" + timestamp + " + (" + days + ") * INTERVAL '1 day')";
			case MYSQL:
				return "DATE_ADD(" + timestamp + ", INTERVAL (" + days + ") DAY)";
			default:
				return "DATEADD(DAY, " + days + ", " + timestamp + ")";
		}
	}

	/** A date's month and day as one number, {@code month * 100 + day} (March 5th is 305). */
	public String monthDay(String date) {
		return "(EXTRACT(MONTH FROM " + date + ") * 100 + EXTRACT(DAY FROM " + date + "))";
	}

}
