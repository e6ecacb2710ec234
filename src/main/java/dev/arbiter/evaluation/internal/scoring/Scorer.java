package dev.arbiter.evaluation.internal.scoring;

/**
 * Turns one model answer into a {@link Score}. Implementations are immutable and thread-safe: one
 * instance scores every item of a run, from several workers at once.
 *
 * <p>Build them with {@link Scorers}. A scorer that needs more than text (an LLM judge, a reference
 * model) is registered there with {@link Scorers#with}.
 */
public interface Scorer {

	/** The name its scores carry. */
	String name();

	Score score(ScoringInput input);

}
