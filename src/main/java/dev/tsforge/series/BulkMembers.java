package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * The series one upload touches, numbered from 0 in the order they first appear ("members"), with what the upload
 * learns about each: the grid indexes it has seen (to refuse a timestamp given twice), whether a value was negative,
 * how many points it has and their time and value range, and (told by the writer) how many of them replaced stored
 * ones: what the series row's {@link PointStats} need, without reading the stored points.
 */
final class BulkMembers {

    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<String, SeriesRepository.Member> existing = new HashMap<>();
    private final List<String> uniqueIds = new ArrayList<>();
    private final List<Roaring64Bitmap> seen = new ArrayList<>();
    private final int maxSeries;
    private long[] seriesIds = new long[64];
    private boolean[] negative = new boolean[64];
    private long[] pointCounts = new long[64];
    private long[] updatedCounts = new long[64];
    private long[] firstSeconds = new long[64];
    private long[] lastSeconds = new long[64];
    private double[] minValues = new double[64];
    private double[] maxValues = new double[64];
    // long-format files come grouped by series: most rows name the series of the row before
    private String lastUniqueId;
    private int lastNumber;

    BulkMembers(List<SeriesRepository.Member> stored, int maxSeries) {
        stored.forEach(member -> existing.put(member.uniqueId(), member));
        this.maxSeries = maxSeries;
    }

    /**
     * The member number of a {@code unique_id}, numbering it when new to this upload.
     *
     * @throws ApiProblemException 413 past {@code maxSeries}
     */
    int number(String uniqueId) {
        if (uniqueId.equals(lastUniqueId)) {
            return lastNumber;
        }
        Integer number = numbers.get(uniqueId);
        if (number != null) {
            lastUniqueId = uniqueId;
            lastNumber = number;
            return number;
        }
        int next = uniqueIds.size();
        if (next == maxSeries) {
            throw new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The upload touches more than " + maxSeries
                    + " series (tsforge.limits.bulk.max-series); nothing was stored. Split it by unique_id.",
                    Map.of("maxSeries", maxSeries));
        }
        if (next == seriesIds.length) {
            seriesIds = Arrays.copyOf(seriesIds, next * 2);
            negative = Arrays.copyOf(negative, next * 2);
            pointCounts = Arrays.copyOf(pointCounts, next * 2);
            updatedCounts = Arrays.copyOf(updatedCounts, next * 2);
            firstSeconds = Arrays.copyOf(firstSeconds, next * 2);
            lastSeconds = Arrays.copyOf(lastSeconds, next * 2);
            minValues = Arrays.copyOf(minValues, next * 2);
            maxValues = Arrays.copyOf(maxValues, next * 2);
        }
        firstSeconds[next] = Long.MAX_VALUE;
        lastSeconds[next] = Long.MIN_VALUE;
        minValues[next] = Double.POSITIVE_INFINITY;
        maxValues[next] = Double.NEGATIVE_INFINITY;
        SeriesRepository.Member stored = existing.get(uniqueId);
        seriesIds[next] = stored == null ? 0 : stored.id();
        numbers.put(uniqueId, next);
        uniqueIds.add(uniqueId);
        seen.add(new Roaring64Bitmap());
        lastUniqueId = uniqueId;
        lastNumber = next;
        return next;
    }

    /** Records a grid index for the member; false when the upload had it already. */
    boolean firstTime(int member, long gridIndex) {
        Roaring64Bitmap indexes = seen.get(member);
        if (indexes.contains(gridIndex)) {
            return false;
        }
        indexes.addLong(gridIndex);
        return true;
    }

    /** A point of the member that goes to the writer. */
    void stored(int member, long epochSecond, double value) {
        pointCounts[member]++;
        firstSeconds[member] = Math.min(firstSeconds[member], epochSecond);
        lastSeconds[member] = Math.max(lastSeconds[member], epochSecond);
        minValues[member] = Math.min(minValues[member], value);
        maxValues[member] = Math.max(maxValues[member], value);
        if (value < 0) {
            negative[member] = true;
        }
    }

    /** The writer found {@code count} more of the member's points stored already and replaced their values. */
    void replaced(int member, long count) {
        updatedCounts[member] += count;
    }

    /** What the upload adds to the member's series row: new points, and the time and value range of all it wrote. */
    SeriesRepository.AddedPoints added(int member) {
        return new SeriesRepository.AddedPoints(seriesIds[member], pointCounts[member] - updatedCounts[member],
                Instant.ofEpochSecond(firstSeconds[member]), Instant.ofEpochSecond(lastSeconds[member]),
                minValues[member], maxValues[member]);
    }

    /** Whether the upload wrote any point of the member (a member is numbered before its row is checked). */
    boolean anyStored(int member) {
        return pointCounts[member] > 0;
    }

    int size() {
        return uniqueIds.size();
    }

    String uniqueId(int member) {
        return uniqueIds.get(member);
    }

    /** The member's series id, 0 while its series is still to be created. */
    long seriesId(int member) {
        return seriesIds[member];
    }

    void created(int member, long seriesId) {
        seriesIds[member] = seriesId;
    }

    boolean isNew(int member) {
        return !existing.containsKey(uniqueIds.get(member));
    }

    boolean negativeInUpload(int member) {
        return negative[member];
    }

    /** Whether the member's stored values had a negative one before the upload. */
    boolean storedNegative(int member) {
        SeriesRepository.Member stored = existing.get(uniqueIds.get(member));
        return stored != null && stored.hasNegative();
    }
}
