package dev.arbiter.routing;

import java.util.List;

/**
 * Which domain a query belongs to.
 *
 * @param domain     the slug of the chosen domain: the most probable one, or the default domain when
 *                   {@code fallback}
 * @param confidence the probability of the most probable domain, 0–1 (also when falling back)
 * @param fallback   whether the classifier was not sure (confidence below the minimum, or a text it
 *                   cannot read) and chose the default domain instead
 * @param scores     every domain of the organization, most probable first
 */
public record Classification(String domain, double confidence, boolean fallback, List<DomainScore> scores) {

	public Classification {
		scores = List.copyOf(scores);
	}

	/**
	 * @param similarity  cosine between the query and the domain's centroid, both centred on the mean of
	 *                    the organization's texts, -1–1
	 * @param probability softmax of the similarities at the configured temperature; over all domains they sum to 1
	 */
	public record DomainScore(String domain, double similarity, double probability) {
	}
}
