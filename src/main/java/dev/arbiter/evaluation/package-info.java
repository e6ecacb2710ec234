/**
 * Evaluation runs, their workers and scorers, the LLM judge and comparison with a reference
 * model. So far: the scorers ({@code internal.scoring}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation")
package dev.arbiter.evaluation;
