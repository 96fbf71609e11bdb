package dev.tsforge.covariate;

import dev.tsforge.model.CovariateKind;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which covariate series a member of a collection reads by name: its own, else its collection's. The one place this
 * rule is written, for one series ({@link #overlay}) and for all members of a collection at once, from the
 * declarations one query returns ({@link CovariateService#visibleIn}), so that a check over ten thousand members
 * costs no query per member.
 */
public final class CovariateVisibility {

    private final Map<String, CovariateKind> shared;
    private final Map<String, Map<Long, CovariateKind>> own;

    private CovariateVisibility(Map<String, CovariateKind> shared, Map<String, Map<Long, CovariateKind>> own) {
        this.shared = shared;
        this.own = own;
    }

    /** @param declared every covariate of a collection and of its members */
    static CovariateVisibility of(Collection<CovariateDeclaration> declared) {
        Map<String, CovariateKind> shared = new HashMap<>();
        Map<String, Map<Long, CovariateKind>> own = new HashMap<>();
        for (CovariateDeclaration declaration : declared) {
            if (declaration.seriesId() == null) {
                shared.put(declaration.name(), declaration.kind());
            } else {
                own.computeIfAbsent(declaration.name(), n -> new HashMap<>())
                        .put(declaration.seriesId(), declaration.kind());
            }
        }
        return new CovariateVisibility(shared, own);
    }

    /** The covariates one series reads, by name: {@code collections}' overridden by its {@code own}. */
    static <T> Map<String, T> overlay(List<T> collections, List<T> own, Function<T, String> name) {
        Map<String, T> visible = new LinkedHashMap<>();
        collections.forEach(c -> visible.put(name.apply(c), c));
        own.forEach(c -> visible.put(name.apply(c), c));
        return visible;
    }

    /** The kind member {@code seriesId} reads covariate {@code name} as, or null when it reads none of that name. */
    public CovariateKind kind(long seriesId, String name) {
        return own.getOrDefault(name, Map.of()).getOrDefault(seriesId, shared.get(name));
    }

    /**
     * Of each of {@code names}, the kind each of {@code members} reads it as, by series id, in member order; a member
     * that reads none of that name is absent.
     */
    public Map<String, Map<Long, CovariateKind>> kinds(List<Long> members, List<String> names) {
        Map<String, Map<Long, CovariateKind>> kinds = new LinkedHashMap<>();
        for (String name : names) {
            Map<Long, CovariateKind> byMember = new LinkedHashMap<>();
            for (long member : members) {
                CovariateKind kind = kind(member, name);
                if (kind != null) {
                    byMember.put(member, kind);
                }
            }
            kinds.put(name, byMember);
        }
        return kinds;
    }
}
