package io.myriad.graphdb.concept;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One concept of an import ({@code POST /api/v1/concepts}) or of the seed, as written by its author.
 *
 * @param name the concept's name; canonical once lower case and trimmed
 * @param aliases other names it goes by
 * @param definition one or two sentences saying what it is
 * @param uses what it does or is used for
 * @param facts other statements about it
 * @param relations its outgoing edges to other concepts
 */
public record ConceptInput(
        @NotBlank @Size(max = MAX_NAME_LENGTH) String name,
        @Size(max = 20) List<@NotBlank @Size(max = MAX_NAME_LENGTH) String> aliases,
        @NotBlank @Size(max = 2000) String definition,
        @Size(max = 20) List<@NotBlank @Size(max = 500) String> uses,
        @Size(max = 20) List<@NotBlank @Size(max = 500) String> facts,
        @Size(max = 50) List<@NotNull @Valid RelationInput> relations) {

    /** The longest name a concept, an alias or an agent's concept may have. */
    public static final int MAX_NAME_LENGTH = 100;

    /**
     * The same concept with canonical names (trimmed, lower case, single spaces) for itself, its aliases and its
     * relations' targets, relation types in upper case, and no blank or repeated list entries.
     */
    public ConceptInput canonical() {
        String canonicalName = canonicalName(this.name);
        Set<String> canonicalAliases = new LinkedHashSet<>();
        for (String alias : nonNull(this.aliases)) {
            String canonicalAlias = canonicalName(alias);
            if (canonicalAlias != null && !canonicalAlias.isEmpty() && !canonicalAlias.equals(canonicalName)) {
                canonicalAliases.add(canonicalAlias);
            }
        }
        List<RelationInput> canonicalRelations = new ArrayList<>();
        for (RelationInput relation : nonNull(this.relations)) {
            canonicalRelations.add(relation == null ? null : relation.canonical());
        }
        return new ConceptInput(canonicalName, List.copyOf(canonicalAliases),
                this.definition == null ? null : this.definition.strip(), sentences(this.uses),
                sentences(this.facts), canonicalRelations);
    }

    /** Trimmed, lower case, with runs of white space as one space; {@code null} stays {@code null}. */
    public static String canonicalName(String name) {
        return name == null ? null : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static List<String> sentences(List<String> sentences) {
        Set<String> kept = new LinkedHashSet<>();
        for (String sentence : nonNull(sentences)) {
            if (sentence != null && !sentence.isBlank()) {
                kept.add(sentence.strip());
            }
        }
        return List.copyOf(kept);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
