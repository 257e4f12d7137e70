package org.remarketing.web.email;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.core.channels.email.RecoveryTarget;

/** Remembers the carts it was asked to restore and hands them on. */
final class RecordingCartRestorer implements CartRestorer {

	final List<RecoveryTarget> restored = new CopyOnWriteArrayList<>();

	private final CartRestorer delegate;

	RecordingCartRestorer(CartRestorer delegate) {
		this.delegate = delegate;
	}

	@Override
	public void restore(RecoveryTarget target, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		this.restored.add(target);
		this.delegate.restore(target, request, response);
	}

}
