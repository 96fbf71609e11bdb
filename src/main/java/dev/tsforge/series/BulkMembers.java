package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * The series one upload touches, numbered from 0 in the order they first appear ("members"), with what the upload
 * learns about each: the grid indexes it has seen (to refuse a timestamp given twice), whether a value was negative.
 */
final class BulkMembers {

    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<String, SeriesRepository.Member> existing = new HashMap<>();
    private final List<String> uniqueIds = new ArrayList<>();
    private final List<Roaring64Bitmap> seen = new ArrayList<>();
    private final int maxSeries;
    private long[] seriesIds = new long[64];
    private boolean[] negative = new boolean[64];
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
        }
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

    void sawNegative(int member) {
        negative[member] = true;
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
