package org.remarketing.web.email;

import javax.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;

/** The error pages the email endpoints share. */
final class LinkErrors {

	private LinkErrors() {
	}

	/** 400 for a missing, malformed or forged token; the last says the link is invalid or expired. */
	static ResponseEntity<String> token(LinkPages pages, HttpServletRequest request, LinkToken.Check check) {
		switch (check) {
			case MISSING:
				return badRequest(pages, request, "bad.missing");
			case MALFORMED:
				return badRequest(pages, request, "bad.malformed");
			default:
				return invalid(pages, request);
		}
	}

	/** @param reasonKey the text saying what was wrong ({@code bad.*}) */
	static ResponseEntity<String> badRequest(LinkPages pages, HttpServletRequest request, String reasonKey) {
		return pages.page(request, 400).title("bad.title").paragraph(reasonKey).paragraph("bad.body").html();
	}

	static ResponseEntity<String> invalid(LinkPages pages, HttpServletRequest request) {
		return pages.page(request, 400).title("invalid.title").paragraph("invalid.body").html();
	}

	static ResponseEntity<String> notFound(LinkPages pages, HttpServletRequest request) {
		return pages.page(request, 404).title("notfound.title").paragraph("notfound.body").html();
	}

}
