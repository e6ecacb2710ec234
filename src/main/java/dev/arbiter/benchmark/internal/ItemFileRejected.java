package dev.arbiter.benchmark.internal;

import dev.arbiter.shared.ArbiterException;

import org.springframework.http.HttpStatus;

/** An imported file is unreadable or holds a bad item; the message names the line or record. Nothing was imported. */
class ItemFileRejected extends ArbiterException {

	ItemFileRejected(String where, String message) {
		super(HttpStatus.BAD_REQUEST, where + ": " + message);
	}

	static ItemFileRejected atLine(long line, String message) {
		return new ItemFileRejected("line " + line, message);
	}

	@Override
	public String title() {
		return "Invalid import file";
	}
}
