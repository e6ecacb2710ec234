package dev.arbiter.registry.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HungarianTests {

	@Test
	void findsTheKnownOptimumOfTheTextbookCostMatrices() {
		// Minimum-cost examples, maximised as negated weights: the optimum is the negated minimum.
		assertThat(total(negate(new long[][] { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } }))).isEqualTo(-5);
		assertThat(total(negate(new long[][] { { 9, 2, 7, 8 }, { 6, 4, 3, 7 }, { 5, 8, 1, 8 }, { 7, 6, 9, 4 } }))).isEqualTo(-13);
		long[][] jobs = { { 82, 83, 69, 92 }, { 77, 37, 49, 92 }, { 11, 69, 5, 86 }, { 8, 9, 98, 23 } };
		var chosen = Hungarian.maximize(negate(jobs));
		assertThat(chosen).containsExactly(2, 1, 0, 3);
		assertThat(total(negate(jobs))).isEqualTo(-140);
	}

	@Test
	void maximisesAWideMatrixUsingEveryRow() {
		long[][] weights = { { 1, 2, 3 }, { 2, 4, 6 } };
		assertThat(Hungarian.maximize(weights)).containsExactly(1, 2);
		assertThat(total(weights)).isEqualTo(8);
	}

	@Test
	void padsATallMatrixAndLeavesTheRowsItCannotPlaceUnassigned() {
		long[][] weights = { { 5, 1 }, { 9, 2 }, { 7, 8 } };
		var chosen = Hungarian.maximize(weights);
		assertThat(chosen).containsExactly(-1, 0, 1);
		assertThat(total(weights)).isEqualTo(17);
	}

	@Test
	void handlesEmptyAndSingleCellMatrices() {
		assertThat(Hungarian.maximize(new long[0][0])).isEmpty();
		assertThat(Hungarian.maximize(new long[][] { {} })).containsExactly(-1);
		assertThat(Hungarian.maximize(new long[][] { { 7 } })).containsExactly(0);
	}

	@Test
	void rejectsRaggedMatrices() {
		assertThatThrownBy(() -> Hungarian.maximize(new long[][] { { 1, 2 }, { 3 } })).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void equalsBruteForceOnFiveHundredRandomMatricesUpToSixBySix() {
		var random = new Random(20_260_123);
		for (int round = 0; round < 500; round++) {
			int rows = 1 + random.nextInt(6);
			int columns = 1 + random.nextInt(6);
			var weights = new long[rows][columns];
			boolean withNegatives = round % 3 == 0;
			boolean sparse = round % 3 == 1;
			for (var row : weights) {
				for (int c = 0; c < columns; c++) {
					row[c] = sparse && random.nextInt(3) == 0 ? 0
							: withNegatives ? random.nextInt(201) - 100 : random.nextInt(101);
				}
			}
			var chosen = Hungarian.maximize(weights);
			assertValid(chosen, rows, columns);
			assertThat(total(weights)).as("round %d: %s", round, Arrays.deepToString(weights)).isEqualTo(bruteForce(weights));
		}
	}

	@Test
	void solvesLargerMatricesIntoAValidAssignmentAtLeastAsGoodAsGreedy() {
		var random = new Random(7);
		var weights = new long[60][90];
		for (var row : weights) {
			for (int c = 0; c < row.length; c++) {
				row[c] = random.nextInt(1000);
			}
		}
		var chosen = Hungarian.maximize(weights);
		assertValid(chosen, 60, 90);
		assertThat(total(weights)).isGreaterThanOrEqualTo(greedy(weights));
	}

	private static void assertValid(int[] chosen, int rows, int columns) {
		assertThat(chosen).hasSize(rows);
		var seen = new HashSet<Integer>();
		int placed = 0;
		for (int column : chosen) {
			assertThat(column).isBetween(-1, columns - 1);
			if (column >= 0) {
				assertThat(seen.add(column)).as("column %d chosen twice", column).isTrue();
				placed++;
			}
		}
		assertThat(placed).as("every row, or every column, is placed").isEqualTo(Math.min(rows, columns));
	}

	private static long total(long[][] weights) {
		var chosen = Hungarian.maximize(weights);
		long sum = 0;
		for (int row = 0; row < chosen.length; row++) {
			if (chosen[row] >= 0) {
				sum += weights[row][chosen[row]];
			}
		}
		return sum;
	}

	/** The best sum over every way to match the smaller side completely into the larger one. */
	private static long bruteForce(long[][] weights) {
		int rows = weights.length;
		int columns = weights[0].length;
		if (rows <= columns) {
			return best(weights, 0, new boolean[columns]);
		}
		var transposed = new long[columns][rows];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) {
				transposed[c][r] = weights[r][c];
			}
		}
		return best(transposed, 0, new boolean[rows]);
	}

	private static long best(long[][] weights, int row, boolean[] used) {
		if (row == weights.length) {
			return 0;
		}
		long best = Long.MIN_VALUE;
		for (int c = 0; c < used.length; c++) {
			if (!used[c]) {
				used[c] = true;
				best = Math.max(best, weights[row][c] + best(weights, row + 1, used));
				used[c] = false;
			}
		}
		return best;
	}

	private static long greedy(long[][] weights) {
		var used = new boolean[weights[0].length];
		long sum = 0;
		for (var row : weights) {
			int pick = -1;
			for (int c = 0; c < row.length; c++) {
				if (!used[c] && (pick < 0 || row[c] > row[pick])) {
					pick = c;
				}
			}
			used[pick] = true;
			sum += row[pick];
		}
		return sum;
	}

	private static long[][] negate(long[][] costs) {
		var weights = new long[costs.length][];
		for (int r = 0; r < costs.length; r++) {
			weights[r] = Arrays.stream(costs[r]).map(cost -> -cost).toArray();
		}
		return weights;
	}
}
