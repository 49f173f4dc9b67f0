package dev.lockstep.property;

/**
 * A part of a property's run space, for splitting it over CI jobs: shard {@code index} of
 * {@code count} takes the runs whose index {@code i} has {@code i % count == index}.
 *
 * <h2>Guarantees</h2>
 * For a fixed seed and run count, the shards {@code 0/n .. (n-1)/n} are disjoint and together
 * take exactly the runs of {@code 0/1}, whatever {@code n}; each shard takes every run index at or
 * above its own index in steps of {@code n}, so shards are within one run of each other in size.
 * The run count is the total over all shards: four shards of {@code LOCKSTEP_RUNS=100000} run
 * 25,000 each.
 *
 * <h2>Text form</h2>
 * {@code i/n} with a 0-based index, as CI systems number their jobs
 * ({@code JOB_COMPLETION_INDEX}, a matrix of {@code [0, 1, 2, 3]}).
 *
 * @param index this shard, {@code 0 <= index < count}
 * @param count how many shards the run space is split into, {@code >= 1}
 */
public record Shard(int index, int count) {
    /** The whole run space. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be >= 1, got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index " + index + " is out of range for " + count
                    + " shards; indices are 0-based: 0/" + count + " .. " + (count - 1) + "/" + count);
        }
    }

    /**
     * Parses {@code i/n}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Shard parse(String text) {
        String s = text == null ? "" : text.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("shard must be written index/count, like 0/4 (0-based), got '" + s + "'");
        }
        int index;
        int count;
        try {
            index = Integer.parseInt(s.substring(0, slash).strip());
            count = Integer.parseInt(s.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be written index/count with two integers, like 0/4, got '"
                    + s + "'");
        }
        return new Shard(index, count);
    }

    /** Whether run {@code run} belongs to this shard. */
    public boolean contains(int run) {
        return run % count == index;
    }

    /** The run indices of this shard among {@code runs} runs, ascending. */
    public int[] runs(int runs) {
        if (runs <= index) {
            return new int[0];
        }
        int[] out = new int[(runs - index - 1) / count + 1];
        for (int k = 0; k < out.length; k++) {
            out[k] = index + k * count;
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
