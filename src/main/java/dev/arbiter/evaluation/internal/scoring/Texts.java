package dev.arbiter.evaluation.internal.scoring;

/** Small helpers for the details that scores carry. */
final class Texts {

	private static final int MAX = 80;

	private Texts() {
	}

	static String abbreviate(String text) {
		String oneLine = text.replaceAll("\\s+", " ").strip();
		return oneLine.length() <= MAX ? oneLine : oneLine.substring(0, MAX - 1) + "…";
	}

}
