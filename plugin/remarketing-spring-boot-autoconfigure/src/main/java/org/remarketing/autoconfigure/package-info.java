/**
 * Spring Boot auto-configuration of the remarketing plugin (Spring Boot 2.5 and later).
 */
package org.remarketing.autoconfigure;
