package org.remarketing.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The core stays plain Java + Spring JDBC/TX + FreeMarker, so that the same core can serve a
 * Spring Boot 3 / jakarta host later and never drags the store's jars along.
 */
class ArchitectureTests {

	private final JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.remarketing.core");

	@Test
	void coreKnowsNoServletBootJpaOrShopizer() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("javax.servlet..", "org.springframework.boot..", "javax.persistence..",
					"org.hibernate..", "com.salesmanager..")
			.check(this.core);
	}

	@Test
	void coreDependsOnNoOtherPluginModule() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.remarketing.web..", "org.remarketing.shopizer..", "org.remarketing.kafka..",
					"org.remarketing.autoconfigure..")
			.check(this.core);
	}

}
