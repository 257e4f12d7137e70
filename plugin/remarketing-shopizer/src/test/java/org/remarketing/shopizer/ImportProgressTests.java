package org.remarketing.shopizer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The history import's checkpoint survives a restart as one short line in rmk_setting. */
class ImportProgressTests {

	private static final List<String> PHASES = List.of("carts", "customers", "optins", "orders");

	@Test
	void aCheckpointReadsBackAsItWasWritten() {
		ImportProgress progress = new ImportProgress(PHASES);
		progress.total("customers", 34);
		progress.add("customers", 34, 33, 1);
		progress.add("orders", 500, 503, 0);
		progress.at("orders", 1234);

		ImportProgress read = ImportProgress.parse(progress.toString(), PHASES);

		assertThat(read.phase()).isEqualTo("orders");
		assertThat(read.after()).isEqualTo(1234);
		assertThat(read.events()).isEqualTo(536);
		assertThat(read.counts()).isEqualTo(progress.counts());
		assertThat(read.counts().get("customers")).isEqualTo(Map.of("read", 34L, "of", 34L, "events", 33L, "skipped", 1L));
		assertThat(progress.toString().length()).isLessThan(200);
	}

	@Test
	void aBrokenOrForeignLineStartsFromTheBeginningRatherThanSkippingAnything() {
		ImportProgress read = ImportProgress.parse("phase=payments;after=12;orders=x,1;at=2024-01-01T00:00:00Z;junk", PHASES);
		assertThat(read.phase()).as("an unknown phase is no position").isNull();
		assertThat(read.events()).isZero();
	}

}
