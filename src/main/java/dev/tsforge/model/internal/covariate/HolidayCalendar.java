package dev.tsforge.model.internal.covariate;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.tsforge.model.InvalidSpecException;
import java.time.LocalDate;
import java.time.Year;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public holidays of a country or region (a code such as {@code DE}, {@code US-NY} or {@code DE-BY}: the
 * country, then Jollyday's region path), from Jollyday's maintained data. Only {@code PUBLIC_HOLIDAY}s count, on
 * their actual date and, where a holiday is observed on another day (a US holiday on a Saturday, kept on the
 * Friday), on that day too. Years are looked up once per region and kept: holiday dates never change for a year.
 */
public final class HolidayCalendar {

    private static final Map<String, Set<LocalDate>> YEARS = new ConcurrentHashMap<>();

    private final String code;
    private final HolidayManager manager;
    private final String[] regions;

    private HolidayCalendar(String code, HolidayManager manager, String[] regions) {
        this.code = code;
        this.manager = manager;
        this.regions = regions;
    }

    /** @throws InvalidSpecException naming the code when Jollyday has no calendar for the country or region */
    public static HolidayCalendar of(String code) {
        String[] parts = code.trim().toLowerCase(Locale.ROOT).split("-");
        String country = parts[0];
        boolean known = HolidayManager.getSupportedCalendarCodes().stream()
                .anyMatch(c -> c.equalsIgnoreCase(country));
        if (!known || country.isEmpty()) {
            throw new InvalidSpecException("covariates.holidays", "no holiday calendar for '" + code + "': use an "
                    + "ISO 3166 country code Jollyday knows (DE, US, GB, FR, ...), optionally with a region (US-NY, "
                    + "DE-BY)");
        }
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country));
        String[] regions = Arrays.copyOfRange(parts, 1, parts.length);
        CalendarHierarchy level = manager.getCalendarHierarchy();
        for (String region : regions) {
            level = level.getChildren().get(region);
            if (level == null) {
                throw new InvalidSpecException("covariates.holidays", "no holiday region '" + region + "' in '"
                        + code + "': " + country.toUpperCase(Locale.ROOT) + "'s regions are "
                        + new TreeSet<>(manager.getCalendarHierarchy().getChildren().keySet()).toString()
                                .toUpperCase(Locale.ROOT));
            }
        }
        return new HolidayCalendar(code.trim().toUpperCase(Locale.ROOT), manager, regions);
    }

    /** @throws InvalidSpecException as {@link #of} does */
    public static void check(String code) {
        of(code);
    }

    public boolean isHoliday(LocalDate date) {
        // a New Year's Day observed on the Friday before lies in the year before its own
        return year(date.getYear()).contains(date) || year(date.getYear() + 1).contains(date);
    }

    /**
     * Days from {@code date} to the nearest holiday on or after it ({@code forward}) or on or before it, at most
     * {@code reach}: 0 on a holiday, {@code reach} when none lies within it.
     */
    public int daysTo(LocalDate date, boolean forward, int reach) {
        for (int d = 0; d < reach; d++) {
            if (isHoliday(forward ? date.plusDays(d) : date.minusDays(d))) {
                return d;
            }
        }
        return reach;
    }

    /** The holidays of one year, sorted: for tests and the README. */
    public NavigableSet<LocalDate> holidays(int year) {
        return new TreeSet<>(year(year));
    }

    private Set<LocalDate> year(int year) {
        return YEARS.computeIfAbsent(code + "/" + year, key -> {
            Set<LocalDate> dates = new HashSet<>();
            for (Holiday holiday : manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, regions)) {
                dates.add(holiday.getActualDate());
                holiday.getObservedDate().ifPresent(dates::add);
            }
            return Set.copyOf(dates);
        });
    }
}
