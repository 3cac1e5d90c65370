package org.civicledger.projections.rebuild;

import java.util.List;

/**
 * A table of a read model and its primary key columns: what a rebuild empties and refills, and the order in
 * which {@link ProjectionChecksum} reads its rows.
 */
public record ReadModelTable(String name, List<String> primaryKey) {

    public ReadModelTable {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a read-model table name is lower-case letters, digits and underscores: " + name);
        }
        primaryKey = List.copyOf(primaryKey);
        if (primaryKey.isEmpty() || !primaryKey.stream().allMatch(column -> column.matches("[a-z][a-z0-9_]*"))) {
            throw new IllegalArgumentException("table " + name + " needs primary key columns named in lower case");
        }
    }

    public static ReadModelTable of(String name, String... primaryKey) {
        return new ReadModelTable(name, List.of(primaryKey));
    }
}
