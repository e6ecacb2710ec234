package dev.arbiter.shared;

/**
 * What a caller asked of a list: {@code ?page=0&size=50}. Bound from query parameters by Spring
 * MVC; out-of-range values are rejected, not silently clamped.
 */
public record PageRequest(Integer page, Integer size) {

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	public PageRequest {
		if (page != null && page < 0) {
			throw new InvalidInput("page", "must be 0 or more");
		}
		if (size != null && (size < 1 || size > MAX_SIZE)) {
			throw new InvalidInput("size", "must be between 1 and " + MAX_SIZE);
		}
	}

	public static PageRequest first(int size) {
		return new PageRequest(0, size);
	}

	public int pageNumber() {
		return page == null ? 0 : page;
	}

	public int limit() {
		return size == null ? DEFAULT_SIZE : size;
	}

	public long offset() {
		return (long) pageNumber() * limit();
	}

	/** This page of a short list that is read whole (tiers, domains, routes). */
	public <T> Page<T> slice(java.util.List<T> all) {
		int from = (int) Math.min(offset(), all.size());
		return of(all.subList(from, Math.min(from + limit(), all.size())), all.size());
	}

	public <T> Page<T> of(java.util.List<T> items, long total) {
		return new Page<>(items, pageNumber(), limit(), total);
	}
}
