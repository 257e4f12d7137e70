package org.remarketing.core.shop;

import java.util.Objects;

/**
 * A merchant store as the plugin refers to it: its code and its display name.
 */
public final class StoreSummary {

	private final String code;

	private final String name;

	public StoreSummary(String code, String name) {
		this.code = Objects.requireNonNull(code, "code");
		this.name = name;
	}

	public String code() {
		return this.code;
	}

	public String name() {
		return this.name;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof StoreSummary)) {
			return false;
		}
		StoreSummary that = (StoreSummary) other;
		return this.code.equals(that.code) && Objects.equals(this.name, that.name);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.code, this.name);
	}

	@Override
	public String toString() {
		return this.code + " (" + this.name + ")";
	}

}
