package org.remarketing.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Across all the plugin's modules (this one sees them all): only the Shopizer adapter knows
 * Shopizer, so that the plugin never needs Shopizer's jars anywhere else.
 */
class ModuleBoundaryTests {

	private final JavaClasses plugin = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.remarketing");

	@Test
	void onlyTheShopizerAdapterImportsShopizer() {
		noClasses().that()
			.resideOutsideOfPackage("org.remarketing.shopizer..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.salesmanager..")
			.check(this.plugin);
	}

	@Test
	void webKnowsNothingOfSpringBoot() {
		noClasses().that()
			.resideInAPackage("org.remarketing.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..", "org.remarketing.autoconfigure..")
			.check(this.plugin);
	}

}
