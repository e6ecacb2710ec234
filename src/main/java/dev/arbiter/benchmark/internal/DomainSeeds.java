package dev.arbiter.benchmark.internal;

import java.util.List;
import java.util.UUID;

import dev.arbiter.benchmark.StarterSuites;
import dev.arbiter.tenancy.OrganizationCreated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Gives a new organization the ten domains of seed 000 and a starter suite for each, in the transaction that creates it. */
@Component
class DomainSeeds {

	record Seed(String slug, String name, String description) {
	}

	static final List<Seed> DOMAINS = List.of(
			new Seed("math", "Math & Numerical Reasoning",
					"Arithmetic, algebra, word problems and numerical reasoning with a single correct number as the answer."),
			new Seed("logic", "Logic & Deductive Reasoning",
					"Syllogisms, puzzles, deductions and consistency checks where the conclusion must follow from the premises."),
			new Seed("general-knowledge", "General Knowledge",
					"Factual questions about history, geography, science, culture and everyday facts."),
			new Seed("summarization", "Summarization",
					"Condensing articles, reports, conversations or documents into short faithful summaries."),
			new Seed("instruction-following", "Instruction Following",
					"Doing exactly what the instructions say: format, length, constraints, structured output such as JSON."),
			new Seed("classification", "Classification",
					"Assigning labels to text: sentiment, topic, intent, spam, category, multiple choice."),
			new Seed("code", "Code / Technical Reasoning",
					"Writing, explaining, reviewing and debugging code; algorithms, SQL, shell and technical questions."),
			new Seed("safety", "Safety & Compliance",
					"Refusing harmful requests, handling sensitive topics, privacy, policy and compliance questions."),
			new Seed("open-qa", "Open-Ended Q&A / Conversational Quality",
					"Open questions, advice, explanations and conversation judged on helpfulness and quality."),
			new Seed("stress", "Stress / Edge Cases",
					"Adversarial, ambiguous, very long, malformed or multilingual inputs that probe robustness."));

	private final Domains domains;

	private final StarterSuites starters;

	DomainSeeds(Domains domains, StarterSuites starters) {
		this.domains = domains;
		this.starters = starters;
	}

	/** The domains first, then the starter suites, which each belong to one of them. */
	@EventListener
	void seed(OrganizationCreated event) {
		for (var seed : DOMAINS) {
			domains.insert(event.orgId(), UUID.randomUUID(), seed.slug(), seed.name(), seed.description());
		}
		starters.loadInto(event.orgId());
	}
}
