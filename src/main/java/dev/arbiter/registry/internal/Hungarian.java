package dev.arbiter.registry.internal;

import java.util.Arrays;

/**
 * The Hungarian (Kuhn–Munkres) algorithm: a maximum-weight assignment of rows to columns.
 *
 * <p>This is the shortest-augmenting-path form with row and column potentials: each row is added
 * in turn and the potentials keep every reduced cost non-negative, so the whole run is
 * O(rows² × columns). It needs rows ≤ columns; a matrix with more rows than columns is padded
 * with zero-weight columns, and a row that ends on a padding column is unassigned.
 *
 * <p>When rows ≤ columns every row is assigned; otherwise every real column is. To allow "leave
 * unassigned", give the pairs that must not be chosen weight 0 and every allowed pair a positive
 * weight: an optimum then never prefers a 0 pair to one it could have chosen, and the caller
 * treats a chosen 0 pair as unassigned.
 */
final class Hungarian {

	private Hungarian() {
	}

	/**
	 * The columns chosen for each row, maximising the sum of the chosen weights; {@code -1} for a
	 * row left on a padding column. Weights must stay within ±{@code Long.MAX_VALUE / 8} in total.
	 */
	static int[] maximize(long[][] weights) {
		int rows = weights.length;
		if (rows == 0) {
			return new int[0];
		}
		int columns = weights[0].length;
		for (var row : weights) {
			if (row.length != columns) {
				throw new IllegalArgumentException("every row needs the same number of columns");
			}
		}
		int width = Math.max(rows, columns);
		// 1-based, as in the textbook form: index 0 is the virtual column every augmenting path starts from.
		long[] rowPotential = new long[rows + 1];
		long[] columnPotential = new long[width + 1];
		int[] rowOfColumn = new int[width + 1];
		int[] previous = new int[width + 1];
		long[] slack = new long[width + 1];
		boolean[] visited = new boolean[width + 1];
		long infinity = Long.MAX_VALUE / 4;

		for (int row = 1; row <= rows; row++) {
			rowOfColumn[0] = row;
			int column = 0;
			Arrays.fill(slack, infinity);
			Arrays.fill(visited, false);
			do {
				visited[column] = true;
				int current = rowOfColumn[column];
				long delta = infinity;
				int next = 0;
				for (int j = 1; j <= width; j++) {
					if (!visited[j]) {
						long reduced = cost(weights, current - 1, j - 1, columns) - rowPotential[current] - columnPotential[j];
						if (reduced < slack[j]) {
							slack[j] = reduced;
							previous[j] = column;
						}
						if (slack[j] < delta) {
							delta = slack[j];
							next = j;
						}
					}
				}
				for (int j = 0; j <= width; j++) {
					if (visited[j]) {
						rowPotential[rowOfColumn[j]] += delta;
						columnPotential[j] -= delta;
					}
					else {
						slack[j] -= delta;
					}
				}
				column = next;
			}
			while (rowOfColumn[column] != 0);
			do {
				int from = previous[column];
				rowOfColumn[column] = rowOfColumn[from];
				column = from;
			}
			while (column != 0);
		}

		int[] chosen = new int[rows];
		Arrays.fill(chosen, -1);
		for (int j = 1; j <= columns; j++) {
			if (rowOfColumn[j] != 0) {
				chosen[rowOfColumn[j] - 1] = j - 1;
			}
		}
		return chosen;
	}

	/** The cost the minimising core works on: the negated weight, 0 on padding columns. */
	private static long cost(long[][] weights, int row, int column, int columns) {
		return column < columns ? -weights[row][column] : 0;
	}
}
