package org.remarketing.core.templates;

import java.io.Writer;
import java.util.Arrays;

/**
 * An unsynchronised in-memory writer for rendering. Not {@link java.io.StringWriter}: its
 * {@code StringBuffer} locks on every write, and a {@code StringBuilder} copies appended
 * {@code char[]} blocks (FreeMarker's static text) one char at a time; here every write is a bulk
 * copy into a {@code char[]}.
 */
final class RenderWriter extends Writer {

	/** Enough for a typical email's HTML part without growing. */
	private static final int CAPACITY = 16 * 1024;

	/** Larger buffers are not kept for the next rendering. */
	private static final int MAX_KEPT = 256 * 1024;

	/**
	 * A buffer per thread, reused from one rendering to the next (allocating and zeroing 32 KB per
	 * email cost more than a tenth of the rendering). A JDK type, so that nothing of the plugin's
	 * class loader stays reachable from the host's threads.
	 */
	private static final ThreadLocal<char[]> SPARE = new ThreadLocal<>();

	private char[] buffer;

	private int length;

	private RenderWriter(char[] buffer) {
		this.buffer = buffer;
	}

	/** A writer with this thread's spare buffer, or a new one (e.g. while the spare is in use). */
	static RenderWriter open() {
		char[] spare = SPARE.get();
		if (spare == null) {
			return new RenderWriter(new char[CAPACITY]);
		}
		SPARE.set(null);
		return new RenderWriter(spare);
	}

	/** Gives the buffer back for the next rendering on this thread; the writer is done. */
	void release() {
		if (this.buffer.length <= MAX_KEPT) {
			SPARE.set(this.buffer);
		}
		this.buffer = null;
	}

	@Override
	public void write(int c) {
		ensureRoom(1);
		this.buffer[this.length++] = (char) c;
	}

	@Override
	public void write(char[] chars, int offset, int count) {
		ensureRoom(count);
		System.arraycopy(chars, offset, this.buffer, this.length, count);
		this.length += count;
	}

	@Override
	public void write(String text) {
		write(text, 0, text.length());
	}

	@Override
	public void write(String text, int offset, int count) {
		ensureRoom(count);
		text.getChars(offset, offset + count, this.buffer, this.length);
		this.length += count;
	}

	@Override
	public Writer append(CharSequence text) {
		write(String.valueOf(text));
		return this;
	}

	/** What was written since the last call, and starts afresh. */
	String take() {
		String text = new String(this.buffer, 0, this.length);
		this.length = 0;
		return text;
	}

	private void ensureRoom(int count) {
		if (this.length + count > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + count));
		}
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

}
