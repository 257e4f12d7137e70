package org.remarketing.core.system;

import java.util.Map;

/**
 * Adds one part to the plugin's status report (the admin status screen's data), the way
 * Spring Boot's {@code InfoContributor} adds to {@code /actuator/info}.
 */
@FunctionalInterface
public interface StatusContributor {

	/**
	 * Puts this contributor's top-level entries into the report.
	 * @param status the report, in the order the contributors run
	 */
	void contribute(Map<String, Object> status);

}
